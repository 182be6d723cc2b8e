/**
 * Contract §1–§4 through real HTTP (fetch, in-process): every row of every logout table, JSON and browser, with the
 * exact bodies, headers and cookies, and every JSON body validated against Ory's schemas.
 */
import { describe, expect, it } from 'vitest'
import { alice, bob } from '../../../../../fixtures/users.ts'
import { useInProcessMocks } from '../../../../support/in-process.ts'
import { browserLogin, E, expectSchema, jsonOf, nativeLogin, pair, setCookieFor } from '../../../support.ts'

const BASE = 'http://127.0.0.1:4433'
const CSRF_NAME = 'csrf_token_806060ca5bf70dff3caa0e5c860002aade9d470a5a4dce73bcfa7ba10778f481'
const JSON_CLIENT = { Accept: 'application/json' }
const NO_CACHE = 'private, no-cache, no-store, must-revalidate'

const mocks = useInProcessMocks({ only: ['kratos'], seed: 3, clock: { start: '2025-01-15T10:30:00.000Z', frozen: true } })

async function logoutFlow(cookie: string, returnTo?: string) {
  const url = new URL(`${BASE}/self-service/logout/browser`)
  if (returnTo !== undefined) url.searchParams.set('return_to', returnTo)
  const response = await fetch(url, { headers: { ...JSON_CLIENT, Cookie: cookie } })
  expect(response.status).toBe(200)
  return jsonOf<{ logout_url: string; logout_token: string }>(response, 'logoutFlow')
}

/** Follows a browser-mode error: 303 to the error UI, then the stored error from /self-service/errors. */
async function storedErrorOf(response: Response) {
  expect(response.status).toBe(303)
  const location = new URL(response.headers.get('location')!)
  expect(location.origin + location.pathname).toBe('https://www.ory.com/kratos/docs/fallback/error')
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
  expect(await response.text()).toBe(`<a href="${location.toString().replace(/&/g, '&amp;')}">See Other</a>.\n\n`)
  const page = await fetch(`${BASE}/self-service/errors?id=${location.searchParams.get('id')}`)
  expect(page.status).toBe(200)
  return (await jsonOf<{ id: string; error: Record<string, unknown> }>(page, 'flowError')).error
}

function expectHerodotHeaders(response: Response, id: string) {
  expect(response.headers.get('content-type')).toBe('application/json')
  expect(response.headers.get('ory-error-id')).toBe(id)
  expect(response.headers.get('cache-control')).toBe(NO_CACHE)
}

