/**
 * Dreadnode's API keys, the way the v2 SDK uses them: minted with the bearer access JWT, sent as `X-API-Key`, revoked
 * by v2's logout `DELETE /api/v1/user/api-keys/self` — after which the key gets 401 everywhere.
 */
import { expect, it } from 'vitest'
import { describeBothModes } from '../support/modes.ts'
import { expectError, expectOk } from './support.ts'

const CLEARING = ['access_token=""; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax', 'refresh_token=""; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax']

describeBothModes('dreadnode API keys', {}, (t) => {
  const url = (path: string) => t().baseUrl('dreadnode') + path
  const bearer = async (user = 'alice') => (await t().mocks.sessions.create({ provider: 'dreadnode', user })).bearerHeaders as Record<string, string>
  const mint = (headers: Record<string, string>, body: unknown) =>
    fetch(url('/api/v1/user/api-keys'), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
  const revokeSelf = (key: string, headers: Record<string, string> = {}) => fetch(url('/api/v1/user/api-keys/self'), { method: 'DELETE', headers: { 'X-API-Key': key, ...headers } })
  /** The current-user, refresh, v1 logout and v2 logout calls with a key, one after the other. */
  const everywhere = async (key: string, count = 4) => {
    const calls = [
      () => fetch(url('/api/v1/user'), { headers: { 'X-API-Key': key } }),
      () => fetch(url('/api/v1/auth/refresh'), { method: 'POST', headers: { 'X-API-Key': key, 'Content-Type': 'application/json' }, body: '{}' }),
      () => fetch(url('/api/v1/auth/logout'), { method: 'POST', headers: { 'X-API-Key': key } }),
      () => revokeSelf(key),
    ]
    const out: Response[] = []
    for (const call of calls.slice(0, count)) out.push(await call())
    return out
  }

  it('mint with Bearer → X-API-Key works on user, refresh and logout → DELETE /user/api-keys/self → 401 everywhere', async () => {
    const minted = await expectOk(await mint(await bearer(), { name: 'ci', allow_self_revoke: true }), 'apiKey')
    expect(minted).toMatchObject({ name: 'ci', allow_self_revoke: true })
    expect(minted.key).toMatch(/^dn_key_[A-Za-z0-9]{40}$/)
    const [user, refresh, logout] = await everywhere(minted.key, 3)
    expect((await user.json()).username).toBe('alice')
    expect(refresh.status).toBe(200)
    // A key-authenticated v1 logout clears the cookies and revokes nothing: the key still works.
    expect(logout.status).toBe(200)
    expect(logout.headers.getSetCookie()).toEqual(CLEARING)
    expect((await fetch(url('/api/v1/user'), { headers: { 'X-API-Key': minted.key } })).status).toBe(200)

    const out = await revokeSelf(minted.key)
    expect(await expectOk(out, 'logoutSuccess')).toEqual({})
    for (const r of await everywhere(minted.key)) await expectError(r, 401, 'authentication_error')
    const journal = t().mocks.journal.list().map((e) => e.behaviour)
    expect(journal).toContain('dreadnode.logout.apiKey')
    expect(journal).toContain('dreadnode.revokeOwnApiKey.success')
  })

  it('a key created without allow_self_revoke cannot log itself out (403) and stays valid', async () => {
    const minted = await expectOk(await mint(await bearer('bob'), { name: 'no-self-revoke' }), 'apiKey')
    expect(minted.allow_self_revoke).toBe(false)
    const denied = await expectError(await revokeSelf(minted.key), 403, 'permission_denied')
    expect(denied.detail).toBe('This API key cannot revoke itself (created without allow_self_revoke)')
    expect((await fetch(url('/api/v1/user'), { headers: { 'X-API-Key': minted.key } })).status).toBe(200)
  })

  it('minting: 401 without a session or with a key only, 422 for bad fields, 400 for broken JSON, 403 for a disabled user', async () => {
    await expectError(await mint({}, { name: 'x' }), 401, 'authentication_error')
    const key = await expectOk(await mint(await bearer(), { name: 'k', allow_self_revoke: true }), 'apiKey')
    await expectError(await mint({ 'X-API-Key': key.key }, { name: 'x' }), 401, 'authentication_error')
    const headers = await bearer()
    const bad = await expectError(await mint(headers, { allow_self_revoke: 'yes' }), 422, 'validation_error')
    expect(bad.errors).toEqual([
      { loc: ['body', 'name'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'allow_self_revoke'], msg: 'Input should be a valid boolean', type: 'bool_type' },
    ])
    const notAString = await expectError(await mint(headers, { name: 42 }), 422, 'validation_error')
    expect(notAString.errors).toEqual([{ loc: ['body', 'name'], msg: 'Input should be a valid string', type: 'string_type' }])
    // A cookie that is not a JWT is a parameter error too, reported with the body's (FastAPI validates all first).
    const badCookie = await expectError(await mint({ ...headers, cookie: 'access_token=not-a-jwt' }, { name: 42 }), 422, 'validation_error')
    expect(badCookie.errors).toEqual([
      { loc: ['cookie', 'access_token'], msg: 'Malformed token: not a JWT', type: 'value_error.jwt' },
      { loc: ['body', 'name'], msg: 'Input should be a valid string', type: 'string_type' },
    ])
    await expectError(await mint(headers, '{"name":'), 400, 'invalid_request')
    await t().mocks.action('dreadnode', 'disableUser', { user: 'alice' })
    await expectError(await mint(headers, { name: 'x' }), 403, 'permission_denied')
    await expectError(await revokeSelf(key.key), 403, 'permission_denied')
  })

  it('X-API-Key missing or unknown on v2 logout: 401', async () => {
    await expectError(await fetch(url('/api/v1/user/api-keys/self'), { method: 'DELETE' }), 401, 'authentication_error')
    await expectError(await revokeSelf('dn_key_unknown'), 401, 'authentication_error')
  })
})

describeBothModes('dreadnode API keys per user are bounded', { providers: { dreadnode: { maxApiKeysPerUser: 1 } } }, (t) => {
  it('minting beyond maxApiKeysPerUser is a 400; revoking one frees the slot', async () => {
    const url = (path: string) => t().baseUrl('dreadnode') + path
    const { bearerHeaders } = await t().mocks.sessions.create({ provider: 'dreadnode', user: 'alice' })
    const mint = () =>
      fetch(url('/api/v1/user/api-keys'), { method: 'POST', headers: { 'Content-Type': 'application/json', ...(bearerHeaders as Record<string, string>) }, body: '{"name":"k","allow_self_revoke":true}' })
    const first = await expectOk(await mint(), 'apiKey')
    const full = await expectError(await mint(), 400, 'invalid_request')
    expect(full.detail).toBe('API key limit reached: at most 1 keys per user')
    expect((await fetch(url('/api/v1/user/api-keys/self'), { method: 'DELETE', headers: { 'X-API-Key': first.key } })).status).toBe(200)
    expect((await mint()).status).toBe(200)
  })
})

describeBothModes('dreadnode v2 logout checks the client version first', { providers: { dreadnode: { minClientVersion: '2.0.0' } } }, (t) => {
  it('426 for an older CLI or SDK before the key is looked at', async () => {
    const r = (ua: string) => fetch(t().baseUrl('dreadnode') + '/api/v1/user/api-keys/self', { method: 'DELETE', headers: { 'User-Agent': ua, 'X-API-Key': 'dn_key_unknown' } })
    await expectError(await r('dreadnode-cli/1.9'), 426, 'upgrade_required')
    await expectError(await r('dreadnode-sdk/2.0.1'), 401, 'authentication_error')
  })
})
