/**
 * Dreadnode's current user (`GET /api/v1/user`, the SDKs' field names) and refresh (JSON body, access token with
 * organization info, rotated cookies), through fetch, in-process and standalone.
 */
import { describe, expect, it } from 'vitest'
import { describeBothModes } from '../support/modes.ts'
import { startStandalone } from '../support/standalone.ts'
import { ALICE, controlAction, cookieHeader, expectError, expectOk } from './support.ts'

describeBothModes('dreadnode current user and refresh', {}, (t) => {
  const url = (path: string) => t().baseUrl('dreadnode') + path
  const login = async () => cookieHeader(await fetch(url('/api/v1/auth/login'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ALICE) }))
  const user = (headers: Record<string, string>) => fetch(url('/api/v1/user'), { headers })
  const refresh = (headers: Record<string, string>, body?: string) =>
    fetch(url('/api/v1/auth/refresh'), { method: 'POST', headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers }, body })

  it('GET /api/v1/user answers the v2 User field names, by cookie, by Bearer and by X-API-Key', async () => {
    const expected = {
      id: '00000000-0000-4000-8000-000000000001',
      email_address: 'alice@example.com',
      username: 'alice',
      first_name: 'Alice',
      last_name: 'Example',
      full_name: 'Alice Example',
      // v1's UserResponse requires it (dreadnode/api/models.py:24-33): alice's personal key, the same after every reset
      api_key: { key: expect.stringMatching(/^dn_key_[0-9a-f]{40}$/) },
    }
    const cookie = await login()
    expect(await expectOk(await user({ cookie }), 'user')).toEqual(expected)
    const session = await t().mocks.sessions.create({ provider: 'dreadnode', user: 'alice' })
    expect(await expectOk(await user(session.bearerHeaders as Record<string, string>), 'user')).toEqual(expected)
    const key = await controlAction(t(), 'createApiKey', { user: 'alice' })
    expect(key.status).toBe(200)
    expect(await expectOk(await user(key.body.headers as Record<string, string>), 'user')).toEqual(expected)
  })

  it('GET /api/v1/user: 401 without credentials or with an unknown key, 422 for a malformed cookie, 403 for a disabled user', async () => {
    await expectError(await user({}), 401, 'authentication_error')
    await expectError(await user({ 'X-API-Key': 'dn_key_nope' }), 401, 'authentication_error')
    const bad = await expectError(await user({ cookie: 'access_token=garbage' }), 422, 'validation_error')
    expect(bad.errors).toEqual([{ loc: ['cookie', 'access_token'], msg: 'Malformed token: not a JWT', type: 'value_error.jwt' }])
    const cookie = await login()
    await t().mocks.action('dreadnode', 'disableUser', { user: 'alice' })
    await expectError(await user({ cookie }), 403, 'permission_denied')
  })

  it('refresh takes a JSON body and answers {access_token, token_type, organization} with both cookies rotated', async () => {
    const cookie = await login()
    const r = await refresh({ cookie }, '{}')
    const body = await expectOk(r, 'accessToken')
    expect(body.token_type).toBe('bearer')
    expect(body.organization).toEqual({ id: '00000000-0000-4000-8000-0000000000a1', name: 'Example Org', key: 'example-org' })
    const rotated = r.headers.getSetCookie()
    expect(rotated.map((c) => c.split('=')[0])).toEqual(['access_token', 'refresh_token'])
    expect(rotated[0]).toBe(`access_token=${body.access_token}; Max-Age=900; Path=/; HttpOnly; Secure; SameSite=Lax`)
    // The body's token authenticates as a Bearer token; the old refresh cookie is spent.
    expect((await expectOk(await user({ Authorization: `Bearer ${body.access_token}` }), 'user')).username).toBe('alice')
    await expectError(await refresh({ cookie }, '{}'), 401, 'authentication_error')
    // Without a body (the older clients) it still works.
    expect((await refresh({ cookie: cookieHeader(r) })).status).toBe(200)
  })

  it('refresh: 400 for broken JSON, 422 for a non-object body (with the malformed cookie reported alongside)', async () => {
    const cookie = await login()
    await expectError(await refresh({ cookie }, '{"oops'), 400, 'invalid_request')
    const notObject = await expectError(await refresh({ cookie }, '[1]'), 422, 'validation_error')
    expect(notObject.errors.map((e: { loc: unknown[] }) => e.loc)).toEqual([['body']])
    const both = await expectError(await refresh({ cookie: 'refresh_token=%%%' }, '"x"'), 422, 'validation_error')
    expect(both.errors.map((e: { loc: unknown[] }) => e.loc)).toEqual([['cookie', 'refresh_token'], ['body']])
  })

  it('refresh with X-API-Key answers an access token for the key\'s user; a revoked key gets 401', async () => {
    const key = await controlAction(t(), 'createApiKey', { user: 'bob' })
    const headers = key.body.headers as Record<string, string>
    const body = await expectOk(await refresh(headers, '{}'), 'accessToken')
    expect((await expectOk(await user({ Authorization: `Bearer ${body.access_token}` }), 'user')).username).toBe('bob')
    expect((await fetch(url('/api/v1/user/api-keys/self'), { method: 'DELETE', headers })).status).toBe(200)
    await expectError(await refresh(headers, '{}'), 401, 'authentication_error')
  })
})

describe('dreadnode standalone', () => {
  it('the old /api/v1/user/me path does not exist: the mock\'s 404', async () => {
    const server = await startStandalone()
    try {
      const r = await fetch(`${server.origin}/api/v1/user/me`)
      expect(r.status).toBe(404)
      expect(r.headers.get('content-type')).toBe('application/problem+json')
      expect((await r.json()).type).toBe('urn:logout-mocks:problem:not-found')
    } finally {
      await server.close()
    }
  })
})

describeBothModes('dreadnode refresh with a required body (ASSUMPTION switched)', { providers: { dreadnode: { refreshBody: 'required' } } }, (t) => {
  it('422 without a body, 200 with {}', async () => {
    const { cookies } = await t().mocks.sessions.create({ provider: 'dreadnode', user: 'alice' })
    const cookie = `refresh_token=${cookies!.refresh_token}`
    const refresh = (body?: string) => fetch(t().baseUrl('dreadnode') + '/api/v1/auth/refresh', { method: 'POST', headers: { cookie, 'Content-Type': 'application/json' }, body })
    const missing = await expectError(await refresh(), 422, 'validation_error')
    expect(missing.errors).toEqual([{ loc: ['body'], msg: 'Field required: a JSON object', type: 'missing' }])
    expect((await refresh('{}')).status).toBe(200)
  })
})

describeBothModes('dreadnode version check reads the CLI too', { providers: { dreadnode: { minClientVersion: '1.5.0' } } }, (t) => {
  it('426 for dreadnode-cli/<older>, as for dreadnode-sdk/<older>', async () => {
    const logout = (ua: string) => fetch(t().baseUrl('dreadnode') + '/api/v1/auth/logout', { method: 'POST', headers: { 'User-Agent': ua } })
    await expectError(await logout('dreadnode-cli/1.4.9'), 426, 'upgrade_required')
    await expectError(await logout('dreadnode-cli/1.5.0 (python-httpx)'), 401, 'authentication_error')
    await expectError(await logout('dreadnode-sdk/1.0'), 426, 'upgrade_required')
  })
})
