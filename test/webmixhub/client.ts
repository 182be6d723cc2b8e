/**
 * Test support for WebmixHub: a small fetch client over one target (in-process or standalone), envelope checks against
 * the provider's JSON Schemas, and the control API reached the way each mode offers it (the mocks object in-process,
 * HTTP under `/__mock` standalone).
 */
import { expect } from 'vitest'
import type { Target } from '../support/modes.ts'
import { validatorFor } from '../support/schemas.ts'
import { webmixhub } from '../../handlers/webmixhub/index.ts'
import type { IssuedCredentials } from '../../handlers/platform/types.ts'
import type { ScenarioRequest } from '../../handlers/index.ts'
import { alice, bob, type FixtureUser } from '../../fixtures/users.ts'
import { DEMO_TENANT_TOKEN, RESTRICTED_TENANT_TOKEN, carol, webmixhubFixtureUser } from '../../fixtures/webmixhub.ts'

export const schemas = validatorFor(webmixhub)

export const DEMO = DEMO_TENANT_TOKEN
export const RESTRICTED = RESTRICTED_TENANT_TOKEN
const credentials = (u: FixtureUser) => ({ email: u.email, password: u.password })
export const ALICE = credentials(alice)
export const BOB = credentials(bob)
export const CAROL = credentials(carol)

/** A fixture user's id, in the demo tenant unless `tenant` names another. */
export const idOf = (email: string, tenant = DEMO): string => webmixhubFixtureUser(email, tenant).id

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

export interface WebmixhubBody {
  meta: { requestId: string; timestamp: string }
  data?: Record<string, unknown> & { user?: { id: string; email: string | null; status: string } }
  error?: { message: string; code: string; status: number; validation?: Record<string, string> }
}

/**
 * Reads a JSON body, checks the envelope basics shared by every response (media type, meta, x-request-id) and
 * validates it against `schema`.
 */
export async function readBody(r: Response, schema: string): Promise<WebmixhubBody> {
  expect(r.headers.get('content-type')).toBe('application/json')
  const text = await r.text()
  const body = JSON.parse(text) as WebmixhubBody
  expect(schemas.errors(schema, body), text).toBeNull()
  expect(Object.keys(body)[0]).toBe('meta')
  expect(body.meta.requestId).toMatch(/^req-[a-z0-9]+$/)
  expect(body.meta.timestamp).toMatch(ISO_MS)
  expect(r.headers.get('x-request-id')).toBe(body.meta.requestId)
  return body
}

/** Asserts a documented error: status, code, message, `error.status` = HTTP status, key order message → code → status. */
export async function expectError(r: Response, status: number, code: string, message?: string): Promise<WebmixhubBody> {
  expect(r.status, `${code} expected`).toBe(status)
  const body = await readBody(r, 'errorEnvelope')
  expect(body.error!.code).toBe(code)
  expect(body.error!.status).toBe(status)
  if (message !== undefined) expect(body.error!.message).toBe(message)
  expect(Object.keys(body.error!).slice(0, 3)).toEqual(['message', 'code', 'status'])
  return body
}

/** A client bound to one target. */
export function webmixhubClient(t: () => Target) {
  const url = (path: string) => t().baseUrl('webmixhub') + path
  /** A JSON POST to one of the public routes (sign-in, sign-up), with the demo tenant by default. */
  const publicPost = (path: string) => (body: unknown, headers: Record<string, string> = { 'x-tenant-token': DEMO }) =>
    fetch(url(path), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
  const client = {
    url,
    signin: publicPost('/auth/signin'),
    signup: publicPost('/auth/signup'),
    /** Signs in with a password and returns the access token (asserting the 200). */
    async token(creds = ALICE, tenant = DEMO): Promise<string> {
      const r = await client.signin({ method: 'password', ...creds }, { 'x-tenant-token': tenant })
      expect(r.status).toBe(200)
      const body = await readBody(r, 'signinSuccess')
      return body.data!.accessToken as string
    },
    logout: (headers: Record<string, string> = {}) => fetch(url('/auth/logout'), { headers }),
    me: (headers: Record<string, string> = {}) => fetch(url('/auth/me'), { headers }),
    /** The user's status as `/__mock/state` shows it. */
    async status(email: string, tenant = DEMO): Promise<string | undefined> {
      const state = await client.state()
      return state.users.find((u) => u.email === email && u.tenant === tenant)?.status
    },
    async state(): Promise<{ users: { id: string; email: string | null; tenant: string; status: string }[]; rateLimit: Record<string, { count: number }> }> {
      const target = t()
      if (target.origin === undefined) return target.mocks.state().webmixhub as never
      const r = await fetch(`${target.origin}/__mock/state`)
      expect(r.status).toBe(200)
      return ((await r.json()) as Record<string, never>).webmixhub
    },
    async deleteUser(user: string, tenant?: string): Promise<unknown> {
      const target = t()
      const input = tenant === undefined ? { user } : { user, tenant }
      if (target.origin === undefined) return target.mocks.action('webmixhub', 'deleteUser', input)
      const r = await fetch(`${target.origin}/__mock/state/webmixhub/deleteUser`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
      expect(r.status).toBe(200)
      return r.json()
    },
    /** Credentials from the control API: `POST /__mock/sessions` standalone, `mocks.sessions.create` in-process. */
    async session(user: string): Promise<IssuedCredentials & { headers: Record<string, string> }> {
      const target = t()
      const input = { provider: 'webmixhub' as const, user }
      if (target.origin === undefined) return (await target.mocks.sessions.create(input)) as never
      const r = await fetch(`${target.origin}/__mock/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
      expect(r.status).toBe(201)
      return r.json()
    },
    /** A sticky scenario: `POST /__mock/scenarios` standalone, `mocks.scenarios.add` in-process. */
    async scenario(input: ScenarioRequest): Promise<void> {
      const target = t()
      if (target.origin === undefined) {
        target.mocks.scenarios.add(input)
        return
      }
      const r = await fetch(`${target.origin}/__mock/scenarios`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
      expect(r.status).toBe(201)
      await r.body?.cancel()
    },
    async advance(ms: number): Promise<void> {
      const target = t()
      if (target.origin === undefined) return target.mocks.clock.advance(ms)
      const r = await fetch(`${target.origin}/__mock/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) })
      expect(r.status).toBe(200)
    },
  }
  return client
}

/** The auth headers of a user call. */
export const auth = (token: string, tenant = DEMO): Record<string, string> => ({ 'x-tenant-token': tenant, 'x-token': token })
