/**
 * Kratos's edges read from its source (docs/providers/kratos.md#edges): one CSRF cookie per response, nosurf's masked
 * tokens and what a wrong method gets with and without one, HEAD and OPTIONS as Go's ServeMux answers them, whoami on
 * every method, the login's CSRF rotation and "already logged in", and the error endpoint's ?error= and stub:500.
 * Through fetch, in-process and against the standalone server.
 */
import { expect, it } from 'vitest'
import { alice } from '../../fixtures/users.ts'
import { buildOpenApi } from '../../handlers/platform/catalogue/openapi.ts'
import { describeBothModes } from '../support/modes.ts'
import { browserLogin, E, jsonOf, nativeLogin, pair } from './support.ts'

const JSON_CLIENT = { Accept: 'application/json' }
const ALLOW_GET = 'GET, HEAD'

/** base64 → bytes, the way nosurf decodes its tokens. */
const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))

/** Opens a browser login flow as an SPA: its CSRF cookie (`name=value`) and the masked csrf_token it hands out. */
async function browserFlow(base: string, cookie?: string) {
  const init = await fetch(`${base}/self-service/login/browser`, { headers: { ...JSON_CLIENT, ...(cookie ? { Cookie: cookie } : {}) } })
  expect(init.status).toBe(200)
  const flow = await jsonOf<{ ui: { nodes: { attributes: { name: string; value?: string } }[] } }>(init, 'loginFlow')
  const token = flow.ui.nodes.find((n) => n.attributes.name === 'csrf_token')!.attributes.value!
  const minted = init.headers.getSetCookie().find((c) => c.startsWith('csrf_token_'))
  return { csrfCookie: minted ? pair(minted) : cookie!, token }
}

