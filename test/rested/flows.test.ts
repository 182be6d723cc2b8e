/**
 * Rested.dev through real HTTP, in-process (https://app.rested.dev) and against the standalone server: the cookie
 * and Authorization flows, every row of the logout table in check order, login/register 400s, origin rules with and
 * without Origin and with the master key, preflights, and bad input.
 */
import { expect, it } from 'vitest'
import { describeBothModes, type Target } from '../support/modes.ts'
import {
  ACCESS_COOKIE,
  AUTH,
  LOCKED_AUTH,
  MESSAGES,
  RESTED_API_KEY,
  RESTED_LOCKED_API_KEY,
  RESTED_LOCKED_MASTER_KEY as LOCKED_MASTER,
  RESTED_LOCKED_ORIGIN as LOCKED_ORIGIN,
  RESTED_MASTER_KEY,
  SECURE,
  createClient,
  errorOf,
  jsonOf,
} from './client.ts'

const ALICE = { username: 'alice', password: 'alice-password-1' }

describeBothModes('rested', {}, (target: () => Target) => {
  const base = () => target().baseUrl('rested')
  const client = () => createClient(base())
  const post = (path: string, init: RequestInit = {}) => fetch(base() + path, { method: 'POST', ...init })
  const lastJournal = () => target().mocks.journal.list().at(-1)
  const login = async (c = client(), query = '', body: unknown = ALICE, headers: HeadersInit = {}) => {
    const res = await c.call(`${AUTH}&login=true${query}`, { method: 'POST', json: body, headers })
    return { c, res }
  }

  it('cookie flow: register → login → secure 200 → logout 204 (no cookie) → the same cookie gets 401 on secure and on the logged-in user', async () => {
    const c = client()
    const reg = await c.call(AUTH, { method: 'POST', json: { username: 'carol', password: 'carol-password-1', plan: 'pro' } })
    expect(reg.status).toBe(200)
    const registered = await jsonOf(reg, 'userRecord')
    // The register example shows the password inside data ("not encrypted on the server side").
    expect(registered.data).toEqual({ username: 'carol', password: 'carol-password-1', plan: 'pro' })

    const res = await c.call(`${AUTH}&login=true`, { method: 'POST', json: { username: 'carol', password: 'carol-password-1' } })
    expect(res.status).toBe(200)
    expect((await jsonOf(res, 'userRecord')).uniqueId).toBe(registered.uniqueId)
    const [setCookie] = res.headers.getSetCookie()
    expect(setCookie).toMatch(/^__Secure-rested-access-token=[0-9a-f]{64}; Max-Age=3600; Path=\/; Secure; HttpOnly; SameSite=None$/)
    expect(res.headers.get('authorization')).toBeNull()
    const token = await c.accessToken()
    expect(token).toMatch(/^[0-9a-f]{64}$/)

    const read = await c.call(SECURE)
    expect(read.status).toBe(200)
    expect(((await jsonOf(read, 'recordList')).data as unknown[]).length).toBe(1)

    const out = await c.call(`${AUTH}&logout=true`, { method: 'POST' })
    expect(out.status).toBe(204)
    expect(await out.text()).toBe('')
    // "Cookies: None": the browser keeps the cookie; the token behind it is revoked server-side.
    expect(out.headers.getSetCookie()).toEqual([])
    expect(await c.accessToken()).toBe(token)
    expect(await errorOf(await c.call(SECURE))).toEqual({ status: 401, message: 'Unauthorized' })
    expect(await errorOf(await c.call(AUTH))).toEqual({ status: 401, message: 'Invalid credentials' })
    const again = await fetch(base() + AUTH + '&logout=true', { method: 'POST', headers: { cookie: `${ACCESS_COOKIE}=${token}` } })
    expect(await errorOf(again)).toEqual({ status: 401, message: 'Unauthorized' })
    const tokens = (target().mocks.state().rested as { tokens: { token: string; revoked: boolean }[] }).tokens
    expect(tokens.find((t) => t.token === token)?.revoked).toBe(true)
  })

  it('Authorization flow: noATCookie puts the token in an exposed header; Bearer and bare forms both work', async () => {
    const origin = 'https://frontend.example.org'
    const { c, res } = await login(client(), '&noATCookie=true', { email: 'ALICE@example.com', password: 'alice-password-1' }, { origin })
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie()).toEqual([])
    expect(res.headers.get('access-control-allow-origin')).toBe(origin)
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-expose-headers')).toBe('Authorization, X-Logout-Mocks-Error')
    const authorization = res.headers.get('authorization')!
    expect(authorization).toMatch(/^Bearer [0-9a-f]{64}$/)
    const bare = authorization.slice('Bearer '.length)
    await jsonOf(res, 'userRecord')

    expect((await c.call(SECURE, { headers: { authorization } })).status).toBe(200)
    expect((await c.call(SECURE, { headers: { authorization: bare } })).status).toBe(200)
    const out = await c.call(`${AUTH}&logout=true`, { method: 'POST', headers: { authorization: bare } })
    expect(out.status).toBe(204)
    expect(await errorOf(await c.call(SECURE, { headers: { authorization } }))).toEqual({ status: 401, message: 'Unauthorized' })
  })

  it('dataOnly returns just the user data; both flags combine', async () => {
    const { res } = await login(client(), '&dataOnly=true')
    expect(await jsonOf(res, 'userData')).toEqual({ username: 'alice', email: 'alice@example.com', password: 'alice-password-1', name: 'Alice Example' })
    expect(res.headers.getSetCookie()).toHaveLength(1)
    const both = (await login(client(), '&dataOnly=true&noATCookie=true')).res
    expect(both.headers.get('authorization')).toMatch(/^Bearer /)
    expect(await jsonOf(both, 'userData')).not.toHaveProperty('uniqueId')
  })

  it('a session from the control API logs out through the logout page’s example URL', async () => {
    const session = await target().mocks.sessions.create({ provider: 'rested', user: 'bob' })
    const headers = session.headers as Record<string, string>
    expect((await fetch(base() + SECURE, { headers })).status).toBe(200)
    const res = await fetch(`${base()}/api/1/ce/examples/auth?key=d59eb2859c284168ac48aef65046d5dd&logout=true`, {
      method: 'POST',
      headers: { cookie: `${ACCESS_COOKIE}=${session.token as string}` },
    })
    expect(res.status).toBe(204)
    expect((await fetch(base() + SECURE, { headers })).status).toBe(401)
  })

  it('logout row 1: no key (and no masterKey) is 403 even for an invalid endpoint', async () => {
    expect(await errorOf(await post('/api/1/ce/examples/auth?logout=true'))).toEqual({ status: 403, message: MESSAGES.missingApiKey })
    expect(await errorOf(await post('/api/1/ce/NOT--valid?logout=true&key='))).toEqual({ status: 403, message: MESSAGES.missingApiKey })
  })

  it('logout row 2: unknown key, unknown endpoint, other project, wrong version, not the auth endpoint → 400', async () => {
    for (const path of [
      '/api/1/ce/examples/auth?key=nope&logout=true',
      `/api/1/ce/examples/nothing?key=${RESTED_API_KEY}&logout=true`,
      `/api/1/ce/examples/auth?key=${RESTED_LOCKED_API_KEY}&logout=true`,
      `/api/2/ce/examples/auth?key=${RESTED_API_KEY}&logout=true`,
      `${SECURE}&logout=true`,
      '/api/1/ce/examples/auth?masterKey=wrong&logout=true',
    ]) {
      expect(await errorOf(await post(path, { headers: { origin: 'https://evil.example' } })), path).toEqual({ status: 400, message: MESSAGES.invalid })
    }
  })

  it('logout rows 3–4: origin rules of the locked project come before the token check', async () => {
    const bad = await post(`${LOCKED_AUTH}&logout=true`, { headers: { origin: 'https://evil.example' } })
    expect(bad.headers.get('access-control-allow-origin')).toBeNull()
    expect(await errorOf(bad)).toEqual({ status: 403, message: MESSAGES.origin })
    expect(await errorOf(await post(`${LOCKED_AUTH}&logout=true`))).toEqual({ status: 403, message: MESSAGES.noOrigin })
    const allowed = await post(`${LOCKED_AUTH}&logout=true`, { headers: { origin: LOCKED_ORIGIN } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe(LOCKED_ORIGIN)
    expect(allowed.headers.get('vary')).toBe('Origin')
    expect(await errorOf(allowed)).toEqual({ status: 401, message: 'Unauthorized' })
  })

  it('locked project: login and logout from the allowed origin', async () => {
    const c = client()
    const headers = { origin: LOCKED_ORIGIN }
    const res = await c.call(`${LOCKED_AUTH}&login=true`, { method: 'POST', json: ALICE, headers })
    expect(res.status).toBe(200)
    const token = await c.accessToken()
    expect((await c.call(`/api/1/ce/locked/secure?key=${RESTED_LOCKED_API_KEY}`, { headers })).status).toBe(200)
    // A token of the locked project means nothing in the examples project.
    expect((await fetch(base() + SECURE, { headers: { authorization: token! } })).status).toBe(401)
    expect((await c.call(`${LOCKED_AUTH}&logout=true`, { method: 'POST', headers })).status).toBe(204)
  })

  it('masterKey skips rows 1, 3 and 4 (not 5) and overrides the token requirement of secure endpoints', async () => {
    const evil = { origin: 'https://evil.example' }
    expect(await errorOf(await post(`/api/1/ce/locked/auth?masterKey=${LOCKED_MASTER}&logout=true`, { headers: evil }))).toEqual({ status: 401, message: 'Unauthorized' })
    expect(await errorOf(await post(`${LOCKED_AUTH}&masterKey=${LOCKED_MASTER}&logout=true`))).toEqual({ status: 401, message: 'Unauthorized' })
    // A master key of another project is no override.
    expect(await errorOf(await post(`${LOCKED_AUTH}&masterKey=${RESTED_MASTER_KEY}&logout=true`))).toEqual({ status: 403, message: MESSAGES.noOrigin })

    const c = client()
    await c.call(`${LOCKED_AUTH}&login=true&masterKey=${LOCKED_MASTER}`, { method: 'POST', json: ALICE, headers: evil })
    expect(await c.accessToken()).toMatch(/^[0-9a-f]{64}$/)
    const out = await c.call(`${LOCKED_AUTH}&masterKey=${LOCKED_MASTER}&logout=true`, { method: 'POST', headers: evil })
    expect(out.status).toBe(204)
    expect(out.headers.get('access-control-allow-origin')).toBe('https://evil.example')

    const read = await fetch(`${base()}/api/1/ce/examples/secure?masterKey=${RESTED_MASTER_KEY}`)
    expect(read.status).toBe(200)
    await jsonOf(read, 'recordList')
  })

  it('secure and public data endpoints', async () => {
    expect(await errorOf(await fetch(base() + SECURE))).toEqual({ status: 401, message: 'Unauthorized' })
    expect((await fetch(`${base()}/api/1/ce/examples/public?key=${RESTED_API_KEY}`)).status).toBe(200)
    // GET on the auth endpoint is the logged-in user, not a data endpoint: without a token, its own 401.
    expect(await errorOf(await fetch(base() + AUTH))).toEqual({ status: 401, message: 'Missing Access Token' })
    const { c } = await login()
    const created = await c.call(SECURE, { method: 'POST', json: { title: 'mine' } })
    expect(created.status).toBe(200)
    expect((await jsonOf(created, 'record')).data).toEqual({ title: 'mine' })
    expect(((await jsonOf(await c.call(SECURE), 'recordList')).data as unknown[]).length).toBe(2)
    expect(await errorOf(await fetch(base() + SECURE, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }))).toEqual({
      status: 401,
      message: 'Unauthorized',
    })
  })

  it('the access token expires with the platform clock (accessTokenTtl)', async () => {
    const { c } = await login()
    target().mocks.clock.advance(3_599_000)
    expect((await c.call(SECURE)).status).toBe(200)
    target().mocks.clock.advance(1_000)
    expect((await c.call(SECURE)).status).toBe(401)
  })

  it('login: every documented 400 reason, and 401 for wrong credentials', async () => {
    const url = `${AUTH}&login=true`
    const raw = (body: BodyInit | undefined, type?: string) => post(url, { body, headers: type ? { 'content-type': type } : {} })
    expect(await errorOf(await raw(JSON.stringify(ALICE), 'text/plain'))).toEqual({ status: 400, message: 'Content-Type not valid, only application/json is allowed' })
    // A byte body has no Content-Type at all (a string body would get text/plain from fetch).
    expect(await errorOf(await raw(new TextEncoder().encode(JSON.stringify(ALICE))))).toEqual({ status: 400, message: 'Content-Type not valid, only application/json is allowed' })
    expect(await errorOf(await raw(undefined, 'application/json'))).toEqual({ status: 400, message: 'Body is empty' })
    expect(await errorOf(await raw('username=alice&password=x', 'application/json'))).toEqual({ status: 400, message: 'Body is not a valid JSON object' })
    expect(await errorOf(await raw('[1,2]', 'application/json; charset=utf-8'))).toEqual({ status: 400, message: 'Body is not a valid JSON object' })
    const json = (body: unknown) => raw(JSON.stringify(body), 'application/json')
    expect(await errorOf(await json({ username: 'alice', email: 'alice@example.com', password: 'alice-password-1' }))).toEqual({ status: 400, message: 'Use username or email, not both' })
    expect(await errorOf(await json({ password: 'alice-password-1' }))).toEqual({ status: 400, message: 'username or email is required' })
    expect(await errorOf(await json({ username: 42, password: 'x' }))).toEqual({ status: 400, message: 'username must be a non-empty string' })
    expect(await errorOf(await json({ email: 'not-an-email', password: 'x' }))).toEqual({ status: 400, message: 'email not valid' })
    expect(await errorOf(await json({ username: 'alice' }))).toEqual({ status: 400, message: 'password is required' })
    expect(await errorOf(await json({ username: 'alice', password: 'wrong' }))).toEqual({ status: 401, message: 'Invalid credentials.' })
    expect(await errorOf(await json({ username: 'nobody', password: 'x' }))).toEqual({ status: 401, message: 'Invalid credentials.' })
    expect(lastJournal()).toMatchObject({ behaviour: 'rested.login.invalidCredentials', forced: null })
  })

  it('register: duplicates and body rules', async () => {
    const reg = (body: unknown) => post(AUTH, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
    expect(await errorOf(await reg({ username: 'alice', password: 'p' }))).toEqual({ status: 400, message: 'Username already exists' })
    expect(await errorOf(await reg({ email: 'Bob@Example.com', password: 'p' }))).toEqual({ status: 400, message: 'Email already exists' })
    expect(await errorOf(await reg({ username: 'dave', email: 'dave@example.com', password: 'p' }))).toEqual({ status: 400, message: 'Use username or email, not both' })
    // The register page's 400 for a body without identifier or without password.
    expect(await errorOf(await reg({ email: 'dave@example.com' }))).toEqual({ status: 400, message: 'username/email or password not present' })
    expect(lastJournal()).toMatchObject({ behaviour: 'rested.register.missingPassword', forced: null })
    expect(await errorOf(await reg({ email: 'dave@example.com', password: '' }))).toEqual({ status: 400, message: 'username/email or password not present' })
    expect(await errorOf(await reg({ password: 'dave-password-1' }))).toEqual({ status: 400, message: 'username/email or password not present' })
    expect(lastJournal()).toMatchObject({ behaviour: 'rested.register.usernameEmailRules', forced: null })
    const ok = await reg({ email: 'dave@example.com', password: 'dave-password-1' })
    expect((await jsonOf(ok, 'userRecord')).data).toEqual({ email: 'dave@example.com', password: 'dave-password-1' })
    expect((await post(`${AUTH}&login=true`, { body: JSON.stringify({ email: 'dave@example.com', password: 'dave-password-1' }), headers: { 'content-type': 'application/json' } })).status).toBe(200)
  })

  const preflight = (path: string, origin: string, requestHeaders = 'authorization,content-type') =>
    fetch(base() + path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders } })

  it('preflight: allowed origin gets 204 with CORS headers, a disallowed one 403 without them', async () => {
    const ok = await preflight(`${LOCKED_AUTH}&logout=true`, LOCKED_ORIGIN)
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe(LOCKED_ORIGIN)
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true')
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS')
    expect(ok.headers.get('access-control-allow-headers')).toBe('authorization,content-type')
    expect(ok.headers.get('vary')).toBe('Origin, Access-Control-Request-Headers')

    const denied = await preflight(`${LOCKED_AUTH}&logout=true`, 'https://evil.example')
    expect(denied.headers.get('access-control-allow-origin')).toBeNull()
    expect(denied.headers.get('access-control-allow-credentials')).toBeNull()
    expect(await errorOf(denied)).toEqual({ status: 403, message: MESSAGES.origin })

    const open = await preflight(`${AUTH}&logout=true`, 'https://anything.example')
    expect(open.status).toBe(204)
    expect(open.headers.get('access-control-allow-origin')).toBe('https://anything.example')
  })

  it('endpoint names that break the rule, encoded slashes and broken encoding → 400, never a crash', async () => {
    const names = [
      'Examples/auth',
      '-examples/auth',
      'examples/auth-',
      'examples/auth/',
      'examples//auth',
      'exa--mples/auth',
      'abcd',
      'a'.repeat(255),
      'examples%2Fauth',
      'examples%2fauth',
      'examples/auth%00',
      'examples/au%zzth',
      'examples/%E0%A4',
      'examples/auth%20x',
      'examples%5Cauth',
      'examples/ａuth',
    ]
    for (const name of names) {
      const res = await post(`/api/1/ce/${name}?key=${RESTED_API_KEY}&logout=true`)
      expect(await errorOf(res), name).toEqual({ status: 400, message: MESSAGES.invalid })
    }
    // 254 characters is still a valid name (just unknown).
    expect(await errorOf(await post(`/api/1/ce/${'a'.repeat(254)}?key=${RESTED_API_KEY}&logout=true`))).toEqual({ status: 400, message: MESSAGES.invalid })
  })

  it('dot segments are resolved by the URL parser before the request leaves the client', async () => {
    // fetch normalises `..` and `%2e%2e` (WHATWG URL): what reaches the handler is the resolved path.
    const c = client()
    await login(c)
    expect((await c.call(`/api/1/ce/examples/x/../auth?key=${RESTED_API_KEY}&logout=true`, { method: 'POST' })).status).toBe(204)
    expect(await errorOf(await post(`/api/1/ce/examples/%2e%2e/secure?key=${RESTED_API_KEY}&logout=true`))).toEqual({ status: 400, message: MESSAGES.invalid })
    expect(await errorOf(await post(`/api/1/ce/examples/auth/..?key=${RESTED_API_KEY}&logout=true`))).toEqual({ status: 400, message: MESSAGES.invalid })
    // A backslash becomes a slash in http(s) URLs: `examples\auth` arrives as `examples/auth`.
    expect((await post(`/api/1/ce/examples\\auth?key=${RESTED_API_KEY}&logout=true`)).status).toBe(401)
  })

  it('a data endpoint\'s body errors come from its own entries, reached naturally by a logged-in client', async () => {
    const { c } = await login()
    const cases: [RequestInit, string][] = [
      [{ body: 'title=mine', headers: { 'content-type': 'text/plain' } }, 'rested.secureCreate.badContentType'],
      [{ body: '', headers: { 'content-type': 'application/json' } }, 'rested.secureCreate.emptyBody'],
      [{ body: '["mine"]', headers: { 'content-type': 'application/json' } }, 'rested.secureCreate.malformedBody'],
      [{ body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }), headers: { 'content-type': 'application/json' } }, 'rested.secureCreate.bodyTooLarge'],
    ]
    for (const [init, behaviour] of cases) {
      const res = await c.call(SECURE, { method: 'POST', ...init })
      expect(res.status, behaviour).toBe(400)
      await res.arrayBuffer()
      expect(lastJournal(), behaviour).toMatchObject({ behaviour, forced: null })
    }
    expect((await c.call(SECURE, { method: 'POST', json: { title: 'still fine' } })).status).toBe(200)
  })

  it('a body over 1 MiB is a 400 and the server keeps serving', async () => {
    const huge = JSON.stringify({ username: 'alice', password: 'alice-password-1', pad: 'x'.repeat(1024 * 1024) })
    const res = await post(`${AUTH}&login=true`, { body: huge, headers: { 'content-type': 'application/json' } })
    expect(await errorOf(res)).toEqual({ status: 400, message: 'Body too large' })
    const reg = await post(AUTH, { body: huge, headers: { 'content-type': 'application/json' } })
    expect(await errorOf(reg)).toEqual({ status: 400, message: 'Body too large' })
    expect((await login()).res.status).toBe(200)
  })

  it('forcing reaches the logout entries by status and by id', async () => {
    const forced = await post(`${AUTH}&logout=true`, { headers: { prefer: 'code=401' } })
    expect(await errorOf(forced)).toEqual({ status: 401, message: 'Unauthorized' })
    const idem = await post(`${AUTH}&logout=true&__example=rested.logout.idempotent`)
    expect(idem.status).toBe(204)
    expect(idem.headers.getSetCookie()).toEqual([])
    const missing = await post(`${AUTH}&logout=true`, { headers: { prefer: 'example=rested.logout.missingApiKey' } })
    expect(await errorOf(missing)).toEqual({ status: 403, message: MESSAGES.missingApiKey })
  })

  it('a forced 204 is the default natural one (documented: no cookie); the clearing-cookie 204 is forced by id', async () => {
    const c = client()
    await login(c)
    const natural = await c.call(`${AUTH}&logout=true`, { method: 'POST' })
    expect(lastJournal()).toMatchObject({ operation: 'logout', behaviour: 'rested.logout.success', forced: null })
    expect(natural.headers.getSetCookie()).toEqual([])
    const byStatus = await post(`${AUTH}&logout=true`, { headers: { prefer: 'code=204' } })
    expect(lastJournal()).toMatchObject({ behaviour: 'rested.logout.success', forced: 'header' })
    expect(byStatus.headers.getSetCookie()).toEqual([])
    expect(await byStatus.text()).toBe('')
    const clearing = await post(`${AUTH}&logout=true`, { headers: { prefer: 'example=rested.logout.successClearingCookie' } })
    expect(clearing.status).toBe(204)
    expect(await clearing.text()).toBe('')
    expect(clearing.headers.getSetCookie()).toEqual(['__Secure-rested-access-token=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=None'])
  })

  it('forcing by id and by status reaches login, register and secureCreate through their own URLs', async () => {
    const cases = [
      { path: `${AUTH}&login=true`, operation: 'login', example: 'rested.login.usernameEmailRules', code: 401, byCode: 'rested.login.invalidCredentials' },
      { path: AUTH, operation: 'register', example: 'rested.register.duplicateUsername', code: 200, byCode: 'rested.register.success' },
      { path: SECURE, operation: 'secureCreate', example: 'rested.secureCreate.emptyBody', code: 401, byCode: 'rested.secureCreate.unauthenticated' },
    ]
    for (const { path, operation, example, code, byCode } of cases) {
      const byId = await post(path, { headers: { prefer: `example=${example}` } })
      expect(byId.status, example).toBe(400)
      await jsonOf(byId, 'error')
      expect(lastJournal(), example).toMatchObject({ operation, behaviour: example, forced: 'header' })
      const byStatus = await post(`${path}&__code=${code}`)
      expect(byStatus.status, byCode).toBe(code)
      expect(lastJournal(), byCode).toMatchObject({ operation, behaviour: byCode, forced: 'query' })
    }
    // An id of another operation is refused on this URL, listing this operation's own choices.
    const wrong = await post(`${AUTH}&login=true`, { headers: { prefer: 'example=rested.logout.unauthenticated' } })
    expect(wrong.status).toBe(400)
    const problem = (await wrong.json()) as { type: string; operation: string; validExamples: string[] }
    expect(problem).toMatchObject({ type: 'urn:logout-mocks:problem:unknown-forced-example', operation: 'login' })
    expect(problem.validExamples).toContain('rested.login.success')
    expect(problem.validExamples).not.toContain('rested.logout.success')
  })

  it('a request with both a cookie and an Authorization header: the first LIVE one authenticates, and logout revokes only it', async () => {
    const a = (await login()).c
    const cookieToken = (await a.accessToken())!
    const b = (await login(client(), '&noATCookie=true')).res.headers.get('authorization')!
    const secureWith = (headers: HeadersInit) => fetch(base() + SECURE, { headers })
    const both = { cookie: `${ACCESS_COOKIE}=${cookieToken}`, authorization: b }

    // Both live: the cookie's token is the one logged out; the header's token is a session of its own.
    expect((await post(`${AUTH}&logout=true`, { headers: both })).status).toBe(204)
    expect((await secureWith({ cookie: `${ACCESS_COOKIE}=${cookieToken}` })).status).toBe(401)
    expect((await secureWith({ authorization: b })).status).toBe(200)

    // The cookie is now revoked: it does not hide the live header, which authenticates and is logged out.
    expect((await secureWith(both)).status).toBe(200)
    expect((await post(`${AUTH}&logout=true`, { headers: both })).status).toBe(204)
    expect((await secureWith({ authorization: b })).status).toBe(401)
    expect(await errorOf(await post(`${AUTH}&logout=true`, { headers: both }))).toEqual({ status: 401, message: 'Unauthorized' })
  })

  it('logout row 5: a never-issued, an expired, another project\'s and a revoked Bearer token are all 401', async () => {
    const logout = (headers: HeadersInit) => post(`${AUTH}&logout=true`, { headers })
    const unauthorized = { status: 401, message: 'Unauthorized' }
    expect(await errorOf(await logout({ cookie: `${ACCESS_COOKIE}=${'f'.repeat(64)}` }))).toEqual(unauthorized)
    expect(await errorOf(await logout({ authorization: `Bearer ${'f'.repeat(64)}` }))).toEqual(unauthorized)

    const expiring = (await login(client(), '&noATCookie=true')).res.headers.get('authorization')!
    target().mocks.clock.advance(3_600_000)
    expect(await errorOf(await logout({ authorization: expiring }))).toEqual(unauthorized)

    const locked = client()
    expect((await locked.call(`${LOCKED_AUTH}&login=true`, { method: 'POST', json: ALICE, headers: { origin: LOCKED_ORIGIN } })).status).toBe(200)
    expect(await errorOf(await logout({ cookie: `${ACCESS_COOKIE}=${(await locked.accessToken())!}` }))).toEqual(unauthorized)

    const bearer = (await login(client(), '&noATCookie=true')).res.headers.get('authorization')!
    expect((await logout({ authorization: bearer })).status).toBe(204)
    expect(await errorOf(await logout({ authorization: bearer }))).toEqual(unauthorized)
  })

  it('a valid masterKey does not skip row 2: an unknown endpoint is still 400', async () => {
    const res = await post(`/api/1/ce/examples/nothing?masterKey=${RESTED_MASTER_KEY}&logout=true`, { headers: { origin: 'https://evil.example' } })
    expect(await errorOf(res)).toEqual({ status: 400, message: MESSAGES.invalid })
    expect(await errorOf(await post(`/api/1/ce/locked/nothing?masterKey=${LOCKED_MASTER}&logout=true`))).toEqual({ status: 400, message: MESSAGES.invalid })
  })

  it('login and register go through the same gate: rows 1–4 in order, before the body is looked at', async () => {
    const json = { 'content-type': 'application/json' }
    const body = JSON.stringify(ALICE)
    for (const flag of ['&login=true', '']) {
      const send = (path: string, headers: Record<string, string> = {}) => post(path + flag, { body, headers: { ...json, ...headers } })
      expect(await errorOf(await send('/api/1/ce/examples/auth?x=1')), flag).toEqual({ status: 403, message: MESSAGES.missingApiKey })
      expect(await errorOf(await send('/api/1/ce/examples/auth?key=nope')), flag).toEqual({ status: 400, message: MESSAGES.invalid })
      expect(await errorOf(await send(`/api/1/ce/examples/nothing?key=${RESTED_API_KEY}`)), flag).toEqual({ status: 400, message: MESSAGES.invalid })
      expect(await errorOf(await send(LOCKED_AUTH, { origin: 'https://evil.example' })), flag).toEqual({ status: 403, message: MESSAGES.origin })
      expect(await errorOf(await send(LOCKED_AUTH)), flag).toEqual({ status: 403, message: MESSAGES.noOrigin })
    }
    // The gate comes before the body: a wrong Content-Type on an unknown key is still the gate's 400.
    expect(await errorOf(await post(`/api/1/ce/examples/auth?key=nope&login=true`, { body, headers: { 'content-type': 'text/plain' } }))).toEqual({ status: 400, message: MESSAGES.invalid })
  })

  it('a logged-out token is refused by POST on a secure endpoint too', async () => {
    const { c } = await login()
    const token = (await c.accessToken())!
    expect((await c.call(`${AUTH}&logout=true`, { method: 'POST' })).status).toBe(204)
    const create = await post(SECURE, { body: JSON.stringify({ title: 'late' }), headers: { 'content-type': 'application/json', cookie: `${ACCESS_COOKIE}=${token}` } })
    expect(await errorOf(create)).toEqual({ status: 401, message: 'Unauthorized' })
    expect(((await jsonOf(await fetch(`${base()}${SECURE.replace(`key=${RESTED_API_KEY}`, `masterKey=${RESTED_MASTER_KEY}`)}`), 'recordList')).data as unknown[]).length).toBe(1)
  })

  it('the logout 204 varies on Origin, with and without one', async () => {
    for (const headers of [{}, { origin: 'https://frontend.example.org' }] as HeadersInit[]) {
      const { c } = await login()
      const out = await c.call(`${AUTH}&logout=true`, { method: 'POST', headers })
      expect(out.status).toBe(204)
      expect(out.headers.get('vary')).toBe('Origin')
    }
  })

  it('preflight: a browser asking for Prefer (to force a response) gets it allowed', async () => {
    const res = await preflight(`${LOCKED_AUTH}&logout=true`, LOCKED_ORIGIN, 'prefer, content-type')
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-headers')).toBe('prefer, content-type')
    const forced = await post(`${LOCKED_AUTH}&logout=true`, { headers: { origin: LOCKED_ORIGIN, prefer: 'code=401' } })
    expect(forced.headers.get('access-control-allow-origin')).toBe(LOCKED_ORIGIN)
    expect(await errorOf(forced)).toEqual({ status: 401, message: 'Unauthorized' })
  })

  it('preflight without a key, or with a bad key, is refused without CORS allow headers', async () => {
    const noKey = await preflight('/api/1/ce/examples/auth?logout=true', 'https://frontend.example.org')
    expect(noKey.headers.get('access-control-allow-origin')).toBeNull()
    expect(await errorOf(noKey)).toEqual({ status: 403, message: MESSAGES.missingApiKey })
    const badKey = await preflight('/api/1/ce/examples/auth?key=nope&logout=true', 'https://frontend.example.org')
    expect(badKey.headers.get('access-control-allow-origin')).toBeNull()
    expect(await errorOf(badKey)).toEqual({ status: 400, message: MESSAGES.invalid })
  })
})
