/**
 * WebmixHub under hostile input, in-process and standalone: malformed JWTs, forged signatures, `alg: none`, tokens of
 * the right tenant with wrong claims, and oversized headers all get the documented 401 envelope, never a crash.
 */
import { expect, it } from 'vitest'
import { describeBothModes } from '../support/modes.ts'
import { base64url, signJwt } from '../../handlers/platform/crypto/jwt.ts'
import { RESTRICTED_TENANT_TOKEN, demoTenant, webmixhubTenants } from '../../fixtures/webmixhub.ts'
import { ALICE, auth, expectError, idOf, webmixhubClient } from './client.ts'

const START = '2025-01-15T10:30:00.000Z'
const NOW_S = Date.parse(START) / 1000
const DEMO_SECRET = demoTenant.jwtSecret
const RESTRICTED_TID = webmixhubTenants.find((t) => t.token === RESTRICTED_TENANT_TOKEN)!.id
const part = (v: unknown) => base64url(new TextEncoder().encode(JSON.stringify(v)))
const claims = { sub: idOf(ALICE.email), tid: demoTenant.id, iat: NOW_S, exp: NOW_S + 3600, typ: 'access' }

describeBothModes('webmixhub bad input', { clock: { start: START, frozen: true } }, (t) => {
  const c = webmixhubClient(t)
  const bothRoutes = async (headers: Record<string, string>, status: number, code: string) => {
    await expectError(await c.logout(headers), status, code)
    await expectError(await c.me(headers), status, code)
  }

  it.each([
    ['a word', 'garbage'],
    ['two parts', 'abc.def'],
    ['four parts', 'a.b.c.d'],
    ['empty parts', '..'],
    ['non-base64url characters', 'ab$.c%d.e^f'],
    ['header not JSON', `${base64url(new TextEncoder().encode('not json'))}.${part(claims)}.sig`],
    ['header a JSON array', `${part([1, 2])}.${part(claims)}.sig`],
    ['payload not JSON', `${part({ alg: 'HS256', typ: 'JWT' })}.${base64url(new Uint8Array([0xff, 0xfe]))}.sig`],
    ['latin-1 bytes', 'ÿþý.üû.ú'],
  ])('malformed x-token (%s) → 401 INVALID_TOKEN', async (_name, token) => {
    await bothRoutes(auth(token), 401, 'INVALID_TOKEN')
  })

  it('a token signed with another secret, alg none, and alg HS512 → 401 INVALID_TOKEN', async () => {
    await bothRoutes(auth(await signJwt(claims, 'not-the-tenant-secret')), 401, 'INVALID_TOKEN')
    await bothRoutes(auth(`${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`), 401, 'INVALID_TOKEN')
    const good = await signJwt(claims, DEMO_SECRET)
    const [, body, sig] = good.split('.')
    await bothRoutes(auth(`${part({ alg: 'HS512', typ: 'JWT' })}.${body}.${sig}`), 401, 'INVALID_TOKEN')
    // A signed token whose payload was edited afterwards.
    await bothRoutes(auth(`${good.split('.')[0]}.${part({ ...claims, sub: 'someone-else' })}.${sig}`), 401, 'INVALID_TOKEN')
  })

  it("correctly signed with the tenant's secret but wrong claims: tid of another tenant, refresh typ, sub not a string → 401 INVALID_TOKEN", async () => {
    await bothRoutes(auth(await signJwt({ ...claims, tid: RESTRICTED_TID }, DEMO_SECRET)), 401, 'INVALID_TOKEN')
    await bothRoutes(auth(await signJwt({ ...claims, typ: 'refresh' }, DEMO_SECRET)), 401, 'INVALID_TOKEN')
    await bothRoutes(auth(await signJwt({ ...claims, sub: 42 as unknown as string }, DEMO_SECRET)), 401, 'INVALID_TOKEN')
    // The type is checked before the expiry: an expired refresh token is still the wrong token.
    await bothRoutes(auth(await signJwt({ ...claims, typ: 'refresh', exp: NOW_S - 1 }, DEMO_SECRET)), 401, 'INVALID_TOKEN')
    // And the control: the same claims, untouched, authenticate.
    expect((await c.me(auth(await signJwt(claims, DEMO_SECRET)))).status).toBe(200)
  })

  it('a correctly signed access token whose exp has passed → 401 TOKEN_EXPIRED; one without exp was never valid → INVALID_TOKEN', async () => {
    const { exp: _exp, ...noExp } = claims
    await bothRoutes(auth(await signJwt(noExp, DEMO_SECRET)), 401, 'INVALID_TOKEN')
    await bothRoutes(auth(await signJwt({ ...claims, exp: NOW_S }, DEMO_SECRET)), 401, 'TOKEN_EXPIRED')
    // The expiry is checked before the tenant claim (the signature already proved the tenant's secret).
    await bothRoutes(auth(await signJwt({ ...claims, tid: RESTRICTED_TID, exp: NOW_S - 1 }, DEMO_SECRET)), 401, 'TOKEN_EXPIRED')
    expect((await c.me(auth(await signJwt({ ...claims, exp: NOW_S + 1 }, DEMO_SECRET)))).status).toBe(200)
  })

  it('oversized headers → 401 with the documented envelope (x-token over the 8 KiB JWT limit, huge tenant token)', async () => {
    // Standalone, Node refuses headers over 16 KiB before any handler runs; in-process there is no transport limit.
    const size = t().mode === 'standalone' ? 12_000 : 1_000_000
    const longJwt = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, pad: 'x'.repeat(size) })}.sig`.slice(0, size)
    await bothRoutes(auth('a'.repeat(size)), 401, 'INVALID_TOKEN')
    await bothRoutes(auth(longJwt), 401, 'INVALID_TOKEN')
    await bothRoutes({ 'x-tenant-token': 't'.repeat(size), 'x-token': 'x' }, 401, 'INVALID_TENANT_TOKEN')
    await expectError(await c.signin({ method: 'guest' }, { 'x-tenant-token': 't'.repeat(size) }), 401, 'INVALID_TENANT_TOKEN')
  })

  it('a signin body over 1 MiB → 400 VALIDATION_ERROR; the mock keeps answering on the same client', async () => {
    const big = JSON.stringify({ method: 'password', email: ALICE.email, password: 'p'.repeat(2 * 1024 * 1024) })
    const err = await expectError(await c.signin(big), 400, 'VALIDATION_ERROR')
    expect(err.error!.validation).toEqual({ body: 'Request body is too large' })
    expect((await c.logout(auth(await c.token()))).status).toBe(200)
  })
})
