/**
 * Rested.dev options: each assumption (docs/providers/rested.md#assumptions) switched to its alternative (in-process).
 */
import { describe, expect, it } from 'vitest'
import { useInProcessMocks } from '../support/in-process.ts'
import { AUTH, LOCKED_AUTH, MESSAGES, SECURE, createClient, errorOf, jsonOf } from './client.ts'

const BASE = 'https://app.rested.dev'

describe('unauthenticatedLogout: idempotent, accessTokenTtl: 60 (clearCookieOnLogout at its default, false)', () => {
  const mocks = useInProcessMocks({ only: ['rested'], providers: { rested: { unauthenticatedLogout: 'idempotent', accessTokenTtl: 60 } } })

  it('logout without a token is 204 with no body and no cookie; the gate rows still apply', async () => {
    const res = await fetch(`${BASE}${AUTH}&logout=true`, { method: 'POST' })
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    expect(res.headers.getSetCookie()).toEqual([])
    expect((await fetch(`${BASE}/api/1/ce/examples/auth?logout=true`, { method: 'POST' })).status).toBe(403)
  })

  it('a real logout revokes the token without a clearing cookie; the cookie lives accessTokenTtl seconds', async () => {
    const c = createClient(BASE)
    const login = await c.call(`${AUTH}&login=true`, { method: 'POST', json: { username: 'bob', password: 'bob-password-1' } })
    expect(login.headers.getSetCookie()[0]).toContain('; Max-Age=60; ')
    const out = await c.call(`${AUTH}&logout=true`, { method: 'POST' })
    expect(out.status).toBe(204)
    expect(out.headers.getSetCookie()).toEqual([])
    expect(mocks.journal.list().at(-1)?.behaviour).toBe('rested.logout.success')
    expect((await c.call(SECURE)).status).toBe(401)
    expect(mocks.journal.list().at(-1)?.behaviour).toBe('rested.secureRead.unauthenticated')
  })
})

describe('clearCookieOnLogout: true, unauthenticatedLogout: idempotent', () => {
  const mocks = useInProcessMocks({ only: ['rested'], providers: { rested: { unauthenticatedLogout: 'idempotent', clearCookieOnLogout: true } } })

  it('a real logout is 204 with the clearing cookie, reached naturally; the jar drops the cookie', async () => {
    const c = createClient(BASE)
    await c.call(`${AUTH}&login=true`, { method: 'POST', json: { username: 'bob', password: 'bob-password-1' } })
    const out = await c.call(`${AUTH}&logout=true`, { method: 'POST' })
    expect(out.status).toBe(204)
    expect(out.headers.getSetCookie()).toEqual(['__Secure-rested-access-token=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=None'])
    expect(mocks.journal.list().at(-1)).toMatchObject({ behaviour: 'rested.logout.successClearingCookie', forced: null })
    expect(await c.accessToken()).toBeUndefined()
  })

  it('logout with no usable token is 204 with the clearing cookie, reached naturally', async () => {
    for (const headers of [{}, { authorization: `Bearer ${'f'.repeat(64)}` }] as HeadersInit[]) {
      const res = await fetch(`${BASE}${AUTH}&logout=true`, { method: 'POST', headers })
      expect(res.status).toBe(204)
      expect(await res.text()).toBe('')
      expect(res.headers.getSetCookie()).toEqual(['__Secure-rested-access-token=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=None'])
      expect(mocks.journal.list().at(-1)).toMatchObject({ behaviour: 'rested.logout.idempotent', forced: null })
    }
  })
})

