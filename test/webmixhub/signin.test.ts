/**
 * WebmixHub `POST /auth/signin` and `GET /auth/me` through real HTTP, in-process and standalone: every documented
 * method, the JWT claims, validation errors, and new users created by the non-password methods.
 */
import { expect, it } from 'vitest'
import { describeBothModes } from '../support/modes.ts'
import { decodeJwt, signJwt } from '../../handlers/platform/crypto/jwt.ts'
import { demoTenant, webmixhubTenants } from '../../fixtures/webmixhub.ts'
import { ALICE, CAROL, DEMO, RESTRICTED, auth, expectError, idOf, readBody, webmixhubClient } from './client.ts'

const START = '2025-01-15T10:30:00.000Z'
const START_S = Date.parse(START) / 1000

describeBothModes('webmixhub signin and me', { clock: { start: START, frozen: true } }, (t) => {
  const c = webmixhubClient(t)
  const signinOk = async (body: unknown, headers?: Record<string, string>) => {
    const r = await c.signin(body, headers)
    expect(r.status, JSON.stringify(body)).toBe(200)
    return (await readBody(r, 'signinSuccess')).data as { accessToken: string; refreshToken: string; newUser: boolean; user: { id: string; email: string | null; status: string } }
  }

  it('password: HS256 access and refresh JWTs with sub, tid, iat, exp; the user is logged_in', async () => {
    const data = await signinOk({ method: 'password', email: 'ALICE@example.com', password: ALICE.password })
    expect(data.newUser).toBe(false)
    expect(data.user).toEqual({ id: idOf(ALICE.email), email: ALICE.email, status: 'logged_in' })
    const access = decodeJwt(data.accessToken)!
    expect(access.header).toEqual({ alg: 'HS256', typ: 'JWT' })
    expect(access.claims).toMatchObject({ sub: data.user.id, tid: demoTenant.id, iat: START_S, exp: START_S + 3600 })
    expect(decodeJwt(data.refreshToken)!.claims).toMatchObject({ sub: data.user.id, tid: demoTenant.id, iat: START_S, exp: START_S + 2_592_000 })
    const me = await c.me(auth(data.accessToken))
    expect((await readBody(me, 'meSuccess')).data).toEqual(data.user)
  })

  it('password: wrong password, unknown user → 401 INVALID_CREDENTIALS; users are per tenant', async () => {
    await expectError(await c.signin({ method: 'password', email: ALICE.email, password: 'wrong-password' }), 401, 'INVALID_CREDENTIALS')
    await expectError(await c.signin({ method: 'password', email: 'nobody@example.com', password: 'whatever-1' }), 401, 'INVALID_CREDENTIALS')
    // carol exists only in the demo tenant.
    await expectError(await c.signin({ method: 'password', ...CAROL }, { 'x-tenant-token': RESTRICTED }), 401, 'INVALID_CREDENTIALS')
    const restricted = await signinOk({ method: 'password', ...ALICE }, { 'x-tenant-token': RESTRICTED })
    expect(restricted.user.id).toBe(idOf(ALICE.email, RESTRICTED))
    expect(decodeJwt(restricted.accessToken)!.claims.tid).toBe(webmixhubTenants.find((x) => x.token === RESTRICTED)!.id)
  })

  it('google / apple / facebook / otp sign in an existing user by email, or create an unknown one (newUser)', async () => {
    const byGoogle = await signinOk({ method: 'google', token: ALICE.email })
    expect(byGoogle).toMatchObject({ newUser: false, user: { email: ALICE.email, status: 'logged_in' } })

    // An ID-token-like JWT with an email claim names the account.
    const idToken = await signJwt({ email: 'dave@example.com', sub: 'g-123' }, 'google-secret')
    const dave = await signinOk({ method: 'apple', token: idToken })
    expect(dave).toMatchObject({ newUser: true, user: { email: 'dave@example.com', status: 'logged_in' } })
    const daveAgain = await signinOk({ method: 'otp', email: 'dave@example.com', code: '123456' })
    expect(daveAgain).toMatchObject({ newUser: false, user: { id: dave.user.id } })

    // An opaque social token is an account without email: the same token is the same account.
    const fb = await signinOk({ method: 'facebook', token: 'EAAB-opaque-access-token', tokenType: 'access_token' })
    expect(fb).toMatchObject({ newUser: true, user: { email: null, status: 'logged_in' } })
    expect((await signinOk({ method: 'facebook', token: 'EAAB-opaque-access-token', tokenType: 'access_token' })).user.id).toBe(fb.user.id)

    // The created users are real: their tokens work, logout works, the quirk applies.
    expect((await c.logout(auth(fb.accessToken))).status).toBe(200)
    const state = await c.state()
    expect(state.users.find((u) => u.id === fb.user.id)?.status).toBe('logged_out')
    expect((await readBody(await c.me(auth(fb.accessToken)), 'meSuccess')).data!.status).toBe('logged_in')
  })

  it('guest: one user per x-device-id, a new one per request without it', async () => {
    const a = await signinOk({ method: 'guest' }, { 'x-tenant-token': DEMO, 'x-device-id': 'device-1' })
    const b = await signinOk({ method: 'guest' }, { 'x-tenant-token': DEMO, 'x-device-id': 'device-1' })
    expect(a).toMatchObject({ newUser: true, user: { email: null } })
    expect(b).toMatchObject({ newUser: false, user: { id: a.user.id } })
    const anonymous1 = await signinOk({ method: 'guest' })
    const anonymous2 = await signinOk({ method: 'guest' })
    expect(anonymous1.newUser && anonymous2.newUser).toBe(true)
    expect(anonymous1.user.id).not.toBe(anonymous2.user.id)
  })

  it.each([
    ['not JSON', '{nope', { body: 'Request body must be a JSON object (Content-Type: application/json)' }],
    ['an array', [], { body: 'Request body must be a JSON object (Content-Type: application/json)' }],
    ['no method', { email: ALICE.email }, { method: 'method is required' }],
    ['unknown method', { method: 'saml' }, { method: 'method must be one of password, google, facebook, apple, otp, guest' }],
    ['short password', { method: 'password', email: ALICE.email, password: 'short' }, { password: 'password must be at least 8 characters' }],
    ['bad email, no password', { method: 'password', email: 'alice' }, { email: 'email must be a valid email address', password: 'password is required' }],
    ['password not a string', { method: 'password', email: ALICE.email, password: 12345678 }, { password: 'password must be a string' }],
    ['google without token', { method: 'google' }, { token: 'token is required' }],
    ['facebook without tokenType', { method: 'facebook', token: 'x' }, { tokenType: 'tokenType is required' }],
    ['otp with a bad code', { method: 'otp', email: ALICE.email, code: 'abc' }, { code: 'code must be 4 to 8 digits' }],
  ])('400 VALIDATION_ERROR with error.validation: %s', async (_name, body, validation) => {
    const r = await c.signin(body)
    const err = await expectError(r, 400, 'VALIDATION_ERROR', 'The request could not be processed')
    expect(err.error!.validation).toEqual(validation)
    expect(Object.keys(err.error!)).toEqual(['message', 'code', 'status', 'validation'])
  })

  it('a JSON body sent without Content-Type: application/json is a validation error, not a crash', async () => {
    const r = await fetch(c.url('/auth/signin'), { method: 'POST', headers: { 'x-tenant-token': DEMO, 'Content-Type': 'text/plain' }, body: JSON.stringify({ method: 'guest' }) })
    expect((await expectError(r, 400, 'VALIDATION_ERROR')).error!.validation).toHaveProperty('body')
  })

  it('tenant authentication comes before body validation', async () => {
    await expectError(await c.signin({ method: 'saml' }, {}), 401, 'MISSING_TENANT_TOKEN', 'Missing tenant token')
    await expectError(await c.signin('{nope', { 'x-tenant-token': 'unknown' }), 401, 'INVALID_TENANT_TOKEN')
  })

  it('me: 401 rows like logout, no rate limit headers', async () => {
    await expectError(await c.me(), 401, 'MISSING_TENANT_TOKEN')
    await expectError(await c.me({ 'x-tenant-token': 'unknown' }), 401, 'INVALID_TENANT_TOKEN')
    await expectError(await c.me({ 'x-tenant-token': DEMO }), 401, 'MISSING_USER_TOKEN')
    const r = await c.me(auth('x.y.z'))
    await expectError(r, 401, 'INVALID_TOKEN')
    expect(r.headers.get('x-ratelimit-limit')).toBeNull()
  })
})
