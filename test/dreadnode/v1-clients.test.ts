/**
 * Dreadnode as its public v1 clients see it (SDK v1.17.1, CLI 0.2.2): the base URL `<server>/api`, so the
 * unversioned paths, answered by the same operations as `/api/v1/…` with the same state; every body those clients
 * parse validated against their pydantic models (schemas/dreadnode/v1, citing the model lines) — the contract test a
 * Dreadnode user would write; and the cookie rotation the CLI relies on (option `rotateOnExpiredAccess`).
 */
import { expect, it } from 'vitest'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describeBothModes } from '../support/modes.ts'
import { dreadnode } from '../../handlers/dreadnode/index.ts'
import { dreadnodeV1ClientSchemas } from '../../schemas/dreadnode/v1/index.ts'
import { controlAction, cookieHeader, expectError, expectOk } from './support.ts'

const ajv = new Ajv2020({ strict: true, allErrors: true })
;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
const v1 = Object.fromEntries(Object.entries(dreadnodeV1ClientSchemas).map(([op, schema]) => [op, ajv.compile(schema)]))

/** Asserts a body parses as the v1 client's model for that operation. */
function expectV1(operation: keyof typeof dreadnodeV1ClientSchemas, body: unknown) {
  const validate = v1[operation]
  expect(validate(body), `${operation}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body)}`).toBe(true)
}

/** The CLI's cookie jar: what it sends, updated from Set-Cookie as httpx does (cli/api.py _flush_auth_changes). */
function jar(initial: Record<string, string>) {
  const cookies = { ...initial }
  return {
    header: () => Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; '),
    update(r: Response) {
      for (const line of r.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const eq = pair.indexOf('=')
        cookies[pair.slice(0, eq)] = pair.slice(eq + 1)
      }
    },
    get: (name: string) => cookies[name],
  }
}