describeBothModes('kratos edges', { only: ['kratos'] }, (t) => {
  const base = () => t().baseUrl('kratos')

  it('nosurf masking: the flow’s csrf_token is otp ‖ otp⊕real, fresh on every flow, and unmasks to the CSRF cookie', async () => {
    const { csrfCookie, token } = await browserFlow(base())
    const real = bytes(csrfCookie.slice(csrfCookie.indexOf('=') + 1))
    const masked = bytes(token)
    expect(real.length).toBe(32)
    expect(masked.length).toBe(64)
    expect(masked.slice(32).map((b, i) => b ^ masked[i])).toEqual(real)
    const again = await browserFlow(base(), csrfCookie)
    expect(again.csrfCookie).toBe(csrfCookie)
    expect(again.token).not.toBe(token)
    const second = bytes(again.token)
    expect(second.slice(32).map((b, i) => b ^ second[i])).toEqual(real)
  })

  it('one CSRF Set-Cookie per response: a logout without a CSRF cookie gets the minted one only, with one the regenerated one', async () => {
    const { cookie, sessionCookie, csrfCookie } = await browserLogin(base(), alice)
    const token = (await (await fetch(`${base()}/self-service/logout/browser`, { headers: { ...JSON_CLIENT, Cookie: cookie } })).json()).logout_token
    const bare = await fetch(`${base()}/self-service/logout?token=${token}`, { headers: { ...JSON_CLIENT, Cookie: sessionCookie } })
    expect(bare.status).toBe(204)
    const cookies = bare.headers.getSetCookie()
    expect(cookies.filter((c) => c.startsWith('csrf_token_'))).toHaveLength(1)
    // nosurf's cookie is set before the handler runs: it comes first
    expect(cookies[0]).toMatch(/^csrf_token_[0-9a-f]{64}=/)
    expect(cookies[1]).toMatch(/^ory_kratos_session=;/)
    expect(cookies).toHaveLength(2)

    const other = await browserLogin(base(), alice)
    const otherToken = (await (await fetch(`${base()}/self-service/logout/browser`, { headers: { ...JSON_CLIENT, Cookie: other.cookie } })).json()).logout_token
    const withCsrf = await fetch(`${base()}/self-service/logout?token=${otherToken}`, { headers: { ...JSON_CLIENT, Cookie: other.cookie } })
    const [clear, csrf, ...rest] = withCsrf.headers.getSetCookie()
    expect(clear).toMatch(/^ory_kratos_session=;/)
    expect(csrf.split('=')[0]).toBe(csrfCookie.split('=')[0])
    expect(pair(csrf)).not.toBe(other.csrfCookie)
    expect(rest).toEqual([])
  })

  it('browser login rotates the CSRF cookie (csrf first, then the session); a native login sets no cookie', async () => {
    const { csrfCookie, token } = await browserFlow(base())
    const flowUrl = (await (await fetch(`${base()}/self-service/login/browser`, { headers: { ...JSON_CLIENT, Cookie: csrfCookie } })).json()).ui.action
    const done = await fetch(flowUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...JSON_CLIENT, Cookie: csrfCookie },
      body: JSON.stringify({ method: 'password', identifier: alice.email, password: alice.password, csrf_token: token }),
    })
    expect(done.status).toBe(200)
    const [rotated, session] = done.headers.getSetCookie()
    expect(rotated.split('=')[0]).toBe(csrfCookie.split('=')[0])
    expect(pair(rotated)).not.toBe(csrfCookie)
    expect(rotated).toMatch(/; Path=\/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax$/)
    expect(session).toMatch(/^ory_kratos_session=/)
    const native = await fetch((await (await fetch(`${base()}/self-service/login/api`)).json()).ui.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...JSON_CLIENT },
      body: JSON.stringify({ method: 'password', identifier: alice.email, password: alice.password }),
    })
    expect(native.status).toBe(200)
    expect(native.headers.getSetCookie()).toEqual([])
  })

  it('a wrong method with the CSRF cookie and a masked token (header, urlencoded or multipart field) passes nosurf: 405 Allow: GET, HEAD', async () => {
    const { csrfCookie, token } = await browserFlow(base())
    const multipart = new FormData()
    multipart.set('csrf_token', token)
    const cases: [string, RequestInit][] = [
      ['POST + X-CSRF-Token', { method: 'POST', headers: { Cookie: csrfCookie, 'X-CSRF-Token': token } }],
      ['DELETE + X-CSRF-Token', { method: 'DELETE', headers: { Cookie: csrfCookie, 'X-CSRF-Token': token } }],
      ['PUT + form field', { method: 'PUT', headers: { Cookie: csrfCookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: `csrf_token=${encodeURIComponent(token)}` }],
      ['PATCH + multipart field', { method: 'PATCH', headers: { Cookie: csrfCookie }, body: multipart }],
    ]
    for (const path of ['/self-service/logout', '/self-service/logout/browser', '/self-service/errors', '/self-service/login/browser']) {
      for (const [what, init] of cases) {
        const response = await fetch(`${base()}${path}`, init)
        expect(response.status, `${path} ${what}`).toBe(405)
        expect(response.headers.get('allow')).toBe(ALLOW_GET)
        expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
        expect(response.headers.get('x-content-type-options')).toBe('nosniff')
        expect(response.headers.get('vary')).toBe('Cookie')
        expect(response.headers.get('cache-control')).toBeNull()
        expect(response.headers.getSetCookie()).toEqual([])
        expect(await response.text()).toBe('Method Not Allowed\n')
      }
    }
  })

  it('without a valid masked token the wrong method stays 403: the raw cookie value, a JSON body token, a DELETE form body', async () => {
    const { csrfCookie, token } = await browserFlow(base())
    const raw = csrfCookie.slice(csrfCookie.indexOf('=') + 1)
    const reasonOf = async (init: RequestInit) => {
      const response = await fetch(`${base()}/self-service/logout`, init)
      expect(response.status).toBe(403)
      expect(response.headers.get('ory-error-id')).toBe('security_csrf_violation')
      return ((await jsonOf(response, 'errorGenericWithDetails')) as { error: { details: Record<string, string> } }).error.details
    }
    const mismatch = 'The HTTP Cookie Header was set and a CSRF token was sent but they do not match. We recommend deleting all cookies for this domain and retrying the flow.'
    expect((await reasonOf({ method: 'POST', headers: { Cookie: csrfCookie, 'X-CSRF-Token': raw } })).reject_reason).toBe(mismatch)
    expect((await reasonOf({ method: 'POST', headers: { Cookie: csrfCookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ csrf_token: token }) })).reject_reason).toBe(mismatch)
    const deleteForm = await reasonOf({ method: 'DELETE', headers: { Cookie: csrfCookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: `csrf_token=${encodeURIComponent(token)}` })
    expect(deleteForm.hint).toMatch(/^The anti-CSRF cookie was found but the CSRF token was not included/)
    // a token of another cookie does not verify
    const other = await browserFlow(base())
    expect((await reasonOf({ method: 'POST', headers: { Cookie: csrfCookie, 'X-CSRF-Token': other.token } })).reject_reason).toBe(mismatch)
  })

  it('HEAD on the logout link really logs out: 204 for a JSON client, the session cookie cleared, whoami 401 after', async () => {
    const { cookie } = await browserLogin(base(), alice)
    const token = (await (await fetch(`${base()}/self-service/logout/browser`, { headers: { ...JSON_CLIENT, Cookie: cookie } })).json()).logout_token
    const head = await fetch(`${base()}/self-service/logout?token=${token}`, { method: 'HEAD', headers: { ...JSON_CLIENT, Cookie: cookie } })
    expect(head.status).toBe(204)
    expect(await head.text()).toBe('')
    expect(head.headers.getSetCookie().some((c) => c.startsWith('ory_kratos_session=;'))).toBe(true)
    expect((await fetch(`${base()}/sessions/whoami`, { headers: { ...JSON_CLIENT, Cookie: cookie } })).status).toBe(401)
  })

  it('HEAD on a GET route runs the GET handler without the body: status, headers, cookies and Content-Length of the GET', async () => {
    const get = await fetch(`${base()}/self-service/logout/browser`, { headers: JSON_CLIENT })
    const getText = await get.text()
    const head = await fetch(`${base()}/self-service/logout/browser`, { method: 'HEAD', headers: JSON_CLIENT })
    expect(head.status).toBe(401)
    expect(getText).toBe(E.E1)
    expect(await head.text()).toBe('')
    expect(head.headers.get('content-type')).toBe('application/json')
    expect(head.headers.get('ory-error-id')).toBe('session_inactive')
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(getText)))
    expect(head.headers.get('vary')).toBe('Cookie')
    // httprouterx's no-cache middleware sets Cache-Control on GET only
    expect(head.headers.get('cache-control')).toBeNull()
    // The same one CSRF cookie the GET sets (its name hashes the base URL, which differs between the two modes).
    const names = (r: Response) => r.headers.getSetCookie().map((c) => c.split('=')[0])
    expect(names(get)).toHaveLength(1)
    expect(names(head)).toEqual(names(get))
    expect(names(head)[0]).toMatch(/^csrf_token_[0-9a-f]{64}$/)

    const { cookie } = await browserLogin(base(), alice)
    const ok = await fetch(`${base()}/self-service/logout/browser`, { method: 'HEAD', headers: { Cookie: cookie } })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await ok.text()).toBe('')
    const browserHead = await fetch(`${base()}/self-service/logout?token=x`, { method: 'HEAD', redirect: 'manual' })
    expect(browserHead.status).toBe(303)
    expect(browserHead.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(browserHead.headers.get('content-length')).toBeNull()
    expect(new URL(browserHead.headers.get('location')!).pathname).toBe('/kratos/docs/fallback/error')
    const native = await fetch(`${base()}/self-service/logout/api`, { method: 'HEAD' })
    expect(native.status).toBe(405)
    expect(native.headers.get('allow')).toBe('DELETE')
    expect(await native.text()).toBe('')
  })

  it('OPTIONS on a GET route is the ServeMux 405 (through nosurf: Vary and a CSRF cookie); on the native logout, Allow: DELETE', async () => {
    for (const path of ['/self-service/logout', '/self-service/logout/browser', '/self-service/errors', '/self-service/login/browser']) {
      const response = await fetch(`${base()}${path}`, { method: 'OPTIONS' })
      expect(response.status, path).toBe(405)
      expect(response.headers.get('allow')).toBe(ALLOW_GET)
      expect(response.headers.get('vary')).toBe('Cookie')
      expect(response.headers.getSetCookie()[0]).toMatch(/^csrf_token_[0-9a-f]{64}=/)
      expect(await response.text()).toBe('Method Not Allowed\n')
    }
    // IgnorePath'd: no CSRF check on unsafe methods either, no nosurf headers or cookie
    for (const method of ['OPTIONS', 'POST', 'DELETE']) {
      const api = await fetch(`${base()}/self-service/login/api`, { method })
      expect(api.status, method).toBe(405)
      expect(api.headers.get('allow')).toBe(ALLOW_GET)
      expect(api.headers.get('vary')).toBeNull()
      expect(api.headers.getSetCookie()).toEqual([])
    }
    const native = await fetch(`${base()}/self-service/logout/api`, { method: 'OPTIONS' })
    expect(native.status).toBe(405)
    expect(native.headers.get('allow')).toBe('DELETE')
  })

  it('whoami answers GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS alike: 200 with the session, 401 E9 without', async () => {
    const { sessionToken } = await nativeLogin(base(), alice)
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const ok = await fetch(`${base()}/sessions/whoami`, { method, headers: { 'X-Session-Token': sessionToken } })
      expect(ok.status, method).toBe(200)
      expect(ok.headers.get('x-kratos-authenticated-identity-id')).toMatch(/^[0-9a-f-]{36}$/)
      expect(ok.headers.get('cache-control')).toBe(method === 'GET' ? 'private, no-cache, no-store, must-revalidate' : null)
      if (method === 'HEAD') expect(await ok.text()).toBe('')
      else expect((await jsonOf<{ identity: { traits: { email: string } } }>(ok, 'session')).identity.traits.email).toBe(alice.email)
      const none = await fetch(`${base()}/sessions/whoami`, { method })
      expect(none.status, method).toBe(401)
      expect(none.headers.get('ory-error-id')).toBe('')
      expect(await none.text()).toBe(method === 'HEAD' ? '' : E.E9)
    }
  })

  it('session_already_available carries the message "you are already logged in"', async () => {
    const { sessionToken } = await nativeLogin(base(), alice)
    const response = await fetch(`${base()}/self-service/login/api`, { headers: { 'X-Session-Token': sessionToken } })
    expect(response.status).toBe(400)
    expect(response.headers.get('ory-error-id')).toBe('session_already_available')
    expect(await response.text()).toBe(
      '{"error":{"id":"session_already_available","code":400,"status":"Bad Request","reason":"A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?","message":"you are already logged in"}}\n',
    )
  })

  it('the error endpoint reads ?error= before ?id=, more than once, and serves stub:500', async () => {
    const redirect = await fetch(`${base()}/self-service/logout/browser`, { redirect: 'manual' })
    const id = new URL(redirect.headers.get('location')!).searchParams.get('id')!
    for (const query of [`error=${id}`, `id=${id}`, `error=${id}&id=00000000-0000-4000-8000-000000000000`, `error=&id=${id}`]) {
      const page = await fetch(`${base()}/self-service/errors?${query}`)
      expect(page.status, query).toBe(200)
      expect((await jsonOf<{ id: string; error: unknown }>(page, 'flowError')).error).toEqual(JSON.parse(E.E1).error)
    }
    const wrongFirst = await fetch(`${base()}/self-service/errors?error=00000000-0000-4000-8000-000000000000&id=${id}`)
    expect(wrongFirst.status).toBe(404)
    for (const query of ['id=stub:500', 'error=stub:500']) {
      const stub = await fetch(`${base()}/self-service/errors?${query}`)
      expect(stub.status).toBe(200)
      expect(stub.headers.get('content-type')).toBe('application/json; charset=utf-8')
      const body = await jsonOf<{ id: string }>(stub, 'flowError')
      expect(body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        error: { code: 500, status: 'Internal Server Error', reason: 'This is a stub error.', message: 'An internal server error occurred, please contact the system administrator' },
        created_at: '0001-01-01T00:00:00Z',
        updated_at: '0001-01-01T00:00:00Z',
      })
    }
  })

  it('OpenAPI: a GET 303 declares Go’s text/html redirect body, a POST 303 and every HEAD answer no body, the 405 text/plain', () => {
    type Responses = Record<string, { content?: Record<string, { schema?: { $ref: string } }> }>
    const paths = buildOpenApi(t().mocks, 'kratos').paths as Record<string, Record<string, { responses: Responses }>>
    const html = { 'text/html': { schema: { $ref: '#/components/schemas/seeOtherHtml' } } }
    expect(paths['/self-service/logout'].get.responses['303'].content).toEqual(html)
    expect(paths['/self-service/login/browser'].get.responses['303'].content).toEqual(html)
    expect(paths['/self-service/login'].post.responses['303'].content).toBeUndefined()
    for (const [path, ops] of Object.entries(paths)) {
      for (const response of Object.values(ops.head?.responses ?? {})) expect(response.content, path).toBeUndefined()
    }
    expect(paths['/self-service/logout'].options.responses['405'].content).toEqual({ 'text/plain': {} })
    expect(Object.keys(paths['/sessions/whoami']).sort()).toEqual(['delete', 'get', 'head', 'options', 'patch', 'post', 'put'])
  })
})
