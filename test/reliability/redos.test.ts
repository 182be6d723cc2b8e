/**
 * Issue 20, item 1: the e-mail check of WebmixHub sign-in/sign-up and Rested.dev register/login is linear and capped
 * at 254 characters (RFC 5321). The audit's repro body (`a@` + 120,000 dots + a space) froze every route for 16 s
 * under the old pattern; now it gets the documented validation error, and the control API answers meanwhile. No time
 * is asserted: under the old pattern these requests outlive the test timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'
import { DEMO_TENANT_TOKEN } from '../../fixtures/webmixhub.ts'
import { AUTH, errorOf } from '../rested/client.ts'
import { isEmailAddress, MAX_EMAIL_LENGTH } from '../../handlers/platform/http/email-address.ts'

// The audit's body was 120 KB (16 s of CPU); 400,000 dots would be minutes under the old pattern, well within the
// 1 MiB body limit. Register keeps its body, so its body must stay under 64 KiB: 60,000 dots there.
const HOSTILE = `a@${'.'.repeat(400_000)} `
const HOSTILE_KEPT = `a@${'.'.repeat(60_000)} `

let server: RunningServer
beforeAll(async () => {
  server = await startStandalone()
})
afterAll(() => server.close())

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(server.origin + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

describe('the e-mail check under a hostile address', () => {
  it('WebmixHub sign-in and sign-up answer 400 VALIDATION_ERROR naming the e-mail, and the control API answers alongside', async () => {
    const tenant = { 'x-tenant-token': DEMO_TENANT_TOKEN }
    const [signin, signup, otp, state] = await Promise.all([
      post('/auth/signin', { method: 'password', email: HOSTILE, password: 'password-123' }, tenant),
      post('/auth/signup', { email: HOSTILE, password: 'password-123' }, tenant),
      post('/auth/signin', { method: 'otp', email: HOSTILE, code: '1234' }, tenant),
      fetch(`${server.origin}/__mock/state`),
    ])
    for (const r of [signin, signup, otp]) {
      expect(r.status).toBe(400)
      const body = (await r.json()) as { error: { code: string; validation: Record<string, string> } }
      expect(body.error.code).toBe('VALIDATION_ERROR')
      expect(body.error.validation.email).toBe('email must be a valid email address')
    }
    expect(state.status).toBe(200)
  })

  it('Rested.dev register and login answer the documented 400 "email not valid"', async () => {
    for (const [flag, email] of [['register', HOSTILE_KEPT], ['login', HOSTILE]]) {
      const r = await post(`${AUTH}&${flag}=true`, { email, password: 'password-123' })
      expect(await errorOf(r)).toEqual({ status: 400, message: 'email not valid' })
    }
  })

  it('a social token that is a hostile string is an opaque account, not an e-mail', async () => {
    const r = await post('/auth/signin', { method: 'google', token: HOSTILE }, { 'x-tenant-token': DEMO_TENANT_TOKEN })
    expect(r.status).toBe(200)
    const body = (await r.json()) as { data: { user: { email: string | null } } }
    expect(body.data.user.email).toBeNull()
  })
})

describe('isEmailAddress', () => {
  it('accepts what the old pattern accepted, up to 254 characters', () => {
    const local = 'a'.repeat(MAX_EMAIL_LENGTH - '@example.com'.length)
    expect(isEmailAddress(`${local}@example.com`)).toBe(true)
    expect(isEmailAddress(`${local}a@example.com`)).toBe(false)
    for (const ok of ['alice@example.com', 'a.b+c@sub.example.co.uk', 'x@y.z', 'ü@exämple.de']) expect(isEmailAddress(ok), ok).toBe(true)
    for (const bad of ['', 'alice', 'alice@', '@example.com', 'a@b', 'a@b.', 'a b@c.d', 'a@b@c.d', 'a@.b', HOSTILE, HOSTILE_KEPT]) expect(isEmailAddress(bad), bad).toBe(false)
  })
})
