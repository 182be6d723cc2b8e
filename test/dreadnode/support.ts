/**
 * Shared helpers of the Dreadnode suites: the error-envelope check and a browser-like cookie header.
 */
import { expect } from 'vitest'
import { validatorFor } from '../support/schemas.ts'
import { dreadnode } from '../../handlers/dreadnode/index.ts'
import type { Target } from '../support/modes.ts'

export const schemas = validatorFor(dreadnode)
export const ALICE = { email: 'alice@example.com', password: 'alice-password-1' }

/**
 * Cookie header from a response's Set-Cookie values (what a browser's jar would send back).
 * @example
 * const cookie = cookieHeader(await login())
 */
export const cookieHeader = (r: Response) =>
  r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')

/**
 * Asserts a canonical-envelope error and returns its body.
 * @example
 * await expectError(await logout(), 401, 'authentication_error')
 */
export async function expectError(r: Response, status: number, type: string) {
  expect(r.status).toBe(status)
  expect(r.headers.get('content-type')).toBe('application/json')
  const body = await r.json()
  expect(schemas.errors('errorEnvelope', body)).toBeNull()
  expect(body.code).toBe(status)
  expect(body.type).toBe(type)
  return body
}

/**
 * Asserts a JSON 200 whose body validates against the named schema, and returns the body.
 * @example
 * const user = await expectOk(await fetch(url('/api/v1/user'), { headers }), 'user')
 */
export async function expectOk(r: Response, schema: string) {
  expect(r.status).toBe(200)
  expect(r.headers.get('content-type')).toBe('application/json')
  const body = await r.json()
  expect(schemas.errors(schema, body), JSON.stringify(body)).toBeNull()
  return body
}

/**
 * A Dreadnode control action the way each mode's user reaches it: `POST /__mock/state/dreadnode/<action>` standalone,
 * `mocks.action(…)` in-process. Resolves to `{status, body}` (a thrown control error becomes its status).
 * @example
 * await controlAction(t(), 'approveDeviceCode', { userCode, user: 'alice' })
 */
export async function controlAction(target: Target, name: string, input: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  if (target.origin) {
    const r = await fetch(`${target.origin}/__mock/state/dreadnode/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
    return { status: r.status, body: await r.json() }
  }
  try {
    return { status: 200, body: (await target.mocks.action('dreadnode', name, input)) as Record<string, unknown> }
  } catch (e) {
    const error = e as { status?: number; message: string; extensions?: Record<string, unknown> }
    return { status: error.status ?? 500, body: { detail: error.message, ...error.extensions } }
  }
}
