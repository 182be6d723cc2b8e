/**
 * WebmixHub options through real HTTP, in-process and standalone: several clients behind X-Forwarded-For, the
 * enforcement of the six client headers, a configurable rate limit, the assumed headers switched off, and request ids
 * that are deterministic under a seed.
 */
import { expect, it } from 'vitest'
import { describeBothModes } from '../support/modes.ts'
import { ALICE, DEMO, auth, expectError, readBody, schemas, webmixhubClient } from './client.ts'

const START = '2025-01-15T10:30:00.000Z'
const clock = { start: START, frozen: true }

const CLIENT_HEADERS = {
  'x-locale': 'en-US',
  'x-country': 'US',
  'x-device-id': 'device-42',
  'x-client-version': '3.2.1',
  'x-platform': 'web',
  'x-platform-version': '126',
}

describeBothModes('webmixhub trustForwardedFor', { clock, providers: { webmixhub: { trustForwardedFor: true } } }, (t) => {
  const c = webmixhubClient(t)

  it('each X-Forwarded-For client (first hop) has its own 30/hour window', async () => {
    const token = await c.token()
    const as = (ip: string) => ({ ...auth(token), 'X-Forwarded-For': ip })
    for (let i = 0; i < 30; i++) await (await c.logout(as(i % 2 ? '203.0.113.9, 10.0.0.1' : '203.0.113.9'))).body?.cancel()
    await expectError(await c.logout(as('203.0.113.9')), 429, 'TOO_MANY_REQUESTS')
    const other = await c.logout(as('198.51.100.7'))
    expect(other.status).toBe(200)
    expect(other.headers.get('x-ratelimit-remaining')).toBe('29')
    const state = await c.state()
    expect(state.rateLimit['203.0.113.9'].count).toBe(31)
    expect(state.rateLimit['198.51.100.7'].count).toBe(1)
  })
})

describeBothModes('webmixhub X-Forwarded-For not trusted (default)', { clock }, (t) => {
  const c = webmixhubClient(t)

  it('different X-Forwarded-For values share the socket address’s window', async () => {
    const token = await c.token()
    for (let i = 0; i < 30; i++) await (await c.logout({ ...auth(token), 'X-Forwarded-For': `203.0.113.${i}` })).body?.cancel()
    await expectError(await c.logout({ ...auth(token), 'X-Forwarded-For': '198.51.100.7' }), 429, 'TOO_MANY_REQUESTS')
    expect(Object.keys((await c.state()).rateLimit)).toEqual(['127.0.0.1'])
  })
})

describeBothModes('webmixhub requireClientHeaders', { clock, providers: { webmixhub: { requireClientHeaders: true } } }, (t) => {
  const c = webmixhubClient(t)

  it('missing headers → 400 VALIDATION_ERROR naming each, on logout, me, signin and signup', async () => {
    const all = {
      'x-locale': 'Header x-locale is required',
      'x-country': 'Header x-country is required',
      'x-device-id': 'Header x-device-id is required',
      'x-client-version': 'Header x-client-version is required',
      'x-platform': 'Header x-platform is required',
      'x-platform-version': 'Header x-platform-version is required',
    }
    const logout = await expectError(await c.logout({ 'x-tenant-token': DEMO }), 400, 'VALIDATION_ERROR', 'The request could not be processed')
    expect(logout.error!.validation).toEqual(all)
    expect((await expectError(await c.me(), 400, 'VALIDATION_ERROR')).error!.validation).toEqual(all)
    expect((await expectError(await c.signin({ method: 'password', ...ALICE }), 400, 'VALIDATION_ERROR')).error!.validation).toEqual(all)
    const signup = await c.signup({ email: 'new@example.com', password: 'new-password-1' })
    expect((await expectError(signup, 400, 'VALIDATION_ERROR')).error!.validation).toEqual(all)
    expect(t().mocks.journal.list().at(-1)?.behaviour).toBe('webmixhub.signup.missingClientHeaders')
    const { 'x-locale': _l, 'x-platform': _p, ...partial } = CLIENT_HEADERS
    const some = await expectError(await c.logout({ ...partial, 'x-tenant-token': DEMO }), 400, 'VALIDATION_ERROR')
    expect(some.error!.validation).toEqual({ 'x-locale': all['x-locale'], 'x-platform': all['x-platform'] })
  })

  it('malformed x-country and x-platform are named too', async () => {
    const r = await c.logout({ ...CLIENT_HEADERS, 'x-country': 'USA', 'x-platform': 'windows' })
    expect((await expectError(r, 400, 'VALIDATION_ERROR')).error!.validation).toEqual({
      'x-country': 'Header x-country must be an ISO 3166-1 alpha-2 country code',
      'x-platform': 'Header x-platform must be one of ios, android, web',
    })
  })

  it('check order: rate limit → client headers → tenant; with all six the usual flow works', async () => {
    // Headers come before tenant authentication; the 400 is counted and carries the rate-limit headers.
    const invalid = await c.logout()
    await expectError(invalid, 400, 'VALIDATION_ERROR')
    expect(invalid.headers.get('x-ratelimit-limit')).toBe('30')
    expect(invalid.headers.get('x-ratelimit-remaining')).toBe('29')
    expect(invalid.headers.get('x-ratelimit-reset')).toBe(String(Date.parse(START) / 1000 + 3600))
    await expectError(await c.logout(CLIENT_HEADERS), 401, 'MISSING_TENANT_TOKEN')
    const signin = await c.signin({ method: 'password', ...ALICE }, { ...CLIENT_HEADERS, 'x-tenant-token': DEMO })
    const token = (await readBody(signin, 'signinSuccess')).data!.accessToken as string
    const ok = await c.logout({ ...CLIENT_HEADERS, ...auth(token) })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('27')
    // The rate limit comes first of all.
    for (let i = 0; i < 27; i++) await (await c.logout()).body?.cancel()
    await expectError(await c.logout(), 429, 'TOO_MANY_REQUESTS')
  })
})

