/**
 * WebmixHub's public routes through fetch, in-process and standalone: `POST /auth/signup` (the sign-in response with
 * newUser true, 409 CONFLICT, validation), `x-token` optional and ignored on sign-in and sign-up (a stale token is no
 * error and revives no one), and the error table's exact messages on every route but logout, which keeps its page's.
 */
import { expect, it } from 'vitest'
import { describeBothModes } from '../support/modes.ts'
import { decodeJwt } from '../../handlers/platform/crypto/jwt.ts'
import { demoTenant } from '../../fixtures/webmixhub.ts'
import { ALICE, BOB, DEMO, RESTRICTED, auth, expectError, readBody, webmixhubClient } from './client.ts'

const START = '2025-01-15T10:30:00.000Z'
type SignedIn = { accessToken: string; refreshToken: string; newUser: boolean; user: { id: string; email: string | null; status: string } }

describeBothModes('webmixhub signup and public routes', { clock: { start: START, frozen: true } }, (t) => {
  const c = webmixhubClient(t)
  const signup = c.signup
  const lastJournal = () => t().mocks.journal.list().at(-1)

  it('signup creates a logged-in user and answers the sign-in response with newUser true; the account then signs in by password', async () => {
    const r = await signup({ email: 'Dave@Example.com', password: 'dave-password-1' })
    expect(r.status).toBe(200)
    const data = (await readBody(r, 'signinSuccess')).data as unknown as SignedIn
    expect(data).toMatchObject({ newUser: true, user: { email: 'dave@example.com', status: 'logged_in' } })
    expect(decodeJwt(data.accessToken)!.claims).toMatchObject({ sub: data.user.id, tid: demoTenant.id })
    expect(lastJournal()).toMatchObject({ operation: 'signup', behaviour: 'webmixhub.signup.success', forced: null })
    expect((await readBody(await c.me(auth(data.accessToken)), 'meSuccess')).data).toEqual(data.user)

    const again = await c.signin({ method: 'password', email: 'dave@example.com', password: 'dave-password-1' })
    expect(((await readBody(again, 'signinSuccess')).data as unknown as SignedIn)).toMatchObject({ newUser: false, user: { id: data.user.id } })
    // `method: "password"` is accepted too (the one method the Auth overview lists for signup).
    expect((await signup({ method: 'password', email: 'erin@example.com', password: 'erin-password-1' })).status).toBe(200)
  })

  it('an email already registered in the tenant (any case) is 409 CONFLICT "Conflict"; another tenant is another account', async () => {
    await expectError(await signup({ email: 'ALICE@example.com', password: 'whatever-123' }), 409, 'CONFLICT', 'Conflict')
    expect(lastJournal()).toMatchObject({ behaviour: 'webmixhub.signup.conflict', forced: null })
    // The same email in two tenants is two accounts: each signs up once, the second time is a conflict.
    for (const tenant of [RESTRICTED, DEMO]) {
      const first = await signup({ email: 'dave@example.com', password: 'dave-password-1' }, { 'x-tenant-token': tenant })
      expect(first.status, tenant).toBe(200)
      await readBody(first, 'signinSuccess')
      expect(await c.status('dave@example.com', tenant)).toBe('logged_in')
      await expectError(await signup({ email: 'dave@example.com', password: 'dave-password-1' }, { 'x-tenant-token': tenant }), 409, 'CONFLICT')
    }
  })

  it('validation and tenant errors come in order: tenant first, then the body', async () => {
    await expectError(await signup({ email: 'x' }, {}), 401, 'MISSING_TENANT_TOKEN', 'Missing tenant token')
    await expectError(await signup({ email: 'x' }, { 'x-tenant-token': 'nope' }), 401, 'INVALID_TENANT_TOKEN')
    const short = await expectError(await signup({ email: 'dave@example.com', password: 'short' }), 400, 'VALIDATION_ERROR', 'The request could not be processed')
    expect(short.error!.validation).toEqual({ password: 'password must be at least 8 characters' })
    const bad = await expectError(await signup({ email: 'not-an-email' }), 400, 'VALIDATION_ERROR')
    expect(bad.error!.validation).toEqual({ email: 'email must be a valid email address', password: 'password is required' })
    expect((await expectError(await signup({ method: 'google', token: 't' }), 400, 'VALIDATION_ERROR')).error!.validation).toEqual({ method: 'method must be password' })
    expect((await expectError(await signup('[1,2]'), 400, 'VALIDATION_ERROR')).error!.validation).toHaveProperty('body')
  })

  it('x-token is optional on sign-in and sign-up: a stale, expired, malformed or foreign one is no error and revives no one', async () => {
    const stale = await c.token(ALICE)
    expect((await c.logout(auth(stale))).status).toBe(200)
    const foreign = await c.token(BOB, RESTRICTED)
    await c.advance(3_600_000)
    for (const token of [stale, foreign, 'not-a-jwt']) {
      const r = await c.signin({ method: 'password', ...BOB }, { 'x-tenant-token': DEMO, 'x-token': token })
      expect(r.status, token).toBe(200)
      await readBody(r, 'signinSuccess')
    }
    const up = await signup({ email: 'frank@example.com', password: 'frank-password-1' }, { 'x-tenant-token': DEMO, 'x-token': stale })
    expect(up.status).toBe(200)
    await readBody(up, 'signinSuccess')
    // Sending alice's old token to the public routes did not mark her logged in again (only private routes do).
    expect(await c.status(ALICE.email)).toBe('logged_out')
  })

  it("the error table's exact messages everywhere but logout, which keeps its page's words", async () => {
    const forced = (path: string, init: RequestInit, id: string) => fetch(c.url(`${path}?__example=${id}`), init)
    const post = { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-tenant-token': DEMO }, body: '{}' }
    const table = [
      ['internalServer', 500, 'INTERNAL_SERVER', 'Internal Server Error'],
      ['requestTimeout', 408, 'REQUEST_TIMEOUT', 'Request Timeout'],
      ['serviceUnavailable', 503, 'SERVICE_UNAVAILABLE', 'Service Unavailable'],
    ] as const
    for (const [op, path, init] of [['signin', '/auth/signin', post], ['signup', '/auth/signup', post], ['me', '/auth/me', {}]] as const) {
      for (const [name, status, code, message] of table) await expectError(await forced(path, init, `webmixhub.${op}.${name}`), status, code, message)
    }
    await expectError(await forced('/auth/logout', {}, 'webmixhub.logout.internalServer'), 500, 'INTERNAL_SERVER', 'Something went wrong on our side.')
    await expectError(await forced('/auth/logout', {}, 'webmixhub.logout.tooManyRequests'), 429, 'TOO_MANY_REQUESTS', 'Too many requests')
    await expectError(await forced('/auth/logout', {}, 'webmixhub.logout.requestTimeout'), 408, 'REQUEST_TIMEOUT', 'Request Timeout')
    await expectError(await forced('/auth/logout', {}, 'webmixhub.logout.serviceUnavailable'), 503, 'SERVICE_UNAVAILABLE', 'Service Unavailable')
  })
})
