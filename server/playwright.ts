/**
 * `logout-mocks/playwright`: a `@playwright/test` fixture that gives each worker (or each test) a lane of its own
 * on one standalone server, so parallel workers never see each other's sessions, scenarios, clocks, rate limits or
 * journals. Start the server once (`webServer: { command: 'npx logout-mocks --quiet', url: 'http://127.0.0.1:9090/__mock' }`)
 * and import `test` from here instead of `@playwright/test`.
 *
 * - `laneVia: 'header'` (default): the browser context sends `X-Mock-Lane: <lane>` on every request (Playwright's
 *   `extraHTTPHeaders`); the app keeps calling the server's one origin.
 * - `laneVia: 'host'`: nothing is added; point the app at `lane.origin` (`http://<lane>.localhost:<port>`), which
 *   browsers resolve to loopback; cookies are then kept apart by host too, as for two real sites.
 * Before each test the lane is reset; `lane.sessions.create()` also puts the minted cookies into the browser context.
 */
import { test as base, expect, type BrowserContext } from '@playwright/test'
import { connectLane, type LaneClient } from './lane-client.ts'
import type { IssuedCredentials } from '../handlers/platform/types.ts'

export { expect }

export interface LaneOptions {
  /** The standalone server's origin (default: env `LOGOUT_MOCKS_ORIGIN`, else `http://127.0.0.1:9090`). */
  mockOrigin: string
  /** `worker` (default): one lane per worker, reset before each test; `test`: a fresh lane per test, deleted after. */
  laneScope: 'worker' | 'test'
  /** How the browser reaches the lane: `header` (default, `X-Mock-Lane` on every request) or `host` (`<lane>.localhost`). */
  laneVia: 'header' | 'host'
  /** The control token, when the server runs with `--control-token`. */
  mockToken: string | undefined
}

export interface LaneFixture extends Omit<LaneClient, 'sessions'> {
  /** Where the app should call the mock: the server's origin (`header`) or `http://<lane>.localhost:<port>` (`host`). */
  readonly origin: string
  /** The server's own origin, whichever way the lane is reached. */
  readonly mockOrigin: string
  readonly sessions: {
    /** Mints credentials in this lane (`POST /__mock/sessions`) and sets their cookies in the test's browser context. */
    create(input: { provider: string; user: string }): Promise<IssuedCredentials>
  }
}

/** The lane's origin as a browser reaches it by host. */
function hostOrigin(mockOrigin: string, lane: string): string {
  const url = new URL(mockOrigin)
  return `${url.protocol}//${lane}.localhost${url.port ? `:${url.port}` : ''}`
}

async function setCookies(context: BrowserContext, origin: string, creds: IssuedCredentials) {
  const cookies = Object.entries(creds.cookies ?? {}).map(([name, value]) => ({ name, value, url: origin }))
  if (cookies.length > 0) await context.addCookies(cookies)
}

let testLanes = 0

/**
 * `test` with a `lane` fixture (and the options above, set in `use` of the config).
 * @example
 * import { test, expect } from 'logout-mocks/playwright'
 * test('logout shows the sign-in page', async ({ page, lane }) => {
 *   await lane.sessions.create({ provider: 'dreadnode', user: 'alice' })
 *   await lane.force('dreadnode.logout.rateLimited', 1)
 *   await page.goto('/')
 *   expect(await lane.journal({ status: '429' })).toHaveLength(1)
 * })
 */
export const test = base.extend<{ lane: LaneFixture }, LaneOptions & { workerLane: LaneClient }>({
  mockOrigin: [(process.env.LOGOUT_MOCKS_ORIGIN ?? 'http://127.0.0.1:9090').replace(/(?<!\/)\/+$/, ''), { option: true, scope: 'worker' }],
  laneScope: ['worker', { option: true, scope: 'worker' }],
  laneVia: ['header', { option: true, scope: 'worker' }],
  mockToken: [process.env.LOGOUT_MOCKS_CONTROL_TOKEN, { option: true, scope: 'worker' }],
  workerLane: [
    async ({ mockOrigin, mockToken }, use, workerInfo) => {
      await use(connectLane({ origin: mockOrigin, lane: `w${workerInfo.workerIndex}`, token: mockToken }))
    },
    { scope: 'worker' },
  ],
  lane: async ({ context, workerLane, mockOrigin, mockToken, laneScope, laneVia }, use, testInfo) => {
    const client = laneScope === 'test' ? connectLane({ origin: mockOrigin, lane: `t${testInfo.workerIndex}-${++testLanes}`, token: mockToken }) : workerLane
    await client.reset()
    const origin = laneVia === 'host' ? hostOrigin(mockOrigin, client.lane) : mockOrigin
    if (laneVia === 'header') await context.setExtraHTTPHeaders({ ...client.headers })
    const fixture: LaneFixture = {
      ...client,
      origin,
      mockOrigin,
      sessions: {
        async create(input) {
          const creds = await client.sessions.create(input)
          await setCookies(context, origin, creds)
          return creds
        },
      },
    }
    await use(fixture)
    if (laneScope === 'test') await client.delete()
  },
})