describe('createBrowserLogoutFlow (§1)', () => {
  it('401 E1 for a JSON client without a session, with herodot headers, Vary and a minted CSRF cookie', async () => {
    const response = await fetch(`${BASE}/self-service/logout/browser`, { headers: JSON_CLIENT })
    expect(response.status).toBe(401)
    expectHerodotHeaders(response, 'session_inactive')
    expect(response.headers.get('vary')).toBe('Cookie')
    expect(setCookieFor(response, CSRF_NAME)).toMatch(/^csrf_token_[0-9a-f]{64}=[A-Za-z0-9+/]{43}=; Path=\/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax$/)
    const text = await response.text()
    expect(text).toBe(E.E1)
    expectSchema('errorGeneric', JSON.parse(text))
  })

  it('303 to the error UI for a browser; the error page serves E1 with reason at the top of `error`', async () => {
    const response = await fetch(`${BASE}/self-service/logout/browser`, { redirect: 'manual' })
    expect(await storedErrorOf(response)).toEqual(JSON.parse(E.E1).error)
  })

  it('200 logoutFlow, also for browsers; the logout token is stable per session; no session cookie touched', async () => {
    const { cookie } = await browserLogin(BASE, alice)
    const first = await logoutFlow(cookie)
    expect(first.logout_token).toMatch(/^ory_lo_[A-Za-z0-9]{32}$/)
    expect(first.logout_url).toBe(`${BASE}/self-service/logout?token=${first.logout_token}`)
    const browser = await fetch(`${BASE}/self-service/logout/browser`, { headers: { Cookie: cookie } })
    expect(browser.status).toBe(200)
    expect(browser.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(browser.headers.getSetCookie()).toEqual([])
    expect((await jsonOf<{ logout_token: string }>(browser, 'logoutFlow')).logout_token).toBe(first.logout_token)
  })

  it('carries an allowed return_to (normalised, sorted before token, Go-escaped); X-Session-Token works too', async () => {
    const { sessionToken } = await nativeLogin(BASE, alice)
    const response = await fetch(`${BASE}/self-service/logout/browser?return_to=${encodeURIComponent('/self-service/login/browser?x=1')}`, {
      headers: { ...JSON_CLIENT, 'X-Session-Token': sessionToken },
    })
    const body = await jsonOf<{ logout_url: string; logout_token: string }>(response, 'logoutFlow')
    expect(body.logout_url).toBe(`${BASE}/self-service/logout?return_to=http%3A%2F%2F127.0.0.1%3A4433%2Fself-service%2Flogin%2Fbrowser%3Fx%3D1&token=${body.logout_token}`)
  })

  it('400 E4 for a disallowed return_to (JSON) and 303 with E4 stored (browser)', async () => {
    const { cookie } = await browserLogin(BASE, alice)
    const json = await fetch(`${BASE}/self-service/logout/browser?return_to=https://evil.example`, { headers: { ...JSON_CLIENT, Cookie: cookie } })
    expect(json.status).toBe(400)
    expectHerodotHeaders(json, 'self_service_flow_return_to_forbidden')
    expect(await json.text()).toBe(E.E4('https://evil.example'))
    const browser = await fetch(`${BASE}/self-service/logout/browser?return_to=https://evil.example`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(await storedErrorOf(browser)).toEqual(JSON.parse(E.E4('https://evil.example')).error)
  })

  it('400 without id for a return_to Go cannot parse; a broken %-escape in the query drops the pair instead', async () => {
    const { cookie } = await browserLogin(BASE, alice)
    const unparseable = await fetch(`${BASE}/self-service/logout/browser?return_to=%25zz`, { headers: { ...JSON_CLIENT, Cookie: cookie } })
    expect(unparseable.status).toBe(400)
    expectHerodotHeaders(unparseable, '')
    expect(await unparseable.text()).toBe(E.badRequest('Unable to parse the return_to query parameter as an URL: parse "%zz": invalid URL escape "%zz"'))
    const control = await fetch(`${BASE}/self-service/logout/browser?return_to=%2Fa%0Ab`, { headers: { ...JSON_CLIENT, Cookie: cookie } })
    expect(await control.text()).toBe(E.badRequest('Unable to parse the return_to query parameter as an URL: parse "/a\\nb": net/url: invalid control character in URL'))
    const dropped = await fetch(`${BASE}/self-service/logout/browser?return_to=%zz`, { headers: { ...JSON_CLIENT, Cookie: cookie } })
    expect(dropped.status).toBe(200)
    expect((await jsonOf<{ logout_url: string }>(dropped, 'logoutFlow')).logout_url).not.toContain('return_to')
  })

  it('303 to the error UI with the parse error stored for a browser and an unparseable return_to', async () => {
    const { cookie } = await browserLogin(BASE, alice)
    const browser = await fetch(`${BASE}/self-service/logout/browser?return_to=%25zz`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(await storedErrorOf(browser)).toEqual(JSON.parse(E.badRequest('Unable to parse the return_to query parameter as an URL: parse "%zz": invalid URL escape "%zz"')).error)
  })

  it('§0.3: the error carries `request` from X-Request-ID, after status, in the JSON body and in the stored browser error', async () => {
    const json = await fetch(`${BASE}/self-service/logout/browser`, { headers: { ...JSON_CLIENT, 'X-Request-ID': 'req-42' } })
    expect(json.status).toBe(401)
    const text = await json.text()
    expect(text).toBe(E.E1.replace('"status":"Unauthorized",', '"status":"Unauthorized","request":"req-42",'))
    expectSchema('errorGeneric', JSON.parse(text))
    const browser = await fetch(`${BASE}/self-service/logout/browser`, { headers: { 'X-Request-ID': 'req-43' }, redirect: 'manual' })
    expect(Object.entries(await storedErrorOf(browser))[3]).toEqual(['request', 'req-43'])
  })

  it('an overlong return_to is validated like any other (E4), never a crash', async () => {
    const { cookie } = await browserLogin(BASE, alice)
    const long = `https://evil.example/${'a'.repeat(20_000)}`
    const response = await fetch(`${BASE}/self-service/logout/browser?return_to=${long}`, { headers: { ...JSON_CLIENT, Cookie: cookie } })
    expect(response.status).toBe(400)
    expect(await response.text()).toBe(E.E4(long))
  })
})

describe('updateLogoutFlow (§2)', () => {
  const logout = (query: string, headers: Record<string, string>) => fetch(`${BASE}/self-service/logout${query}`, { headers, redirect: 'manual' })

  it('row a: token missing is checked before the session — 400 E2 (JSON) / 303 E2 (browser)', async () => {
    for (const query of ['', '?token=', '?token=%zz']) {
      const json = await logout(query, JSON_CLIENT)
      expect(json.status).toBe(400)
      expectHerodotHeaders(json, '')
      expect(await json.text()).toBe(E.E2)
    }
    expect(await storedErrorOf(await logout('', {}))).toEqual(JSON.parse(E.E2).error)
  })

  it('row b: no or unknown session — 401 E1 / 303 E1', async () => {
    const json = await logout('?token=ory_lo_x', { ...JSON_CLIENT, Cookie: 'ory_kratos_session=garbage' })
    expect(json.status).toBe(401)
    expect(await json.text()).toBe(E.E1)
    expect(await storedErrorOf(await logout('?token=ory_lo_x', {}))).toEqual(JSON.parse(E.E1).error)
  })

  it('row c: another session’s token, a garbage or an overlong token — 403 E3 / 303 E3, session untouched', async () => {
    const a = await browserLogin(BASE, alice)
    const b = await browserLogin(BASE, bob)
    const bobs = await logoutFlow(b.cookie)
    for (const token of [bobs.logout_token, 'garbage', 'ory_lo_' + 'x'.repeat(10_000)]) {
      const json = await logout(`?token=${token}`, { ...JSON_CLIENT, Cookie: a.cookie })
      expect(json.status).toBe(403)
      expect(await json.text()).toBe(E.E3)
    }
    expect(await storedErrorOf(await logout(`?token=${bobs.logout_token}`, { Cookie: a.cookie }))).toEqual(JSON.parse(E.E3).error)
    expect((await fetch(`${BASE}/sessions/whoami`, { headers: { Cookie: a.cookie } })).status).toBe(200)
  })

  it('row d (JSON): 204, session cookie cleared with its attributes, fresh CSRF cookie; a second use is 401; replayed cookie 401', async () => {
    const { cookie, sessionCookie } = await browserLogin(BASE, alice)
    const flow = await logoutFlow(cookie)
    const response = await logout(`?token=${flow.logout_token}`, { ...JSON_CLIENT, Cookie: cookie })
    expect(response.status).toBe(204)
    expect(response.headers.get('content-type')).toBeNull()
    expect(response.headers.get('vary')).toBe('Cookie')
    expect(response.headers.get('cache-control')).toBe(NO_CACHE)
    expect(response.headers.has('clear-site-data')).toBe(false)
    expect(await response.text()).toBe('')
    const [clear, csrf] = response.headers.getSetCookie()
    expect(clear).toBe('ory_kratos_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; HttpOnly; Secure; SameSite=Lax')
    expect(csrf).toMatch(new RegExp(`^${CSRF_NAME}=[A-Za-z0-9+/]{43}=; Path=/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax$`))
    expect(pair(csrf)).not.toBe(cookie.split('; ')[1])
    const again = await logout(`?token=${flow.logout_token}`, { ...JSON_CLIENT, Cookie: cookie })
    expect(again.status).toBe(401)
    expect(await again.text()).toBe(E.E1)
    const whoami = await fetch(`${BASE}/sessions/whoami`, { headers: { Cookie: sessionCookie } })
    expect(whoami.status).toBe(401)
    expect(await whoami.text()).toBe(E.E9)
  })

  it('row d (browser): 303 to the default return URL; row e: 303 to the allowed return_to', async () => {
    const one = await browserLogin(BASE, alice)
    const d = await logout(`?token=${(await logoutFlow(one.cookie)).logout_token}`, { Cookie: one.cookie })
    expect(d.status).toBe(303)
    expect(d.headers.get('location')).toBe('http://127.0.0.1:4433/')
    expect(d.headers.get('vary')).toBe('Cookie')
    expect(d.headers.get('cache-control')).toBe(NO_CACHE)
    expect(d.headers.has('clear-site-data')).toBe(false)
    expect(await d.text()).toBe('<a href="http://127.0.0.1:4433/">See Other</a>.\n\n')
    expect(d.headers.getSetCookie()[0]).toMatch(/^ory_kratos_session=;/)
    const two = await browserLogin(BASE, alice)
    const e = await logout(`?token=${(await logoutFlow(two.cookie)).logout_token}&return_to=/self-service/login/browser`, { Cookie: two.cookie })
    expect(e.status).toBe(303)
    expect(e.headers.get('location')).toBe('http://127.0.0.1:4433/self-service/login/browser')
  })

  it('row e (JSON): an allowed return_to is ignored — 204 with no body and no Location; the session is gone', async () => {
    const { cookie, sessionCookie } = await browserLogin(BASE, alice)
    const response = await logout(`?token=${(await logoutFlow(cookie)).logout_token}&return_to=/self-service/x`, { ...JSON_CLIENT, Cookie: cookie })
    expect(response.status).toBe(204)
    expect(response.headers.get('location')).toBeNull()
    expect(await response.text()).toBe('')
    expect(setCookieFor(response, 'ory_kratos_session')).toMatch(/^ory_kratos_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0;/)
    const whoami = await fetch(`${BASE}/sessions/whoami`, { headers: { Cookie: sessionCookie } })
    expect(whoami.status).toBe(401)
    expect(await whoami.text()).toBe(E.E9)
  })

  it('row f with an unparseable return_to: 400 without id, and the user is logged out all the same', async () => {
    const { cookie, sessionCookie } = await browserLogin(BASE, alice)
    const response = await logout(`?token=${(await logoutFlow(cookie)).logout_token}&return_to=%25zz`, { ...JSON_CLIENT, Cookie: cookie })
    expect(response.status).toBe(400)
    expectHerodotHeaders(response, '')
    expect(await response.text()).toBe(E.badRequest('Unable to parse the return_to query parameter as an URL: parse "%zz": invalid URL escape "%zz"'))
    expect(response.headers.getSetCookie()[0]).toMatch(/^ory_kratos_session=; Path=\/; Expires=/)
    expect((await fetch(`${BASE}/sessions/whoami`, { headers: { Cookie: sessionCookie } })).status).toBe(401)
  })

  it('row f: a disallowed return_to still logs out — 400 E4 with the cookies (JSON), 303 E4 with the cookies (browser)', async () => {
    for (const headers of [JSON_CLIENT, {}]) {
      const { cookie } = await browserLogin(BASE, alice)
      const token = (await logoutFlow(cookie)).logout_token
      const response = await logout(`?token=${token}&return_to=https://evil.example`, { ...headers, Cookie: cookie })
      const cookies = response.headers.getSetCookie()
      expect(cookies[0]).toMatch(/^ory_kratos_session=; Path=\/; Expires=/)
      expect(cookies[1]).toMatch(new RegExp(`^${CSRF_NAME}=`))
      if (headers === JSON_CLIENT) {
        expect(response.status).toBe(400)
        expect(await response.text()).toBe(E.E4('https://evil.example'))
      } else {
        expect(await storedErrorOf(response)).toEqual(JSON.parse(E.E4('https://evil.example')).error)
      }
      expect((await fetch(`${BASE}/sessions/whoami`, { headers: { Cookie: cookie } })).status).toBe(401)
    }
  })

  it('Bearer: the token is revoked and no cookie is touched; X-Session-Token alone: 204 but nothing revoked (§0.7)', async () => {
    const bearer = await nativeLogin(BASE, alice)
    const flowB = await (await fetch(`${BASE}/self-service/logout/browser`, { headers: { ...JSON_CLIENT, Authorization: `Bearer ${bearer.sessionToken}` } })).json()
    const viaBearer = await logout(`?token=${flowB.logout_token}`, { ...JSON_CLIENT, Authorization: `Bearer ${bearer.sessionToken}` })
    expect(viaBearer.status).toBe(204)
    expect(viaBearer.headers.getSetCookie().some((c) => c.startsWith('ory_kratos_session='))).toBe(false)
    expect((await fetch(`${BASE}/sessions/whoami`, { headers: { 'X-Session-Token': bearer.sessionToken } })).status).toBe(401)

    const header = await nativeLogin(BASE, bob)
    const flowH = await (await fetch(`${BASE}/self-service/logout/browser`, { headers: { ...JSON_CLIENT, 'X-Session-Token': header.sessionToken } })).json()
    const viaHeader = await logout(`?token=${flowH.logout_token}`, { ...JSON_CLIENT, 'X-Session-Token': header.sessionToken })
    expect(viaHeader.status).toBe(204)
    expect((await fetch(`${BASE}/sessions/whoami`, { headers: { 'X-Session-Token': header.sessionToken } })).status).toBe(200)
  })

  it('an expired session is session_inactive (platform clock)', async () => {
    const { cookie } = await browserLogin(BASE, alice)
    const token = (await logoutFlow(cookie)).logout_token
    mocks.clock.advance(86_400_000 + 1)
    const response = await logout(`?token=${token}`, { ...JSON_CLIENT, Cookie: cookie })
    expect(response.status).toBe(401)
    expectHerodotHeaders(response, 'session_inactive')
    expect(await response.text()).toBe(E.E1)
    expect(response.headers.getSetCookie().some((c) => c.startsWith('ory_kratos_session='))).toBe(false)
    const whoami = await fetch(`${BASE}/sessions/whoami`, { headers: { Cookie: cookie } })
    expect(whoami.status).toBe(401)
    expect(await whoami.text()).toBe(E.E9)
  })
})

describe('performNativeLogout (§3)', () => {
  const del = (init: RequestInit) => fetch(`${BASE}/self-service/logout/api`, { method: 'DELETE', ...init })

  it('204 without Set-Cookie, and 204 again for the revoked token; whoami is then 401', async () => {
    const { sessionToken } = await nativeLogin(BASE, alice)
    for (let i = 0; i < 2; i++) {
      const response = await del({ headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify({ session_token: sessionToken }) })
      expect(response.status).toBe(204)
      expect(response.headers.getSetCookie()).toEqual([])
      expect(await response.text()).toBe('')
    }
    expect((await fetch(`${BASE}/sessions/whoami`, { headers: { 'X-Session-Token': sessionToken } })).status).toBe(401)
  })

  it('an expired session’s token is still revoked: 204 (platform clock)', async () => {
    const { sessionToken } = await nativeLogin(BASE, alice)
    mocks.clock.advance(86_400_000 + 1)
    const response = await del({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ session_token: sessionToken }) })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    const state = mocks.state().kratos as { sessions: { state: string }[] }
    expect(state.sessions.map((s) => s.state)).toEqual(['revoked'])
  })

  it('cookies and auth headers are ignored: only the body’s token counts', async () => {
    const a = await nativeLogin(BASE, alice)
    const b = await browserLogin(BASE, bob)
    const credentials = { Cookie: b.cookie, Authorization: `Bearer ${a.sessionToken}`, 'X-Session-Token': a.sessionToken }
    const unknown = await del({ headers: { 'Content-Type': 'application/json', ...credentials }, body: '{"session_token":"ory_st_nope"}' })
    expect(unknown.status).toBe(403)
    expect(await unknown.text()).toBe(E.E5)
    const mine = await del({ headers: { 'Content-Type': 'application/json', Cookie: b.cookie }, body: JSON.stringify({ session_token: a.sessionToken }) })
    expect(mine.status).toBe(204)
    expect(mine.headers.getSetCookie()).toEqual([])
    expect((await fetch(`${BASE}/sessions/whoami`, { headers: { 'X-Session-Token': a.sessionToken } })).status).toBe(401)
    expect((await fetch(`${BASE}/sessions/whoami`, { headers: { Cookie: b.cookie } })).status).toBe(200)
  })

  it('403 E5 for {}, an empty, unknown or overlong token, and null', async () => {
    for (const body of ['{}', '{"session_token":""}', '{"session_token":"ory_st_nope"}', JSON.stringify({ session_token: 'x'.repeat(50_000) }), 'null']) {
      const response = await del({ headers: { 'Content-Type': 'application/json' }, body })
      expect(response.status).toBe(403)
      expect(response.headers.get('ory-error-id')).toBe('')
      const text = await response.text()
      expect(text).toBe(E.E5)
      expectSchema('errorGeneric', JSON.parse(text))
    }
  })

  it('400 for Content-Length 0, a non-JSON Content-Type and undecodable JSON, with Go’s texts', async () => {
    const cases: [RequestInit, string][] = [
      [{}, 'Unable to decode HTTP Request Body because its HTTP Header "Content-Length" is zero.'],
      [{ headers: { 'Content-Type': 'application/json' }, body: '' }, 'Unable to decode HTTP Request Body because its HTTP Header "Content-Length" is zero.'],
      [{ headers: { 'Content-Type': 'text/plain' }, body: 'session_token=x' }, 'HTTP DELETE Request used unknown HTTP Header "Content-Type: text/plain", only [application/json] are supported.'],
      [{ body: new Blob(['{"session_token":"x"}']) }, 'HTTP DELETE Request used unknown HTTP Header "Content-Type: ", only [application/json] are supported.'],
      [{ headers: { 'Content-Type': 'application/json' }, body: 'not json' }, "Unable to decode JSON payload: invalid character 'o' in literal null (expecting 'u')"],
      [{ headers: { 'Content-Type': 'application/json' }, body: '{"session_token":' }, 'Unable to decode JSON payload: unexpected EOF'],
      [{ headers: { 'Content-Type': 'application/json' }, body: '{"session_token":1}' }, 'Unable to decode JSON payload: json: cannot unmarshal number into Go struct field performNativeLogoutBody.session_token of type string'],
      [{ headers: { 'Content-Type': 'application/json' }, body: '["x"]' }, 'Unable to decode JSON payload: json: cannot unmarshal array into Go value of type logout.performNativeLogoutBody'],
      [{ headers: { 'Content-Type': 'application/json' }, body: '<xml/>' }, "Unable to decode JSON payload: invalid character '<' looking for beginning of value"],
      [{ headers: { 'Content-Type': 'application/json' }, body: '{"session_token":"\\uZZZZ"}' }, "Unable to decode JSON payload: invalid character 'Z' in \\u hexadecimal character escape"],
      [{ headers: { 'Content-Type': 'application/json' }, body: '{"session_token":"\\u12"}' }, "Unable to decode JSON payload: invalid character '\"' in \\u hexadecimal character escape"],
    ]
    for (const [init, reason] of cases) {
      const response = await del(init)
      expect(response.status, reason).toBe(400)
      expect(response.headers.get('content-type')).toBe('application/json')
      expect(await response.text()).toBe(E.badRequest(reason))
    }
  })

  it('other methods reach the router: 405 text/plain with Allow: DELETE, no CSRF check', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH']) {
      const response = await fetch(`${BASE}/self-service/logout/api`, { method })
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('DELETE')
      expect(await response.text()).toBe('Method Not Allowed\n')
    }
  })
})