describe('errorFormat: text', () => {
  useInProcessMocks({ only: ['rested'], providers: { rested: { errorFormat: 'text' } } })
  const text = async (res: Response) => ({ status: res.status, type: res.headers.get('content-type'), body: await res.text() })
  const plain = (status: number, body: string) => ({ status, type: 'text/plain; charset=utf-8', body })
  const post = (path: string, init: RequestInit = {}) => fetch(BASE + path, { method: 'POST', ...init })

  it('every error is the bare reason text as text/plain: the four gate rows, row 5, body and credential errors', async () => {
    expect(await text(await post('/api/1/ce/examples/auth?logout=true'))).toEqual(plain(403, MESSAGES.missingApiKey))
    expect(await text(await post('/api/1/ce/examples/auth?key=nope&logout=true'))).toEqual(plain(400, MESSAGES.invalid))
    expect(await text(await post(`${LOCKED_AUTH}&logout=true`, { headers: { origin: 'https://evil.example' } }))).toEqual(plain(403, MESSAGES.origin))
    expect(await text(await post(`${LOCKED_AUTH}&logout=true`))).toEqual(plain(403, MESSAGES.noOrigin))
    expect(await text(await post(`${AUTH}&logout=true`))).toEqual(plain(401, 'Unauthorized'))
    const json = { 'content-type': 'application/json' }
    expect(await text(await post(`${AUTH}&login=true`, { headers: json }))).toEqual(plain(400, 'Body is empty'))
    expect(await text(await post(`${AUTH}&login=true`, { headers: json, body: '{"email":"nope","password":"x"}' }))).toEqual(plain(400, 'email not valid'))
    expect(await text(await fetch(BASE + SECURE))).toEqual(plain(401, 'Unauthorized'))
  })

  it('a forced error is text too, byte for byte the natural one', async () => {
    const natural = await text(await post(`${AUTH}&logout=true`))
    expect(await text(await post(`${AUTH}&logout=true`, { headers: { prefer: 'code=401' } }))).toEqual(natural)
    expect(await text(await post(`${AUTH}&login=true&__example=rested.login.invalidCredentials`))).toEqual(plain(401, 'Invalid credentials.'))
  })
})

describe('revokedTokenReason: tokenExpired, passwordInLoginBodies: false', () => {
  const mocks = useInProcessMocks({ only: ['rested'], providers: { rested: { revokedTokenReason: 'tokenExpired', passwordInLoginBodies: false } } })

  it('a logged-out token gets 401 "Token expired" on the logged-in user', async () => {
    const c = createClient(BASE)
    await c.call(`${AUTH}&login=true`, { method: 'POST', json: { username: 'bob', password: 'bob-password-1' } })
    expect((await c.call(`${AUTH}&logout=true`, { method: 'POST' })).status).toBe(204)
    expect(await errorOf(await c.call(AUTH))).toEqual({ status: 401, message: 'Token expired' })
    expect(mocks.journal.list().at(-1)).toMatchObject({ behaviour: 'rested.loggedInUser.tokenExpired', forced: null })
    // A never-issued token is still "Invalid credentials".
    expect(await errorOf(await fetch(BASE + AUTH, { headers: { authorization: 'f'.repeat(64) } }))).toEqual({ status: 401, message: 'Invalid credentials' })
  })

  it('login and the logged-in user leave the password out; register still echoes it', async () => {
    const c = createClient(BASE)
    const reg = await c.call(AUTH, { method: 'POST', json: { username: 'erin', password: 'erin-password-1' } })
    expect((await jsonOf(reg, 'userRecord')).data).toEqual({ username: 'erin', password: 'erin-password-1' })
    const login = await c.call(`${AUTH}&login=true`, { method: 'POST', json: { username: 'erin', password: 'erin-password-1' } })
    expect((await jsonOf(login, 'userRecord')).data).toEqual({ username: 'erin' })
    expect((await jsonOf(await c.call(AUTH), 'userRecord')).data).toEqual({ username: 'erin' })
    expect(await jsonOf(await c.call(`${AUTH}&dataOnly=true`), 'userData')).toEqual({ username: 'erin' })
  })
})

describe('unknown options are refused', () => {
  it('throws on a misspelt option', async () => {
    const { createLogoutMocks } = await import('../../handlers/index.ts')
    // @ts-expect-error a misspelt option is a compile error too; this checks the run-time refusal for untyped callers
    expect(() => createLogoutMocks({ providers: { rested: { clearCookie: false } } })).toThrow(/unknown option "clearCookie"/)
  })
})
