/**
 * The instance's cookie jar in Node (`cookies: 'jar'`), through Node's fetch and msw's setupServer: Node's fetch
 * keeps no cookies, so every cookie a request carries here came from the jar. A request's page origin is its
 * `Origin` header (none: the request's own origin), which is how these tests play a page on another origin.
 * A request's credentials mode is not on the wire, so msw's Node interception always reports `same-origin`; the
 * tests of `omit` and `include` hand msw a Request as the page hands it to the worker (`getResponse`, credentials
 * intact). The Chromium suite (test/browser) runs the same rules from a real page.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { setupServer } from 'msw/node'
import { getResponse } from 'msw'
import { createLogoutMocks } from '../../handlers/index.ts'
import { handleControl } from '../../handlers/platform/control/control-api.ts'
import { RESTED_API_KEY } from '../../fixtures/rested.ts'
import { createClock } from '../../handlers/platform/state/clock.ts'
import { createCookieJar } from '../../handlers/platform/http/cookie-jar.ts'
import { createResponse } from '../../handlers/platform/http/response.ts'

const DREADNODE = 'https://app.dreadnode.io'
/** Dreadnode's current-user route (one constant: its path is moving to `GET /api/v1/user`). */
const CURRENT_USER = '/api/v1/user'
const ALICE = JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' })
const RESTED = 'https://app.rested.dev'

const mocks = createLogoutMocks({ cookies: 'jar', clock: { start: '2025-01-15T10:00:00.000Z', frozen: true } })
const server = setupServer(...mocks.handlers)
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
beforeEach(() => mocks.reset())
afterEach(() => vi.restoreAllMocks())
afterAll(() => server.close())

const login = (init: RequestInit = {}) =>
  fetch(`${DREADNODE}/api/v1/auth/login`, { method: 'POST', body: ALICE, ...init, headers: { 'Content-Type': 'application/json', ...init.headers } })
const currentUser = (init: RequestInit = {}) => fetch(DREADNODE + CURRENT_USER, init)
const names = () => mocks.cookies.list().map((c) => c.name)
/** A request with its credentials mode, run through the handlers as msw's worker runs a page's request. */
const asPage = async (url: string, init: RequestInit) => (await getResponse(mocks.handlers, new Request(url, init)))!

