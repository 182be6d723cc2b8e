/**
 * The page state outside a browser: a Map-backed Storage stands in for sessionStorage, and two instances with the
 * same options play the page before and after a reload (the browser suite does it in Chromium). Requests go through
 * msw's setupServer, so the recorder sees fetch Requests as in a page.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { setupServer } from 'msw/node'
import { readFileSync } from 'node:fs'
import { createLogoutMocks, type LogoutMocks } from '../../handlers/index.ts'
import { PACKAGE_VERSION } from '../../handlers/platform/state/page-state.ts'

class MapStorage {
  readonly items = new Map<string, string>()
  get length() {
    return this.items.size
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null
  }
  getItem(k: string) {
    return this.items.get(k) ?? null
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v))
  }
  removeItem(k: string) {
    this.items.delete(k)
  }
  clear() {
    this.items.clear()
  }
}

const storage = new MapStorage()
const BASE = 'https://app.dreadnode.io/api/v1'
const OPTIONS = { persist: 'session', cookies: 'jar' } as const
const server = setupServer()
beforeAll(() => {
  ;(globalThis as { sessionStorage?: unknown }).sessionStorage = storage
  server.listen({ onUnhandledFrame: 'error' })
})
afterEach(() => server.resetHandlers())
afterAll(() => {
  server.close()
  delete (globalThis as { sessionStorage?: unknown }).sessionStorage
})

/** A "page load": a new instance with the same options, its handlers the only ones. */
async function load(): Promise<LogoutMocks> {
  const mocks = createLogoutMocks(OPTIONS)
  server.resetHandlers(...mocks.handlers)
  await mocks.ready
  return mocks
}
const login = () => fetch(`${BASE}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }) })
const user = async () => (await fetch(`${BASE}/user`)).status

describe('page state across reloads', () => {
  it('PACKAGE_VERSION is package.json\'s (a new version never replays an older record)', () => {
    expect(PACKAGE_VERSION).toBe((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version)
  })

  it('a reload replays the login: same cookies, same user; a control-made session and the clock come back too; reset() forgets', async () => {
    const first = await load()
    await first.reset()
    expect((await login()).status).toBe(200)
    expect(await user()).toBe(200)
    const cookies = first.cookies.list().map((c) => `${c.name}=${c.value}`)
    const minted = await first.sessions.create({ provider: 'dreadnode', user: 'bob' })
    // The clock is saved with every change of state (and, in a page, when it goes away: pagehide).
    first.clock.advance(60_000)
    expect(await user()).toBe(200)
    const clockBefore = first.clock.now()

    const second = await load()
    expect(second.cookies.list().map((c) => `${c.name}=${c.value}`)).toEqual(cookies)
    expect(await user()).toBe(200)
    // Bob's control-made session is the same one, token for token.
    expect((await fetch(`${BASE}/user`, { headers: { cookie: minted.headers.Cookie } })).status).toBe(200)
    expect(second.clock.now()).toBeGreaterThanOrEqual(clockBefore - 1000)

    await second.reset()
    const third = await load()
    expect(third.cookies.list()).toEqual([])
    expect(await user()).toBe(401)
  })

  it('other options, or persist: off, replay nothing', async () => {
    const first = await load()
    await first.reset()
    await login()
    const other = createLogoutMocks({ ...OPTIONS, seed: 9 })
    await other.ready
    expect(other.cookies.list()).toEqual([])
    const off = createLogoutMocks({ persist: 'off', cookies: 'jar' })
    await off.ready
    expect(off.cookies.list()).toEqual([])
    expect(() => createLogoutMocks({ persist: 'disk' as 'off' })).toThrow(/persist/)
  })
})
