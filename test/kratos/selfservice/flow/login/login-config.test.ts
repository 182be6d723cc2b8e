/**
 * Login errors as Kratos sends them, and the configuration knobs of contract §9 (in-process, fetch).
 */
import { describe, expect, it } from 'vitest'
import { alice } from '../../../../../fixtures/users.ts'
import { useInProcessMocks } from '../../../../support/in-process.ts'
import { browserLogin, jsonOf, pair } from '../../../support.ts'

const BASE = 'https://id.example.com/.ory'
const mocks = useInProcessMocks({
  only: ['kratos'],
  // Frozen: the expiry message prints elapsed minutes, which real time passing between two requests would change.
  clock: { start: '2025-01-15T10:30:00.000Z', frozen: true },
  providers: { kratos: { baseUrl: BASE, cookieDomain: 'example.com', clearBrowserData: true, allowedReturnUrls: ['https://*.example.com/app'], errorUiUrl: 'https://ui.example.com/error' } },
})
const JSON_CLIENT = { Accept: 'application/json', 'Content-Type': 'application/json' }

async function apiFlow() {
  return jsonOf<{ id: string }>(await fetch(`${BASE}/self-service/login/api`), 'loginFlow')
}

describe('login errors', () => {
  it('unknown flow 404, malformed flow id 400, expired flow 410 with use_flow_id (platform clock)', async () => {
    const body = JSON.stringify({ method: 'password', identifier: alice.email, password: alice.password })
    const unknown = await fetch(`${BASE}/self-service/login?flow=00000000-0000-4000-8000-000000000000`, { method: 'POST', headers: JSON_CLIENT, body })
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toBe('{"error":{"code":404,"status":"Not Found","message":"Unable to locate the resource"}}\n')
    const malformed = await fetch(`${BASE}/self-service/login?flow=nope`, { method: 'POST', headers: JSON_CLIENT, body })
    expect(malformed.status).toBe(400)
    expect(((await jsonOf(malformed, 'errorGeneric')) as { error: { reason: string } }).error.reason).toBe('The flow query parameter is missing or malformed.')
    const flow = await apiFlow()
    mocks.clock.advance(3_600_000 + 60_000)
    const expired = await fetch(`${BASE}/self-service/login?flow=${flow.id}`, { method: 'POST', headers: JSON_CLIENT, body })
    expect(expired.status).toBe(410)
    expect(expired.headers.get('ory-error-id')).toBe('self_service_flow_expired')
    const e = await jsonOf<{ error: Record<string, unknown>; use_flow_id: string }>(expired, 'selfServiceFlowExpiredError')
    expect(e.error).toEqual({ id: 'self_service_flow_expired', code: 410, status: 'Gone', reason: 'The self-service flow expired 1.00 minutes ago, initialize a new one.', message: 'self-service flow expired' })
    expect(e.use_flow_id).not.toBe(flow.id)
  })

  it('browser flow: missing CSRF cookie or token is 403 security_csrf_violation; a form post goes to the error UI', async () => {
    const init = await fetch(`${BASE}/self-service/login/browser`, { headers: { Accept: 'application/json' } })
    const flow = await jsonOf<{ ui: { action: string } }>(init, 'loginFlow')
    const body = JSON.stringify({ method: 'password', identifier: alice.email, password: alice.password, csrf_token: 'wrong' })
    const noCookie = await fetch(flow.ui.action, { method: 'POST', headers: JSON_CLIENT, body })
    expect(noCookie.status).toBe(403)
    const err = await jsonOf<{ error: { id: string; details: Record<string, string> } }>(noCookie, 'errorGenericWithDetails')
    expect(err.error.id).toBe('security_csrf_violation')
    expect(err.error.details.reject_reason).toBe('The HTTP Cookie Header is empty or not set.')
    const csrf = pair(init.headers.getSetCookie()[0])
    const mismatch = await fetch(flow.ui.action, { method: 'POST', headers: { ...JSON_CLIENT, Cookie: csrf }, body })
    expect(((await mismatch.json()) as { error: { details: Record<string, string> } }).error.details.reject_reason).toMatch(/^The HTTP Cookie Header was set and a CSRF token was sent but they do not match/)
    const form = await fetch(flow.ui.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrf },
      body: new URLSearchParams({ method: 'password', identifier: alice.email, password: alice.password }),
      redirect: 'manual',
    })
    expect(form.status).toBe(303)
    expect(form.headers.get('location')).toMatch(/^https:\/\/ui\.example\.com\/error\?id=[0-9a-f-]{36}$/)
    expect(form.headers.get('content-type')).toBeNull()
    expect(await form.text()).toBe('')
  })

  it('missing fields and another method re-render the flow (400 loginFlow); non-JSON bodies get decoderx errors', async () => {
    const flow = await apiFlow()
    const missing = await fetch(`${BASE}/self-service/login?flow=${flow.id}`, { method: 'POST', headers: JSON_CLIENT, body: '{"method":"password","identifier":"alice"}' })
    expect(missing.status).toBe(400)
    const f = await jsonOf<{ ui: { nodes: { attributes: { name: string }; messages: { id: number; text: string }[] }[] } }>(missing, 'loginFlow')
    expect(f.ui.nodes.find((n) => n.attributes.name === 'password')!.messages[0]).toMatchObject({ id: 4000002, text: 'Property password is missing.' })
    const other = await fetch(`${BASE}/self-service/login?flow=${flow.id}`, { method: 'POST', headers: JSON_CLIENT, body: '{"method":"oidc"}' })
    expect(((await jsonOf(other, 'loginFlow')) as { ui: { messages: { id: number }[] } }).ui.messages[0].id).toBe(4010002)
    const text = await fetch(`${BASE}/self-service/login?flow=${flow.id}`, { method: 'POST', headers: { 'Content-Type': 'text/plain', Accept: 'application/json' }, body: 'x' })
    expect(text.status).toBe(400)
    expect(await text.text()).toContain('only [application/json application/x-www-form-urlencoded] are supported.')
  })

  it('a browser navigation to login/browser is a 303 to the login UI; with a session it goes to the return URL', async () => {
    const nav = await fetch(`${BASE}/self-service/login/browser`, { redirect: 'manual' })
    expect(nav.status).toBe(303)
    expect(nav.headers.get('location')).toMatch(/^https:\/\/www\.ory\.com\/kratos\/docs\/fallback\/login\?flow=/)
    const { cookie } = await browserLogin(BASE, alice)
    const again = await fetch(`${BASE}/self-service/login/browser`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(again.headers.get('location')).toBe('https://id.example.com/')
  })
})