describe("cookies: 'jar' in Node", () => {
  it('Dreadnode: login → current user 200 → logout 200 (both cookies gone) → current user 401, with no cookie handling in the client', async () => {
    expect((await login()).status).toBe(200)
    expect(mocks.cookies.list()).toEqual([
      { name: 'access_token', value: expect.stringMatching(/^ey/), domain: 'app.dreadnode.io', path: '/', expires: '2025-01-15T10:15:00.000Z', hostOnly: true, secure: true, httpOnly: true, sameSite: 'lax' },
      { name: 'refresh_token', value: expect.stringMatching(/^ey/), domain: 'app.dreadnode.io', path: '/', expires: '2025-01-22T10:00:00.000Z', hostOnly: true, secure: true, httpOnly: true, sameSite: 'lax' },
    ])
    const me = await currentUser()
    expect(me.status).toBe(200)
    expect((await me.json()).email_address).toBe('alice@example.com')
    const out = await fetch(`${DREADNODE}/api/v1/auth/logout`, { method: 'POST' })
    expect(out.status).toBe(200)
    expect(mocks.cookies.list()).toEqual([])
    expect((await currentUser()).status).toBe(401)
  })

  it('the client’s own Cookie header is kept and the jar’s cookies follow it', async () => {
    await login()
    const seen: string[] = []
    const listener = ({ request }: { request: Request }) => void seen.push(request.headers.get('cookie') ?? '')
    server.events.on('request:start', listener)
    await currentUser({ headers: { cookie: 'theme=dark' } })
    server.events.removeListener('request:start', listener)
    // msw's event sees the request as the client sent it; the provider saw the merged header and answered 200.
    expect(seen).toEqual(['theme=dark'])
    expect(mocks.journal.list().at(-1)?.status).toBe(200)
  })

  it("credentials: 'omit' sends nothing and stores nothing", async () => {
    const omitted = await asPage(`${DREADNODE}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: ALICE, credentials: 'omit' })
    expect(omitted.status).toBe(200)
    expect(mocks.cookies.list()).toEqual([])
    await login()
    expect((await asPage(DREADNODE + CURRENT_USER, { credentials: 'omit' })).status).toBe(401)
    expect((await asPage(DREADNODE + CURRENT_USER, { credentials: 'same-origin' })).status).toBe(200)
  })

  it("a cross-origin page without credentials: 'include' gets 401, and one hint per origin names the fix", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await login()
    const page = { origin: 'https://www.dreadnode.io' }
    expect((await currentUser({ headers: page })).status).toBe(401)
    expect((await currentUser({ headers: page })).status).toBe(401)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0][0])).toMatch(/^\[logout-mocks\] cookies in the jar were not sent for https:\/\/app\.dreadnode\.io: .*credentials: 'same-origin'.*credentials: 'include'/)
    // The setup that needs no credentials option is named too.
    expect(String(warn.mock.calls[0][0])).toContain("createLogoutMocks({ origin: location.origin }) (or a provider's baseUrl)")
    // Same site (www.dreadnode.io → app.dreadnode.io): with include, the SameSite=Lax cookies go.
    expect((await asPage(DREADNODE + CURRENT_USER, { headers: page, credentials: 'include' })).status).toBe(200)
  })

  it('a cross-origin login without include drops the Set-Cookie (and hints once)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect((await login({ headers: { origin: 'https://www.dreadnode.io' } })).status).toBe(200)
    expect(mocks.cookies.list()).toEqual([])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0][0])).toContain('Set-Cookie was ignored for https://app.dreadnode.io')
  })

  it('SameSite: Lax cookies are neither stored nor sent cross-site; SameSite=None; Secure ones are (with include)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const crossSite = { origin: 'http://localhost:5173' }
    const loginInit = { method: 'POST', headers: { ...crossSite, 'Content-Type': 'application/json' }, body: ALICE, credentials: 'include' } as const
    expect((await asPage(`${DREADNODE}/api/v1/auth/login`, loginInit)).status).toBe(200)
    expect(mocks.cookies.list()).toEqual([]) // a cross-site response may not set a Lax cookie
    await login()
    expect((await asPage(DREADNODE + CURRENT_USER, { headers: crossSite, credentials: 'include' })).status).toBe(401) // nor is one sent
    expect((await asPage(DREADNODE + CURRENT_USER, { credentials: 'include' })).status).toBe(200)

    const auth = `${RESTED}/api/1/ce/examples/auth?key=${RESTED_API_KEY}`
    const secure = `${RESTED}/api/1/ce/examples/secure?key=${RESTED_API_KEY}`
    const restedLogin = await asPage(`${auth}&login=true`, { ...loginInit, body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }) })
    expect(restedLogin.status).toBe(200)
    expect(names()).toContain('__Secure-rested-access-token')
    expect((await asPage(secure, { headers: crossSite, credentials: 'include' })).status).toBe(200)
    expect((await asPage(secure, { headers: crossSite, credentials: 'same-origin' })).status).toBe(401)
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringMatching(/^\[logout-mocks\] the SameSite=lax cookie "access_token" of https:\/\/app\.dreadnode\.io was refused: the page \(http:\/\/localhost:5173\) is on another site.*createLogoutMocks\(\{ origin: location\.origin \}\)/),
      expect.stringMatching(/^\[logout-mocks\] cookies in the jar were not sent for https:\/\/app\.rested\.dev: .*'same-origin'/),
    ])
  })

  it('expiry runs on the platform clock: past Max-Age the cookie is gone and not sent', async () => {
    await login()
    mocks.clock.advance(15 * 60_000 - 1)
    expect(names()).toEqual(['access_token', 'refresh_token'])
    mocks.clock.advance(1)
    expect(names()).toEqual(['refresh_token'])
    expect((await currentUser()).status).toBe(401)
  })

  it('reset() clears the jar, and /__mock/state shows it', async () => {
    await login()
    const state = await (await handleControl(mocks, new Request('http://127.0.0.1/__mock/state')))!.json()
    expect(state.cookieJar.mode).toBe('jar')
    expect(state.cookieJar.cookies.map((c: { name: string }) => c.name)).toEqual(['access_token', 'refresh_token'])
    await mocks.reset()
    expect(mocks.cookies.list()).toEqual([])
    expect((await currentUser()).status).toBe(401)
  })
})

describe('off by default in Node', () => {
  const plain = createLogoutMocks({ only: ['dreadnode'], providers: { dreadnode: { baseUrl: 'https://plain.dreadnode.test' } } })
  beforeAll(() => server.use(...plain.handlers))

  it('stores nothing: a client without its own jar stays logged out', async () => {
    expect(plain.cookies.mode).toBe('off')
    const res = await fetch('https://plain.dreadnode.test/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: ALICE })
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie()).toHaveLength(2)
    expect(plain.cookies.list()).toEqual([])
    expect((await fetch('https://plain.dreadnode.test' + CURRENT_USER)).status).toBe(401)
  })

  it('refuses an unknown mode', () => {
    expect(() => createLogoutMocks({ cookies: 'browser' as 'jar' })).toThrow('cookies: "browser" is not allowed (expected one of "jar", "off")')
  })
})

describe('attaching', () => {
  it('a copy of an attached request (forcing strips its query twins into one) carries each cookie once', () => {
    const jar = createCookieJar({ mode: 'jar', clock: createClock() })
    const headers = new Headers()
    headers.append('Set-Cookie', 'sid=s1; Path=/; HttpOnly; Secure')
    jar.store(new Request(`${DREADNODE}/login`), createResponse(null, { status: 200, headers }))
    const request = new Request(`${DREADNODE}${CURRENT_USER}?__code=200`, { headers: { cookie: 'theme=dark' } })
    jar.attach(request)
    expect(request.headers.get('cookie')).toBe('theme=dark; sid=s1')
    const copy = new Request(`${DREADNODE}${CURRENT_USER}`, request)
    jar.attach(copy)
    expect(copy.headers.get('cookie')).toBe('theme=dark; sid=s1')
    // Attaching the same request again starts from its own headers.
    jar.attach(request)
    expect(request.headers.get('cookie')).toBe('theme=dark; sid=s1')
  })

  it("'off' leaves requests alone and keeps nothing", () => {
    const jar = createCookieJar({ mode: 'off', clock: createClock() })
    const headers = new Headers({ 'Set-Cookie': 'sid=s1; Path=/' })
    jar.store(new Request(`${DREADNODE}/login`), createResponse(null, { status: 200, headers }))
    const request = new Request(DREADNODE + CURRENT_USER)
    jar.attach(request)
    expect(request.headers.get('cookie')).toBeNull()
    expect(jar.list()).toEqual([])
  })
})
