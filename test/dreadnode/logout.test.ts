/**
 * Dreadnode through real HTTP: every behaviour with a natural trigger, reached naturally, in-process and standalone.
 */
import { expect, it } from 'vitest'
import { describeBothModes } from '../support/modes.ts'
import { ALICE, cookieHeader, expectError, schemas } from './support.ts'
import { signJwt } from '../../handlers/platform/crypto/jwt.ts'

describeBothModes('dreadnode', {}, (t) => {
  const url = (path: string) => t().baseUrl('dreadnode') + path
  const login = (creds: unknown = ALICE, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    fetch(url('/api/v1/auth/login'), { method: 'POST', headers, body: typeof creds === 'string' ? creds : JSON.stringify(creds) })
  const logout = (headers: Record<string, string> = {}, body?: string) => fetch(url('/api/v1/auth/logout'), { method: 'POST', headers, body })
  const me = (headers: Record<string, string>) => fetch(url('/api/v1/user'), { headers })

  it('login → me → logout (200, both cookies cleared) → me 401 → refresh 401', async () => {
    const loggedIn = await login()
    expect(loggedIn.status).toBe(200)
    const user = await loggedIn.json()
    expect(schemas.errors('user', user)).toBeNull()
    expect(user.email_address).toBe('alice@example.com')
    const issued = loggedIn.headers.getSetCookie()
    expect(issued).toHaveLength(2)
    expect(issued[0]).toMatch(/^access_token=ey[^;]+; Max-Age=900; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
    expect(issued[1]).toMatch(/^refresh_token=ey[^;]+; Max-Age=604800; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
    const cookie = cookieHeader(loggedIn)

    expect((await fetch(url('/api/v1/user'), { headers: { cookie } })).status).toBe(200)

    const out = await logout({ cookie })
    expect(out.status).toBe(200)
    expect(out.headers.get('content-type')).toBe('application/json')
    expect(await out.json()).toEqual({})
    expect(out.headers.getSetCookie()).toEqual([
      'access_token=""; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax',
      'refresh_token=""; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax',
    ])

    // The old cookies, replayed: the session is revoked server-side.
    await expectError(await fetch(url('/api/v1/user'), { headers: { cookie } }), 401, 'authentication_error')
    await expectError(await fetch(url('/api/v1/auth/refresh'), { method: 'POST', headers: { cookie } }), 401, 'authentication_error')
    await expectError(await logout({ cookie }), 401, 'authentication_error')
    const state = t().mocks.state().dreadnode as { sessions: { revoked: boolean }[] }
    expect(state.sessions.map((s) => s.revoked)).toEqual([true])
  })

  it('refresh rotates both cookies; the old refresh token is then rejected', async () => {
    const cookie = cookieHeader(await login())
    const refreshed = await fetch(url('/api/v1/auth/refresh'), { method: 'POST', headers: { cookie } })
    expect(refreshed.status).toBe(200)
    const rotated = cookieHeader(refreshed)
    expect(rotated).not.toBe(cookie)
    expect((await fetch(url('/api/v1/user'), { headers: { cookie: rotated } })).status).toBe(200)
    await expectError(await fetch(url('/api/v1/auth/refresh'), { method: 'POST', headers: { cookie } }), 401, 'authentication_error')
  })

  it('401 without cookies, with an expired token (clock advanced), and with a forged signature', async () => {
    await expectError(await logout(), 401, 'authentication_error')
    const cookie = cookieHeader(await login())
    t().mocks.clock.advance(901_000)
    await expectError(await logout({ cookie }), 401, 'authentication_error')
    const forged = await signJwt({ sub: 'x', sid: 'y', typ: 'access', exp: 4_000_000_000 }, 'not-the-secret')
    await expectError(await logout({ cookie: `access_token=${forged}` }), 401, 'authentication_error')
  })

  it('422 for a malformed cookie, naming it in errors[]', async () => {
    const body = await expectError(await logout({ cookie: 'access_token=not-a-jwt' }), 422, 'validation_error')
    expect(body.errors).toEqual([{ loc: ['cookie', 'access_token'], msg: 'Malformed token: not a JWT', type: 'value_error.jwt' }])
    const refresh = await expectError(await logout({ cookie: `access_token=${(await login().then(cookieHeader)).split('; ')[0].slice(13)}; refresh_token=%%%` }), 422, 'validation_error')
    expect(refresh.errors[0].loc).toEqual(['cookie', 'refresh_token'])
    const both = await expectError(await logout({ cookie: 'access_token=x; refresh_token=y' }), 422, 'validation_error')
    expect(both.errors.map((e: { loc: unknown[] }) => e.loc)).toEqual([['cookie', 'access_token'], ['cookie', 'refresh_token']])
  })

  it('403 for a disabled user; the session stays usable once re-enabled', async () => {
    const cookie = cookieHeader(await login())
    await t().mocks.action('dreadnode', 'disableUser', { user: 'alice@example.com' })
    await expectError(await logout({ cookie }), 403, 'permission_denied')
    await t().mocks.action('dreadnode', 'enableUser', { user: 'alice@example.com' })
    expect((await logout({ cookie })).status).toBe(200)
    await expectError(await login({ email: 'disabled@example.com', password: 'disabled-password-1' }), 403, 'permission_denied')
  })

  it('400 for a broken JSON body on logout and login; 422 for missing login fields; 401 for a wrong password', async () => {
    await expectError(await logout({ 'Content-Type': 'application/json' }, '{"oops'), 400, 'invalid_request')
    await expectError(await login('{not json'), 400, 'invalid_request')
    const missing = await expectError(await login({ email: 'alice@example.com' }), 422, 'validation_error')
    expect(missing.errors).toEqual([{ loc: ['body', 'password'], msg: 'Field required', type: 'missing' }])
    await expectError(await login('email=a&password=b', { 'Content-Type': 'application/x-www-form-urlencoded' }), 422, 'validation_error')
    await expectError(await login({ ...ALICE, password: 'wrong' }), 401, 'authentication_error')
  })

  it('429 with Retry-After once the window is used up, lifted when the clock crosses the window', async () => {
    for (let i = 0; i < 60; i++) expect((await logout()).status).toBe(401)
    const limited = await logout()
    await expectError(limited, 429, 'rate_limited')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60)
    t().mocks.clock.advance(60_000)
    expect((await logout()).status).toBe(401)
  })

  it('a valid JSON body and a form body on logout are both ignored; only broken JSON is a 400', async () => {
    const first = cookieHeader(await login())
    expect((await logout({ cookie: first, 'Content-Type': 'application/json' }, '{"reason":"bye"}')).status).toBe(200)
    const second = cookieHeader(await login())
    expect((await logout({ cookie: second, 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1')).status).toBe(200)
    await expectError(await me({ cookie: second }), 401, 'authentication_error')
  })
})

describeBothModes('dreadnode with a minimum client version', { providers: { dreadnode: { minClientVersion: '2.0.0' } } }, (t) => {
  const logout = (ua?: string) => fetch(t().baseUrl('dreadnode') + '/api/v1/auth/logout', { method: 'POST', headers: ua ? { 'User-Agent': ua } : {} })
  it('426 for an older SDK, normal handling for a current one or a browser', async () => {
    await expectError(await logout('dreadnode-sdk/1.9.3 python/3.12'), 426, 'upgrade_required')
    await expectError(await logout('dreadnode-sdk/2.0.0'), 401, 'authentication_error')
    await expectError(await logout('Mozilla/5.0'), 401, 'authentication_error')
  })
})

describeBothModes('dreadnode with idempotent logout (ASSUMPTION switched)', { providers: { dreadnode: { unauthenticatedLogout: 'idempotent' } } }, (t) => {
  it('200 and cleared cookies without a session; coverage counts the assumed entry', async () => {
    const r = await fetch(t().baseUrl('dreadnode') + '/api/v1/auth/logout', { method: 'POST' })
    expect(r.status).toBe(200)
    expect(r.headers.getSetCookie()).toHaveLength(2)
    const op = t().mocks.coverage().providers.dreadnode!.operations.logout
    expect(op.find((e) => e.id === 'dreadnode.logout.idempotent')).toMatchObject({ source: 'assumed', natural: 1, served: true })
  })
})

describeBothModes('dreadnode rate limit per token, behind a trusted proxy', { providers: { dreadnode: { rateLimit: 2, rateLimitBy: 'token', trustForwardedFor: true } } }, (t) => {
  const logout = (headers: Record<string, string>) => fetch(t().baseUrl('dreadnode') + '/api/v1/auth/logout', { method: 'POST', headers })
  it('counts per access token, not per IP', async () => {
    const a = await t().mocks.sessions.create({ provider: 'dreadnode', user: 'alice' })
    const b = await t().mocks.sessions.create({ provider: 'dreadnode', user: 'bob' })
    const cookieA = (a.headers as Record<string, string>).Cookie
    const cookieB = (b.headers as Record<string, string>).Cookie
    expect((await logout({ cookie: cookieA })).status).toBe(200)
    expect((await logout({ cookie: cookieA })).status).toBe(401)
    await expectError(await logout({ cookie: cookieA }), 429, 'rate_limited')
    expect((await logout({ cookie: cookieB })).status).toBe(200)
  })
})

describeBothModes('dreadnode rate limit per credential covers API keys and both logouts', { providers: { dreadnode: { rateLimit: 2, rateLimitBy: 'token' } } }, (t) => {
  it('an X-API-Key is counted on its own, across v1 and v2 logout', async () => {
    const key = (await t().mocks.action('dreadnode', 'createApiKey', { user: 'alice', allowSelfRevoke: false })) as { key: string }
    const headers = { 'X-API-Key': key.key }
    expect((await fetch(t().baseUrl('dreadnode') + '/api/v1/auth/logout', { method: 'POST', headers })).status).toBe(200)
    await expectError(await fetch(t().baseUrl('dreadnode') + '/api/v1/user/api-keys/self', { method: 'DELETE', headers }), 403, 'permission_denied')
    await expectError(await fetch(t().baseUrl('dreadnode') + '/api/v1/auth/logout', { method: 'POST', headers }), 429, 'rate_limited')
    // The v2 logout answers the limit itself too, before it looks at the key.
    await expectError(await fetch(t().baseUrl('dreadnode') + '/api/v1/user/api-keys/self', { method: 'DELETE', headers }), 429, 'rate_limited')
    expect(t().mocks.journal.list().at(-1)?.behaviour).toBe('dreadnode.revokeOwnApiKey.rateLimited')
    expect((await fetch(t().baseUrl('dreadnode') + '/api/v1/auth/logout', { method: 'POST' })).status).toBe(401)
  })
})

describeBothModes('dreadnode rate limit per IP, behind a trusted proxy', { providers: { dreadnode: { rateLimit: 1, trustForwardedFor: true } } }, (t) => {
  const logout = (ip: string) => fetch(t().baseUrl('dreadnode') + '/api/v1/auth/logout', { method: 'POST', headers: { 'X-Forwarded-For': `${ip}, 10.0.0.1` } })
  it('takes the client IP from X-Forwarded-For when trusted', async () => {
    expect((await logout('203.0.113.1')).status).toBe(401)
    await expectError(await logout('203.0.113.1'), 429, 'rate_limited')
    expect((await logout('203.0.113.2')).status).toBe(401)
    expect(t().mocks.journal.list().map((e) => e.clientIp)).toEqual(['203.0.113.1', '203.0.113.1', '203.0.113.2'])
  })
})

describeBothModes('dreadnode client version from a named header', { providers: { dreadnode: { minClientVersion: '3.1', clientVersionHeader: 'X-Client-Version' } } }, (t) => {
  const logout = (headers: Record<string, string>) => fetch(t().baseUrl('dreadnode') + '/api/v1/auth/logout', { method: 'POST', headers })
  it('426 for an older version in that header; the User-Agent is then not consulted', async () => {
    await expectError(await logout({ 'X-Client-Version': '3.0.9' }), 426, 'upgrade_required')
    await expectError(await logout({ 'X-Client-Version': '3.1.0' }), 401, 'authentication_error')
    await expectError(await logout({ 'User-Agent': 'dreadnode-sdk/0.1' }), 401, 'authentication_error')
  })
})