describe('configuration (§9)', () => {
  it('prefixed base URL, cookie Domain, wildcard allow-list, Clear-Site-Data on https, and the CSRF cookie hashed from the base URL', async () => {
    const { cookie, sessionCookie } = await browserLogin(BASE, alice)
    // sha256("https://id.example.com/.ory/"), computed with sha256sum
    expect(cookie).toContain('csrf_token_2f4c1a0ebfcf50f847888b062d197ac2e6af1d40921e85cbe0d109759c933643=')
    const flow = await jsonOf<{ logout_url: string; logout_token: string }>(
      await fetch(`${BASE}/self-service/logout/browser?return_to=https://shop.example.com/app/home`, { headers: { Accept: 'application/json', Cookie: cookie } }),
      'logoutFlow',
    )
    expect(flow.logout_url).toBe(`${BASE}/self-service/logout?return_to=https%3A%2F%2Fshop.example.com%2Fapp%2Fhome&token=${flow.logout_token}`)
    const done = await fetch(flow.logout_url, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe('https://shop.example.com/app/home')
    expect(done.headers.get('clear-site-data')).toBe('"cookies", "storage", "cache"')
    expect(done.headers.getSetCookie()[0]).toBe('ory_kratos_session=; Path=/; Domain=example.com; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; HttpOnly; Secure; SameSite=Lax')
    expect((await fetch(`${BASE}/sessions/whoami`, { headers: { Cookie: sessionCookie } })).status).toBe(401)
  })

  it('control API: createSession returns a cookie, a token and a working logout URL; snapshot shows the revocation', async () => {
    const creds = await mocks.sessions.create({ provider: 'kratos', user: 'bob' })
    expect(creds.sessionToken).toMatch(/^ory_st_/)
    const done = await fetch(creds.logoutUrl as string, { headers: { ...creds.headers, Accept: 'application/json' } })
    expect(done.status).toBe(204)
    const state = mocks.state().kratos as { sessions: { id: string; state: string }[]; identities: { email: string }[] }
    expect(state.identities.map((i) => i.email)).toEqual(['alice@example.com', 'bob@example.com'])
    expect(state.sessions.find((s) => s.id === creds.sessionId)?.state).toBe('revoked')
  })
})
