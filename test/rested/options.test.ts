/**
 * Rested.dev options: each ASSUMPTION of the contract switched to its alternative (in-process).
 */
import { describe, expect, it } from 'vitest'
import { useInProcessMocks } from '../support/in-process.ts'
import { AUTH, MESSAGES, SECURE, createClient } from './client.ts'

const BASE = 'https://app.rested.dev'

describe('unauthenticatedLogout: idempotent, clearCookieOnLogout: false, accessTokenTtl: 60', () => {
  const mocks = useInProcessMocks({ only: ['rested'], providers: { rested: { unauthenticatedLogout: 'idempotent', clearCookieOnLogout: false, accessTokenTtl: 60 } } })

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

describe('errorFormat: text', () => {
  useInProcessMocks({ only: ['rested'], providers: { rested: { errorFormat: 'text' } } })

  it('errors are the bare reason text as text/plain', async () => {
    const res = await fetch(`${BASE}/api/1/ce/examples/auth?logout=true`, { method: 'POST' })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await res.text()).toBe(MESSAGES.missingApiKey)
  })
})

describe('unknown options are refused', () => {
  it('throws on a misspelt option', async () => {
    const { createLogoutMocks } = await import('../../handlers/index.ts')
    expect(() => createLogoutMocks({ providers: { rested: { clearCookie: false } } })).toThrow(/unknown option "clearCookie"/)
  })
})
