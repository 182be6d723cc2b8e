/**
 * WebmixHub `GET /auth/logout` through real HTTP, in-process and standalone: the status transition and the re-login
 * quirk, every documented row reached naturally, the check order between rows, and the rate-limit headers.
 */
import { expect, it } from 'vitest'
import { describeBothModes } from '../support/modes.ts'
import { ALICE, BOB, CAROL, DEMO, RESTRICTED, auth, expectError, idOf, readBody, webmixhubClient } from './client.ts'

const START = '2025-01-15T10:30:00.000Z'
const START_S = Date.parse(START) / 1000
const HOUR = 3_600_000

describeBothModes('webmixhub logout', { clock: { start: START, frozen: true } }, (t) => {
  const c = webmixhubClient(t)

  it('signin → logout (200, logged_out) → me with the old token → logged_in again; logout stays idempotent', async () => {
    const token = await c.token()
    expect(await c.status(ALICE.email)).toBe('logged_in')

    const out = await c.logout(auth(token))
    expect(out.status).toBe(200)
    const body = await readBody(out, 'logoutSuccess')
    expect(body.data).toEqual({ success: true })
    expect(body.meta.timestamp).toBe(START)
    expect(await c.status(ALICE.email)).toBe('logged_out')
    expect(await c.status(BOB.email)).toBe('logged_out') // untouched fixture

    // The quirk: the token was not invalidated, and using it logs the user back in.
    const me = await c.me(auth(token))
    expect(me.status).toBe(200)
    expect((await readBody(me, 'meSuccess')).data).toEqual({ id: idOf(ALICE.email), email: ALICE.email, status: 'logged_in' })
    expect(await c.status(ALICE.email)).toBe('logged_in')

    // Logout again with the same token: 200 again, logged_out again; and once more while already logged out.
    for (let i = 0; i < 2; i++) {
      const again = await c.logout(auth(token))
      expect(again.status).toBe(200)
      expect((await readBody(again, 'logoutSuccess')).data).toEqual({ success: true })
      expect(await c.status(ALICE.email)).toBe('logged_out')
    }
  })

  it('every logout response carries X-RateLimit-* (ASSUMPTION), counting down per client IP', async () => {
    const token = await c.token()
    const first = await c.logout(auth(token))
    expect(first.headers.get('x-ratelimit-limit')).toBe('30')
    expect(first.headers.get('x-ratelimit-remaining')).toBe('29')
    expect(first.headers.get('x-ratelimit-reset')).toBe(String(START_S + 3600))
    expect(first.headers.get('retry-after')).toBeNull()
    const error = await c.logout()
    await expectError(error, 401, 'MISSING_TENANT_TOKEN', 'Missing tenant token')
    expect(error.headers.get('x-ratelimit-remaining')).toBe('28')
    expect(error.headers.get('x-ratelimit-reset')).toBe(String(START_S + 3600))
  })

  it('the 31st request in an hour → 429 TOO_MANY_REQUESTS with Retry-After; lifted once the clock crosses the hour', async () => {
    const token = await c.token()
    for (let i = 1; i <= 30; i++) {
      const r = await c.logout(auth(token))
      expect(r.status, `request ${i}`).toBe(200)
      expect(r.headers.get('x-ratelimit-remaining')).toBe(String(30 - i))
      await r.body?.cancel()
    }
    const limited = await c.logout(auth(token))
    await expectError(limited, 429, 'TOO_MANY_REQUESTS', 'Too many requests')
    expect(limited.headers.get('retry-after')).toBe('3600')
    expect(limited.headers.get('x-ratelimit-limit')).toBe('30')
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(limited.headers.get('x-ratelimit-reset')).toBe(String(START_S + 3600))

    // Rate limit is checked first: even a request without any token is 429 now.
    await expectError(await c.logout(), 429, 'TOO_MANY_REQUESTS')

    await c.advance(HOUR - 1000)
    const stillLimited = await c.logout(auth(token))
    await expectError(stillLimited, 429, 'TOO_MANY_REQUESTS')
    expect(stillLimited.headers.get('retry-after')).toBe('1')

    await c.advance(1000)
    // The access token has expired with the hour too: sign in again (signin is not rate limited).
    const lifted = await c.logout(auth(await c.token()))
    expect(lifted.status).toBe(200)
    expect(lifted.headers.get('x-ratelimit-remaining')).toBe('29')
    expect(lifted.headers.get('x-ratelimit-reset')).toBe(String(START_S + 7200))
  })

  it('401 MISSING_TENANT_TOKEN without x-tenant-token (or an empty one), even with a valid user token', async () => {
    const token = await c.token()
    await expectError(await c.logout({ 'x-token': token }), 401, 'MISSING_TENANT_TOKEN', 'Missing tenant token')
    await expectError(await c.logout({ 'x-tenant-token': '', 'x-token': token }), 401, 'MISSING_TENANT_TOKEN')
    await expectError(await c.logout(), 401, 'MISSING_TENANT_TOKEN')
  })

  it('401 INVALID_TENANT_TOKEN (ASSUMPTION) for an unknown tenant token, before the user token is looked at', async () => {
    await expectError(await c.logout({ 'x-tenant-token': 'nobody-tenant-token' }), 401, 'INVALID_TENANT_TOKEN', 'Invalid tenant token')
    await expectError(await c.logout({ 'x-tenant-token': 'nobody', 'x-token': 'not-a-jwt' }), 401, 'INVALID_TENANT_TOKEN')
  })

  it('401 MISSING_USER_TOKEN without x-token (or an empty one)', async () => {
    await expectError(await c.logout({ 'x-tenant-token': DEMO }), 401, 'MISSING_USER_TOKEN', 'Missing user token')
    await expectError(await c.logout({ 'x-tenant-token': DEMO, 'x-token': '  ' }), 401, 'MISSING_USER_TOKEN')
  })

  it('401 INVALID_TOKEN for a Bearer-prefixed token, a refresh token, and a token of another tenant (both ways)', async () => {
    const r = await c.signin({ method: 'password', ...ALICE })
    const { accessToken, refreshToken } = (await readBody(r, 'signinSuccess')).data as { accessToken: string; refreshToken: string }
    await expectError(await c.logout(auth(`Bearer ${accessToken}`)), 401, 'INVALID_TOKEN', 'Invalid token')
    await expectError(await c.logout(auth(refreshToken)), 401, 'INVALID_TOKEN')
    // alice exists in both tenants; her demo token is still not accepted by the restricted tenant, nor the reverse.
    await expectError(await c.logout(auth(accessToken, RESTRICTED)), 401, 'INVALID_TOKEN')
    await expectError(await c.me(auth(accessToken, RESTRICTED)), 401, 'INVALID_TOKEN')
    const restrictedToken = await c.token(ALICE, RESTRICTED)
    await expectError(await c.logout(auth(restrictedToken, DEMO)), 401, 'INVALID_TOKEN')
    expect(await c.status(ALICE.email, DEMO)).toBe('logged_in')
  })

  it('401 TOKEN_EXPIRED (ASSUMPTION) once the platform clock passes exp (1 hour by default)', async () => {
    const token = await c.token()
    await c.advance(HOUR - 1000)
    expect((await c.me(auth(token))).status).toBe(200)
    await c.advance(1000)
    await expectError(await c.logout(auth(token)), 401, 'TOKEN_EXPIRED', 'Token expired')
    await expectError(await c.me(auth(token)), 401, 'TOKEN_EXPIRED')
    expect(await c.status(ALICE.email)).toBe('logged_in')
  })

  it('403 RESTRICTED_CAPABILITY for a tenant with logout restricted, and for carol in the demo tenant', async () => {
    const inRestricted = await c.token(BOB, RESTRICTED)
    await expectError(await c.logout(auth(inRestricted, RESTRICTED)), 403, 'RESTRICTED_CAPABILITY', 'Capability logout is restricted')
    expect(await c.status(BOB.email, RESTRICTED)).toBe('logged_in')
    // Other capabilities are not restricted: me works.
    expect((await c.me(auth(inRestricted, RESTRICTED))).status).toBe(200)

    const carol = await c.token(CAROL)
    await expectError(await c.logout(auth(carol)), 403, 'RESTRICTED_CAPABILITY', 'Capability logout is restricted')
    expect(await c.status(CAROL.email)).toBe('logged_in')
    // alice in the same tenant is not restricted.
    expect((await c.logout(auth(await c.token()))).status).toBe(200)
  })

  it('authentication is checked before the capability: a restricted tenant with a bad token is 401', async () => {
    await expectError(await c.logout({ 'x-tenant-token': RESTRICTED }), 401, 'MISSING_USER_TOKEN')
    await expectError(await c.logout(auth('garbage', RESTRICTED)), 401, 'INVALID_TOKEN')
  })

  it('500 UNEXPECTED_STATE "Missing user context" when the token is valid but the user was deleted (control action)', async () => {
    const token = await c.token(BOB)
    const deleted = await c.deleteUser(BOB.email)
    expect(deleted).toMatchObject({ user: BOB.email, tenant: DEMO, deleted: true })
    await expectError(await c.logout(auth(token)), 500, 'UNEXPECTED_STATE', 'Missing user context')
    await expectError(await c.me(auth(token)), 500, 'UNEXPECTED_STATE', 'Missing user context')
    // The user is gone: the password no longer signs in.
    await expectError(await c.signin({ method: 'password', ...BOB }), 401, 'INVALID_CREDENTIALS')
    // bob of the other tenant is untouched.
    expect(await c.status(BOB.email, RESTRICTED)).toBe('logged_out')
  })

  it('a deleted user of a restricted tenant gets the tenant 403 first (capability row before user-context row)', async () => {
    const token = await c.token(ALICE, RESTRICTED)
    await c.deleteUser(ALICE.email, RESTRICTED)
    await expectError(await c.logout(auth(token, RESTRICTED)), 403, 'RESTRICTED_CAPABILITY')
  })

  it('500 INTERNAL_SERVER only when forced (Prefer: code=500), with the rate-limit headers of the current window', async () => {
    const token = await c.token()
    expect((await c.logout(auth(token))).status).toBe(200)
    const forced = await c.logout({ ...auth(token), Prefer: 'code=500' })
    await expectError(forced, 500, 'INTERNAL_SERVER', 'Something went wrong on our side.')
    expect(forced.headers.get('x-ratelimit-limit')).toBe('30')
    expect(forced.headers.get('x-ratelimit-remaining')).toBe('29') // forcing does not consume the quota
    const byId = await c.logout({ Prefer: 'example=webmixhub.logout.unexpectedState' })
    await expectError(byId, 500, 'UNEXPECTED_STATE', 'Missing user context')
    const forced429 = await c.logout({ Prefer: 'code=429' })
    await expectError(forced429, 429, 'TOO_MANY_REQUESTS')
    expect(forced429.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(forced429.headers.get('retry-after')).toBe('3600')
    // The natural path still counts from where it was.
    expect((await c.logout(auth(token))).headers.get('x-ratelimit-remaining')).toBe('28')
  })

  it('credentials from the control API (POST /__mock/sessions standalone) authenticate a logout, in either tenant', async () => {
    const restricted = await c.session(`${RESTRICTED}:${BOB.email}`)
    expect(restricted).toMatchObject({ provider: 'webmixhub', user: BOB.email, userId: idOf(BOB.email, RESTRICTED), tenantToken: RESTRICTED })
    expect(restricted.headers['x-tenant-token']).toBe(RESTRICTED)
    expect(await c.status(BOB.email, RESTRICTED)).toBe('logged_in')
    await expectError(await c.logout(restricted.headers), 403, 'RESTRICTED_CAPABILITY')

    // A bare email names the demo tenant.
    const demo = await c.session(ALICE.email)
    expect(demo).toMatchObject({ user: ALICE.email, userId: idOf(ALICE.email), tenantToken: DEMO, headers: { 'x-tenant-token': DEMO, 'x-token': demo.accessToken } })
    expect(await c.status(ALICE.email)).toBe('logged_in')
    expect((await c.logout(demo.headers)).status).toBe(200)
    expect(await c.status(ALICE.email)).toBe('logged_out')
  })

  it('the control API takes the username every provider knows (alice), in either tenant; an unknown one is a 404 listing the users', async () => {
    const byName = await c.session('alice')
    expect(byName).toMatchObject({ provider: 'webmixhub', user: ALICE.email, userId: idOf(ALICE.email), tenantToken: DEMO })
    expect((await readBody(await c.me(byName.headers), 'meSuccess')).data).toMatchObject({ email: ALICE.email, status: 'logged_in' })
    expect((await c.logout(byName.headers)).status).toBe(200)
    expect(await c.status(ALICE.email)).toBe('logged_out')
    const carol = await c.session('carol')
    await expectError(await c.logout(carol.headers), 403, 'RESTRICTED_CAPABILITY')
    expect(await c.session(`${RESTRICTED}:bob`)).toMatchObject({ user: BOB.email, userId: idOf(BOB.email, RESTRICTED) })

    const target = t()
    const input = { provider: 'webmixhub' as const, user: 'mallory' }
    if (target.origin === undefined) {
      await expect(target.mocks.sessions.create(input)).rejects.toThrow(/no user "mallory"/)
    } else {
      const r = await fetch(`${target.origin}/__mock/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
      expect(r.status).toBe(404)
      expect(JSON.stringify(await r.json())).toContain(ALICE.email)
    }
  })

  it('row 8: 500 INTERNAL_SERVER through a sticky scenario set with the control API, then natural again', async () => {
    const token = await c.token()
    await c.scenario({ behaviour: 'webmixhub.logout.internalServer', times: 2 })
    for (let i = 0; i < 2; i++) {
      const failed = await c.logout(auth(token))
      await expectError(failed, 500, 'INTERNAL_SERVER', 'Something went wrong on our side.')
      expectRateHeaders(failed, 30) // a forced response does not count against the limit
    }
    // The failed logouts changed nothing, and the scenario is logout's only: me answers naturally.
    expect(await c.status(ALICE.email)).toBe('logged_in')
    expect((await readBody(await c.me(auth(token)), 'meSuccess')).data!.id).toBe(idOf(ALICE.email))
    const ok = await c.logout(auth(token))
    expect(ok.status).toBe(200)
    expectRateHeaders(ok, 29)
    expect(await c.status(ALICE.email)).toBe('logged_out')
  })

  it('X-RateLimit-* on the natural 403 and 500 UNEXPECTED_STATE too, each counted', async () => {
    const forbidden = await c.logout(auth(await c.token(CAROL)))
    await expectError(forbidden, 403, 'RESTRICTED_CAPABILITY')
    expectRateHeaders(forbidden, 29)
    const token = await c.token(BOB)
    await c.deleteUser(BOB.email)
    const missing = await c.logout(auth(token))
    await expectError(missing, 500, 'UNEXPECTED_STATE', 'Missing user context')
    expectRateHeaders(missing, 28)
  })
})

/** The assumed rate-limit headers of a response that is not a 429, in the first window of the frozen clock. */
function expectRateHeaders(r: Response, remaining: number) {
  expect(r.headers.get('x-ratelimit-limit')).toBe('30')
  expect(r.headers.get('x-ratelimit-remaining')).toBe(String(remaining))
  expect(r.headers.get('x-ratelimit-reset')).toBe(String(START_S + 3600))
  expect(r.headers.get('retry-after')).toBeNull()
}
