/**
 * The vitest recipe of docs/test-runners.md, as written: one standalone server, a lane per worker keyed by VITEST_POOL_ID
 * through connectLane, reset before each test; `it.concurrent` tests in lanes of their own do not leak either.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../server.ts'
import { connectLane, LaneControlError, type LaneClient } from '../../server/lane-client.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', log: null })
})
afterAll(() => server.close())

describe('connectLane, one lane per worker', () => {
  let lane: LaneClient
  beforeAll(() => {
    lane = connectLane({ origin: server.origin, lane: `w${process.env.VITEST_POOL_ID ?? 0}` })
  })
  beforeEach(() => lane.reset())

  it('login → user → logout → refused in the worker lane; the journal and state are the lane\'s', async () => {
    expect(lane.lane).toMatch(/^w\d+$/)
    const login = await lane.fetch('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'bob@example.com', password: 'bob-password-1' }) })
    expect(login.status).toBe(200)
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    expect((await lane.fetch('/api/v1/user', { headers: { cookie } })).status).toBe(200)
    expect((await lane.fetch('/api/v1/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(200)
    expect((await lane.fetch('/api/v1/user', { headers: { cookie } })).status).toBe(401)
    expect((await lane.journal()).map((e) => `${e.lane} ${e.status}`)).toEqual([`${lane.lane} 200`, `${lane.lane} 200`, `${lane.lane} 200`, `${lane.lane} 401`])
    // The default lane of the same server saw nothing.
    expect((await fetch(`${server.origin}/__mock/requests?path=/api/`).then((r) => r.json())).entries).toEqual([])
  })

  it('force, sessions, clock, coverage and state through the client', async () => {
    const scenario = await lane.force('dreadnode.logout.rateLimited', 1)
    expect(scenario).toMatchObject({ operation: 'dreadnode.logout', behaviour: 'dreadnode.logout.rateLimited', remaining: 1 })
    expect(await lane.scenarios.list()).toHaveLength(1)
    expect((await lane.fetch('/api/v1/auth/logout', { method: 'POST' })).status).toBe(429)
    expect(await lane.scenarios.list()).toEqual([])
    const creds = await lane.sessions.create({ provider: 'dreadnode', user: 'alice' })
    expect((await lane.fetch('/api/v1/user', { headers: creds.headers })).status).toBe(200)
    const before = await lane.clock.now()
    const after = await lane.clock.advance(7.5 * 86_400_000)
    expect(after.epochMs - before.epochMs).toBeGreaterThanOrEqual(7.5 * 86_400_000)
    expect((await lane.fetch('/api/v1/user', { headers: creds.headers })).status).toBe(401)
    const coverage = await lane.coverage()
    expect(coverage.providers.dreadnode.operations.logout.find((e) => e.id === 'dreadnode.logout.rateLimited')?.forced).toBe(1)
    const state = (await lane.state()) as { dreadnode: { sessions: unknown[] } }
    expect(state.dreadnode.sessions).toHaveLength(1)
  })

  it('a refused control call is a LaneControlError with the server\'s problem', async () => {
    const error = await lane.force('dreadnode.logout.noSuchThing').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LaneControlError)
    expect((error as LaneControlError).status).toBe(400)
    expect((error as Error).message).toMatch(/unknown behaviour "dreadnode.logout.noSuchThing"/)
  })
})

describe('it.concurrent in lanes of their own', () => {
  for (const n of [1, 2, 3, 4]) {
    it.concurrent(`test ${n}: its scenario and its reset stay its own`, async () => {
      const lane = connectLane({ origin: server.origin, lane: `c${n}` })
      await lane.reset()
      if (n % 2 === 0) await lane.force('dreadnode.logout.rateLimited')
      await new Promise((r) => setTimeout(r, 20 * n))
      const statuses = [(await lane.fetch('/api/v1/auth/logout', { method: 'POST' })).status, (await lane.fetch('/api/v1/auth/logout', { method: 'POST' })).status]
      expect(statuses).toEqual(n % 2 === 0 ? [429, 429] : [401, 401])
      await lane.delete()
    })
  }
})

describe('connectLane refuses what cannot work', () => {
  it('a malformed lane id throws at once, saying the rule', () => {
    expect(() => connectLane({ origin: 'http://127.0.0.1:9', lane: 'Worker 1' })).toThrow(/not a lane id \(1 to 63 characters/)
  })
  it('a server that is not running is named, with how to start it', async () => {
    const lane = connectLane({ origin: 'http://127.0.0.1:9', lane: 'w1' })
    await expect(lane.reset()).rejects.toThrow(/logout-mocks is not reachable at http:\/\/127.0.0.1:9 .*npx logout-mocks/)
  })
})
