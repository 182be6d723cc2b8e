/**
 * Kratos test support: schema checks against Ory's definitions, login helpers through real HTTP, and the exact
 * error bodies Kratos sends (docs/providers/kratos.md#error-bodies).
 */
import { expect } from 'vitest'
import { kratos } from '../../handlers/kratos/index.ts'
import { validatorFor } from '../support/schemas.ts'
import type { FixtureUser } from '../../fixtures/users.ts'

const validator = validatorFor(kratos)

/** Asserts a body validates against one of the extracted Ory schemas. */
export function expectSchema(name: string, body: unknown): void {
  expect(validator.errors(name, body), `${name}: ${JSON.stringify(body)}`).toBeNull()
}

/** Reads a JSON response, checks it against the schema and returns it. */
export async function jsonOf<T = Record<string, unknown>>(response: Response, schema: string): Promise<T> {
  const body = (await response.json()) as T
  expectSchema(schema, body)
  return body
}

/** A JSON string as Go's encoder writes it: `<`, `>` and `&` escaped. */
const goEscaped = (s: string) => JSON.stringify(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')

/** The exact bodies (Go's encoder appends a newline). */
export const E = {
  E1: '{"error":{"id":"session_inactive","code":401,"status":"Unauthorized","reason":"No active session was found in this request.","message":"request does not have a valid authentication session"}}\n',
  E2: '{"error":{"code":400,"status":"Bad Request","reason":"Please include a token in the URL query.","message":"The request was malformed or contained invalid parameters"}}\n',
  E3: '{"error":{"code":403,"status":"Forbidden","reason":"Unable to log out because the logout token in the URL query does not match the session cookie.","message":"The requested action was forbidden"}}\n',
  E4: (url: string) =>
    `{"error":{"id":"self_service_flow_return_to_forbidden","code":400,"status":"Bad Request","reason":"Requested return_to URL \\"${url}\\" is not allowed.","message":"The request was malformed or contained invalid parameters"}}\n`,
  E5: '{"error":{"code":403,"status":"Forbidden","reason":"The provided Ory Session Token could not be found, is invalid, or otherwise malformed.","message":"The requested action was forbidden"}}\n',
  E9: '{"error":{"code":401,"status":"Unauthorized","reason":"No valid session credentials found in the request.","message":"The request could not be authorized"}}\n',
  badRequest: (reason: string) =>
    `{"error":{"code":400,"status":"Bad Request","reason":${goEscaped(reason)},"message":"The request was malformed or contained invalid parameters"}}\n`,
}

/** `name=value` of a Set-Cookie line. */
export const pair = (setCookie: string) => setCookie.split(';')[0]

/** The Set-Cookie line for a cookie name, if any. */
export function setCookieFor(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))
}

/** Logs in through the native API flow; returns the session token and the login body. */
export async function nativeLogin(base: string, user: FixtureUser) {
  const flow = await jsonOf<{ id: string; ui: { action: string } }>(await fetch(`${base}/self-service/login/api`), 'loginFlow')
  const response = await fetch(flow.ui.action, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ method: 'password', identifier: user.email, password: user.password }),
  })
  expect(response.status).toBe(200)
  const body = await jsonOf<{ session_token: string; session: { id: string } }>(response, 'successfulNativeLogin')
  return { sessionToken: body.session_token, sessionId: body.session.id }
}

/**
 * Logs in through the browser (SPA) flow as a browser would: the login response rotates the CSRF cookie, and the
 * rotated one replaces the first. Returns the Cookie header (session + current CSRF), the pairs and the Set-Cookie
 * lines.
 */
export async function browserLogin(base: string, user: FixtureUser) {
  const init = await fetch(`${base}/self-service/login/browser`, { headers: { Accept: 'application/json' } })
  expect(init.status).toBe(200)
  const initCsrf = init.headers.getSetCookie().find((c) => c.startsWith('csrf_token_'))!
  const flow = await jsonOf<{ ui: { action: string; nodes: { attributes: { name: string; value?: string } }[] } }>(init, 'loginFlow')
  const csrfToken = flow.ui.nodes.find((n) => n.attributes.name === 'csrf_token')!.attributes.value!
  const response = await fetch(flow.ui.action, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Cookie: pair(initCsrf) },
    body: JSON.stringify({ method: 'password', identifier: user.email, password: user.password, csrf_token: csrfToken }),
  })
  expect(response.status).toBe(200)
  const [csrfCookie, sessionCookie, ...rest] = response.headers.getSetCookie()
  expect(rest).toEqual([])
  expect(sessionCookie).toMatch(/^ory_kratos_session=/)
  expect(pair(csrfCookie).split('=')[0]).toBe(pair(initCsrf).split('=')[0])
  expect(pair(csrfCookie)).not.toBe(pair(initCsrf))
  await jsonOf(response, 'successfulNativeLogin')
  return {
    cookie: `${pair(sessionCookie)}; ${pair(csrfCookie)}`,
    sessionCookie: pair(sessionCookie),
    csrfCookie: pair(csrfCookie),
    sessionCookieLine: sessionCookie,
    csrfCookieLine: csrfCookie,
  }
}