describeBothModes('dreadnode v1 clients', { only: ['dreadnode'] }, (t) => {
  const server = () => t().baseUrl('dreadnode')
  /** v1's ApiClient: base URL `<server>/api` (dreadnode/api/client.py:92-94). */
  const api = (path: string) => `${server()}/api${path}`
  const json = { 'Content-Type': 'application/json' }

  it('`dreadnode login` end to end on the unversioned paths: every body parses as the v1 models', async () => {
    const codes = await expectOk(await fetch(api('/auth/device/code'), { method: 'POST' }), 'deviceCode')
    expectV1('deviceCode', codes)
    expect(codes).toMatchObject({ completed: false, expires_in: 900, verification_url: `${server()}/account/device?code=${codes.user_code}` })
    expect(Date.parse(codes.expires_at)).toBeGreaterThan(Date.now() - 86_400_000)
    // 401 while pending: the client keeps polling (client.py:249-258)
    await expectError(await fetch(api('/auth/device/token'), { method: 'POST', headers: json, body: JSON.stringify({ device_code: codes.device_code }) }), 401, 'authentication_error')
    expect((await controlAction(t(), 'approveDeviceCode', { userCode: codes.user_code, user: 'alice' })).status).toBe(200)
    const tokens = await expectOk(await fetch(api('/auth/device/token'), { method: 'POST', headers: json, body: JSON.stringify({ device_code: codes.device_code }) }), 'deviceTokens')
    expectV1('deviceToken', tokens)
    const cookie = `refresh_token=${tokens.refresh_token}; access_token=${tokens.access_token}`
    const user = await expectOk(await fetch(api('/user'), { headers: { cookie } }), 'user')
    expectV1('user', user)
    expect(user.email_address).toBe('alice@example.com')
    // the key `dreadnode login` stores (cli/main.py:131-143) authenticates as the user, on both spellings
    const viaKey = await expectOk(await fetch(`${server()}/api/v1/user`, { headers: { 'X-API-Key': user.api_key.key } }), 'user')
    expect(viaKey).toEqual(user)
    // one state: the versioned path sees the same session, and logging out on one spelling ends it on the other
    expect(await expectOk(await fetch(`${server()}/api/v1/user`, { headers: { cookie } }), 'user')).toEqual(user)
    expect((await fetch(api('/auth/logout'), { method: 'POST', headers: { cookie } })).status).toBe(200)
    await expectError(await fetch(`${server()}/api/v1/user`, { headers: { cookie } }), 401, 'authentication_error')
  })

  it('every operation answers on both spellings with the same behaviours, forced or natural', async () => {
    for (const op of dreadnode.operations) {
      expect(op.aliases, op.id).toEqual([op.path.replace('/api/v1/', '/api/')])
      const concrete = (p: string) => p.replace(':device_code', 'x1')
      for (const b of dreadnode.catalogue.filter((x) => x.operation === op.id)) {
        const [a, c] = await Promise.all(
          [op.path, op.aliases![0]].map((p) => fetch(server() + concrete(p), { method: op.method, headers: { Prefer: `example=${b.id}` } })),
        )
        expect([c.status, c.headers.get('content-type')], `${b.id} on ${op.aliases![0]}`).toEqual([a.status, a.headers.get('content-type')])
        if (b.status === 200 && op.id in dreadnodeV1ClientSchemas) expectV1(op.id as keyof typeof dreadnodeV1ClientSchemas, await c.json())
      }
    }
  })

  it('the journal tells which spelling a request used', async () => {
    await fetch(api('/user'))
    await fetch(`${server()}/api/v1/user`)
    const urls = t().mocks.journal.list({ limit: 2 }).map((e) => new URL(e.url, 'http://journal.invalid').pathname)
    expect(urls).toEqual(['/api/user', '/api/v1/user'])
  })

  it('cookie rotation: an expired access cookie with a live refresh cookie succeeds and sets both cookies; the CLI keeps them', async () => {
    const login = await fetch(`${server()}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }) })
    const cli = jar(Object.fromEntries(cookieHeader(login).split('; ').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)])))
    const before = cli.get('access_token')
    t().mocks.clock.advance(901_000) // past the 900 s access token, within the refresh token
    const r = await fetch(api('/user'), { headers: { cookie: cli.header() } })
    expectV1('user', await expectOk(r.clone(), 'user'))
    const set = r.headers.getSetCookie()
    expect(set.map((c) => c.split('=')[0])).toEqual(['access_token', 'refresh_token'])
    expect(set[0]).toMatch(/^access_token=[^;]+; Max-Age=900; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
    cli.update(r)
    expect(cli.get('access_token')).not.toBe(before)
    // the rotated cookies work without rotating again; the old pair is spent
    const again = await fetch(api('/user'), { headers: { cookie: cli.header() } })
    expect(again.status).toBe(200)
    expect(again.headers.getSetCookie()).toEqual([])
    // after logout, an expired access cookie never rotates
    expect((await fetch(api('/auth/logout'), { method: 'POST', headers: { cookie: cli.header() } })).status).toBe(200)
    t().mocks.clock.advance(901_000)
    await expectError(await fetch(api('/user'), { headers: { cookie: cli.header() } }), 401, 'authentication_error')
  })

  it('the rotation entry, forced: the user and both cookies', async () => {
    const forced = await fetch(api('/user'), { headers: { Prefer: 'example=dreadnode.user.rotated' } })
    expect(forced.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['access_token', 'refresh_token'])
    expectV1('user', await forced.json())
  })
})

describeBothModes('dreadnode v1 clients, device code approved at once', { only: ['dreadnode'], providers: { dreadnode: { deviceAutoApprove: 'bob' } } }, (t) => {
  it('completed: true, and the model still parses', async () => {
    const codes = await expectOk(await fetch(`${t().baseUrl('dreadnode')}/api/auth/device/code`, { method: 'POST' }), 'deviceCode')
    expect(codes.completed).toBe(true)
    expectV1('deviceCode', codes)
  })
})

describeBothModes('dreadnode v1 clients, rotateOnExpiredAccess: false', { only: ['dreadnode'], providers: { dreadnode: { rotateOnExpiredAccess: false } } }, (t) => {
  it('an expired access cookie is a 401 even beside a live refresh cookie', async () => {
    const server = t().baseUrl('dreadnode')
    const login = await fetch(`${server}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }) })
    const cookie = cookieHeader(login)
    expect((await fetch(`${server}/api/user`, { headers: { cookie } })).status).toBe(200)
    t().mocks.clock.advance(901_000)
    const r = await fetch(`${server}/api/user`, { headers: { cookie } })
    await expectError(r, 401, 'authentication_error')
    expect(r.headers.getSetCookie()).toEqual([])
  })
})