describeBothModes(
  'webmixhub configured limit, assumed headers off',
  { clock, providers: { webmixhub: { rateLimit: 2, rateLimitWindowMs: 60_000, rateLimitHeaders: false, requestIdHeader: false } } },
  (t) => {
    const c = webmixhubClient(t)

    it('rateLimit 2 per minute; no X-RateLimit-* nor x-request-id, but Retry-After on the 429', async () => {
      const signin = await c.signin({ method: 'password', ...ALICE })
      expect(signin.headers.get('x-request-id')).toBeNull()
      const token = (JSON.parse(await signin.text()) as { data: { accessToken: string } }).data.accessToken
      for (let i = 0; i < 2; i++) {
        const r = await c.logout(auth(token))
        expect(r.status).toBe(200)
        expect(r.headers.get('x-ratelimit-limit')).toBeNull()
        expect(r.headers.get('x-request-id')).toBeNull()
        expect(schemas.errors('logoutSuccess', await r.json())).toBeNull()
      }
      const limited = await c.logout(auth(token))
      expect(limited.status).toBe(429)
      expect(limited.headers.get('retry-after')).toBe('60')
      expect(limited.headers.get('x-ratelimit-remaining')).toBeNull()
      const body = await limited.json()
      expect(schemas.errors('errorEnvelope', body)).toBeNull()
      expect(body.error).toEqual({ message: 'Too many requests', code: 'TOO_MANY_REQUESTS', status: 429 })
      await c.advance(60_000)
      expect((await c.logout(auth(token))).status).toBe(200)
    })
  },
)

describeBothModes('webmixhub seeded request ids', { clock, seed: 42 }, (t) => {
  const c = webmixhubClient(t)
  const requestIds = async () => {
    const ids: string[] = []
    for (const r of [await c.logout(), await c.me({ 'x-tenant-token': DEMO }), await c.signin({ method: 'guest' })]) {
      const body = await readBody(r, r.status === 200 ? 'signinSuccess' : 'errorEnvelope')
      ids.push(body.meta.requestId)
    }
    return ids
  }

  it('the same seed gives the same meta.requestId sequence after a reset; ids differ within a run', async () => {
    const first = await requestIds()
    expect(new Set(first).size).toBe(3)
    await t().mocks.reset()
    expect(await requestIds()).toEqual(first)
  })
})

describeBothModes('webmixhub publicRouteToken: relogin', { clock, providers: { webmixhub: { publicRouteToken: 'relogin' } } }, (t) => {
  const c = webmixhubClient(t)

  it("a logged-out user's valid token sent to sign-in or sign-up marks that user logged_in again; a bad one is still no error", async () => {
    const stale = await c.token(ALICE)
    expect((await c.logout(auth(stale))).status).toBe(200)
    expect(await c.status(ALICE.email)).toBe('logged_out')
    const signup = await fetch(c.url('/auth/signup'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth(stale) },
      body: JSON.stringify({ email: 'grace@example.com', password: 'grace-password-1' }),
    })
    expect(signup.status).toBe(200)
    await readBody(signup, 'signinSuccess')
    expect(await c.status(ALICE.email)).toBe('logged_in')

    expect((await c.logout(auth(stale))).status).toBe(200)
    // Even a sign-in that fails validation counted the token: the request was authenticated before the body was read.
    await expectError(await c.signin({ method: 'password' }, auth(stale)), 400, 'VALIDATION_ERROR')
    expect(await c.status(ALICE.email)).toBe('logged_in')
    const garbage = await c.signin({ method: 'guest' }, auth('not-a-jwt'))
    expect(garbage.status).toBe(200)
    await readBody(garbage, 'signinSuccess')
  })
})