describe('toSession (§4) and wrong methods on browser paths (§0.5)', () => {
  it('whoami: 200 with X-Kratos-Authenticated-Identity-Id and no CSRF cookie; 401 E9 with an empty Ory-Error-Id', async () => {
    const { cookie } = await browserLogin(BASE, alice)
    const ok = await fetch(`${BASE}/sessions/whoami`, { headers: { Cookie: cookie } })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('x-kratos-authenticated-identity-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(ok.headers.getSetCookie()).toEqual([])
    const session = await jsonOf<{ identity: { traits: { email: string } } }>(ok, 'session')
    expect(session.identity.traits.email).toBe(alice.email)
    const none = await fetch(`${BASE}/sessions/whoami`)
    expect(none.status).toBe(401)
    expectHerodotHeaders(none, '')
    expect(none.headers.get('vary')).toBeNull()
    expect(await none.text()).toBe(E.E9)
  })

  it('whoami answers POST, PUT and PATCH like GET (200 / 401 E9, no CSRF check, no Cache-Control)', async () => {
    const { sessionToken } = await nativeLogin(BASE, alice)
    for (const method of ['POST', 'PUT', 'PATCH']) {
      const ok = await fetch(`${BASE}/sessions/whoami`, { method, headers: { 'X-Session-Token': sessionToken } })
      expect(ok.status, method).toBe(200)
      expect(ok.headers.get('cache-control')).toBeNull()
      expect((await jsonOf<{ identity: { traits: { email: string } } }>(ok, 'session')).identity.traits.email).toBe(alice.email)
      const none = await fetch(`${BASE}/sessions/whoami`, { method, headers: { Cookie: 'ory_kratos_session=garbage' } })
      expect(none.status, method).toBe(401)
      expect(none.headers.get('ory-error-id')).toBe('')
      expect(await none.text()).toBe(E.E9)
    }
  })

  it('§0.4 precedence: X-Session-Token over the cookie over Bearer; an undecodable cookie falls back to Bearer, a revoked one does not', async () => {
    const a = await nativeLogin(BASE, alice)
    const b = await browserLogin(BASE, bob)
    const whoami = async (headers: Record<string, string>) => {
      const response = await fetch(`${BASE}/sessions/whoami`, { headers })
      return response.status === 200 ? (await jsonOf<{ identity: { traits: { email: string } } }>(response, 'session')).identity.traits.email : await response.text()
    }
    expect(await whoami({ 'X-Session-Token': a.sessionToken, Cookie: b.cookie, Authorization: `Bearer ${a.sessionToken}` })).toBe(alice.email)
    expect(await whoami({ Cookie: b.cookie, Authorization: `Bearer ${a.sessionToken}` })).toBe(bob.email)
    expect(await whoami({ Authorization: `Bearer ${a.sessionToken}` })).toBe(alice.email)
    expect(await whoami({ Authorization: `bearer ${a.sessionToken}` })).toBe(alice.email)
    // gorilla cannot decode a cookie it did not issue: extractToken falls back to the Bearer token
    expect(await whoami({ Cookie: 'ory_kratos_session=garbage', Authorization: `Bearer ${a.sessionToken}` })).toBe(alice.email)
    // a cookie that decodes carries its session token, which is used even when that session is revoked
    const flow = await logoutFlow(b.cookie)
    expect((await fetch(`${BASE}/self-service/logout?token=${flow.logout_token}`, { headers: { ...JSON_CLIENT, Cookie: b.cookie } })).status).toBe(204)
    expect(await whoami({ Cookie: b.sessionCookie, Authorization: `Bearer ${a.sessionToken}` })).toBe(E.E9)
  })

  it('whoami via Bearer is 200; on an expired session (platform clock) it is 401 E9', async () => {
    const { sessionToken } = await nativeLogin(BASE, alice)
    const ok = await fetch(`${BASE}/sessions/whoami`, { headers: { Authorization: `Bearer ${sessionToken}` } })
    expect(ok.status).toBe(200)
    expect((await jsonOf<{ active: boolean }>(ok, 'session')).active).toBe(true)
    mocks.clock.advance(86_400_000 + 1)
    for (const headers of [{ Authorization: `Bearer ${sessionToken}` }, { 'X-Session-Token': sessionToken }] as Record<string, string>[]) {
      const expired = await fetch(`${BASE}/sessions/whoami`, { headers })
      expect(expired.status).toBe(401)
      expect(await expired.text()).toBe(E.E9)
    }
  })

  it('POST (and other unsafe methods) to the browser logout paths: 403 security_csrf_violation, JSON even for browsers', async () => {
    for (const path of ['/self-service/logout', '/self-service/logout/browser']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const response = await fetch(`${BASE}${path}?token=x`, { method })
        expect(response.status).toBe(403)
        expect(response.headers.get('ory-error-id')).toBe('security_csrf_violation')
        const body = await jsonOf<{ error: { details: Record<string, string>; message: string } }>(response, 'errorGenericWithDetails')
        expect(Object.keys(body.error)).toEqual(['id', 'code', 'status', 'reason', 'details', 'message'])
        expect(body.error.details).toEqual({
          docs: 'https://www.ory.com/docs/troubleshooting/csrf',
          // undici sends Sec-Fetch-Mode: cors, so nosurf's reason is the AJAX one
          hint: expect.stringContaining('We detected an AJAX call'),
          reject_reason: 'The HTTP Cookie Header is empty or not set.',
        })
      }
    }
    const withCookie = await fetch(`${BASE}/self-service/logout`, { method: 'POST', headers: { Cookie: 'a=b' } })
    const body = (await withCookie.json()) as { error: { details: Record<string, string> } }
    expect(body.error.details.reject_reason).toBe('The HTTP Cookie Header was set but did not include the anti-CSRF cookie.')
    const csrfOnly = await fetch(`${BASE}/self-service/logout`, { method: 'POST', headers: { Cookie: `${CSRF_NAME}=${btoa('x'.repeat(32))}` } })
    const notSent = (await csrfOnly.json()) as { error: { details: Record<string, string> } }
    expect(notSent.error.details).toEqual({
      docs: 'https://www.ory.com/docs/troubleshooting/csrf',
      hint: 'The anti-CSRF cookie was found but the CSRF token was not included in the HTTP request body (csrf_token) nor in the HTTP Header (X-CSRF-Token).',
    })
  })

  it('an unknown error id is 404 on the error endpoint', async () => {
    const response = await fetch(`${BASE}/self-service/errors?id=00000000-0000-4000-8000-000000000000`)
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('{"error":{"code":404,"status":"Not Found","message":"Unable to locate the resource"}}\n')
  })
})
