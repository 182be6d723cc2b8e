/**
 * The standalone server and a real browser, no worker: a page served by a Vite dev server on `http://localhost:<port>`
 * calls `startServer` on `http://127.0.0.1:<port>` — another origin and another site (`localhost` and `127.0.0.1` are
 * different hosts) — with `credentials: 'include'`; and the recipe that always works, Vite's `server.proxy` making
 * the mock same-origin. Chromium's own cookie store is read through playwright's `context.cookies()`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createServer, type ViteDevServer } from 'vite'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startServer, type RunningServer } from '../../server.ts'
import { launchChromium } from './chromium.ts'
import { RESTED_API_KEY } from '../../fixtures/rested.ts'

/** Dreadnode's current-user route (one constant: its path is moving to `GET /api/v1/user`). */
const CURRENT_USER = '/api/v1/user'
const ALICE = { email: 'alice@example.com', password: 'alice-password-1' }

let mock: RunningServer
let vite: ViteDevServer
let root: string
let pageOrigin: string
let browser: Browser
let context: BrowserContext
let page: Page

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })

beforeAll(async () => {
  mock = await startServer({ port: 0, host: '127.0.0.1', log: null })
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'logout-mocks-devserver-'))
  await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>app</title><p>app</p>')
  const port = await freePort()
  // The recipe of the README: the dev server forwards the API paths to the mock, so the page calls its own origin.
  vite = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port, strictPort: true, proxy: { '/api': mock.origin, '/auth': mock.origin } },
  })
  await vite.listen()
  pageOrigin = `http://localhost:${port}`
  browser = await launchChromium()
  context = await browser.newContext()
  page = await context.newPage()
  await page.goto(pageOrigin)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await vite?.close()
  await mock?.close()
  if (root) await fs.rm(root, { recursive: true, force: true })
})

/** Chromium's own cookie names for an origin. */
const jarOf = async (origin: string) => (await context.cookies(origin)).map((c) => c.name).sort()

/** Dreadnode login → current user → logout → current user, and Rested.dev login → secure, from the page to `api`. */
async function flows(api: string, credentials: RequestCredentials | undefined) {
  await context.clearCookies()
  const statuses = await page.evaluate(
    async ({ api, credentials, currentUser, alice, key }) => {
      const init = credentials ? { credentials } : {}
      const post = (url: string, body?: unknown) =>
        fetch(url, { ...init, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
      const rested = `${api}/api/1/ce/examples`
      return {
        dreadnodeLogin: (await post(`${api}/api/v1/auth/login`, alice)).status,
        currentUser: (await fetch(api + currentUser, init)).status,
        restedLogin: (await post(`${rested}/auth?key=${key}&login=true`, alice)).status,
        restedSecure: (await fetch(`${rested}/secure?key=${key}`, init)).status,
      }
    },
    { api, credentials, currentUser: CURRENT_USER, alice: ALICE, key: RESTED_API_KEY },
  )
  const cookies = await jarOf(api)
  const after = await page.evaluate(
    async ({ api, credentials, currentUser }) => {
      const init = credentials ? { credentials } : {}
      const logout = (await fetch(`${api}/api/v1/auth/logout`, { ...init, method: 'POST' })).status
      return { logout, currentUser: (await fetch(api + currentUser, init)).status }
    },
    { api, credentials, currentUser: CURRENT_USER },
  )
  return { ...statuses, cookies, logout: after.logout, currentUserAfter: after.currentUser, cookiesAfter: await jarOf(api) }
}

/** Both logins keep their cookies in Chromium, both authenticate, and Dreadnode's logout clears its two. */
const LOGGED_IN_AND_OUT = {
  dreadnodeLogin: 200,
  currentUser: 200,
  restedLogin: 200,
  restedSecure: 200,
  cookies: ['__Secure-rested-access-token', 'access_token', 'refresh_token'],
  logout: 200,
  currentUserAfter: 401,
  cookiesAfter: ['__Secure-rested-access-token'],
}

describe('Chromium and the standalone server, no worker', () => {
  it("cross-site (localhost page → 127.0.0.1 mock) with credentials: 'include': CORS lets the page read every response, but Chromium keeps no cookie", async () => {
    const r = await flows(mock.origin, 'include')
    // The logins answer 200 and are readable (the reflected origin + Allow-Credentials passed Chromium's CORS check)…
    expect([r.dreadnodeLogin, r.restedLogin]).toEqual([200, 200])
    // …but SameSite=Lax cookies are not set by a cross-site response, and the SameSite=None; Secure one is a
    // third-party cookie, which this Chromium (a fresh profile, like incognito) blocks.
    expect(r.cookies).toEqual([])
    expect([r.currentUser, r.restedSecure, r.logout]).toEqual([401, 401, 401])
  })

  it("same-site (localhost page → localhost mock, another port) with credentials: 'include': every cookie works, Secure ones on http://localhost too", async () => {
    const r = await flows(`http://localhost:${new URL(mock.origin).port}`, 'include')
    expect(r).toEqual(LOGGED_IN_AND_OUT)
  })

  it("the recipe that always works: Vite's server.proxy makes the mock same-origin, with fetch's default credentials", async () => {
    const r = await flows(pageOrigin, undefined)
    expect(r).toEqual(LOGGED_IN_AND_OUT)
  })
})
