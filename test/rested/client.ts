/**
 * A Rested.dev test client: fetch with a real cookie jar (tough-cookie), the fixture URLs, and the provider's
 * schema validator. The access cookie is `Secure` and `__Secure-` prefixed: tough-cookie stores and sends it for
 * https URLs and, by default (`allowSecureOnLocal`), for loopback http URLs too — so the same jar works in-process
 * (https://app.rested.dev) and against the standalone server on http://127.0.0.1, exactly as browsers treat
 * localhost as a secure context.
 */
import { CookieJar } from 'tough-cookie'
import { rested } from '../../handlers/rested/index.ts'
import { ACCESS_COOKIE } from '../../handlers/rested/cookies.ts'
import { RESTED_API_KEY, RESTED_LOCKED_API_KEY, RESTED_LOCKED_MASTER_KEY, RESTED_LOCKED_ORIGIN, RESTED_MASTER_KEY } from '../../fixtures/rested.ts'
import { validatorFor } from '../support/schemas.ts'

export { ACCESS_COOKIE, RESTED_API_KEY, RESTED_LOCKED_API_KEY, RESTED_LOCKED_MASTER_KEY, RESTED_LOCKED_ORIGIN, RESTED_MASTER_KEY }
export const AUTH = `/api/1/ce/examples/auth?key=${RESTED_API_KEY}`
export const SECURE = `/api/1/ce/examples/secure?key=${RESTED_API_KEY}`
export const LOCKED_AUTH = `/api/1/ce/locked/auth?key=${RESTED_LOCKED_API_KEY}`
/** The documented reason texts, written out here so the tests check the wording rather than reuse the mock's. */
export const MESSAGES = {
  missingApiKey: 'Missing API Key',
  invalid: 'Endpoint or API Key not valid',
  origin: 'not allowed origin',
  noOrigin: 'disallowed request without origin',
}

export const schemas = validatorFor(rested)

export interface CallInit extends RequestInit {
  /** Sent as `application/json`. */
  json?: unknown
}

/**
 * A browser-like client bound to a base URL: cookies from responses are stored and sent back.
 * @example
 * const client = createClient('https://app.rested.dev')
 * await client.call(AUTH + '&login=true', { method: 'POST', json: { username: 'alice', password: 'alice-password-1' } })
 */
export function createClient(base: string) {
  const jar = new CookieJar()
  return {
    jar,
    async call(path: string, init: CallInit = {}): Promise<Response> {
      const url = base + path
      const headers = new Headers(init.headers)
      const cookie = await jar.getCookieString(url)
      if (cookie) headers.set('cookie', cookie)
      let body = init.body
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json')
        body = JSON.stringify(init.json)
      }
      const response = await fetch(url, { ...init, headers, body })
      for (const c of response.headers.getSetCookie()) await jar.setCookie(c, url)
      return response
    },
    /** The access token the jar holds, if any. */
    async accessToken(): Promise<string | undefined> {
      return (await jar.getCookies(base + '/')).find((c) => c.key === ACCESS_COOKIE)?.value
    },
  }
}

/** Reads a JSON body and checks it against a schema of the provider (throws with ajv's errors otherwise). */
export async function jsonOf(response: Response, schema: string): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>
  const errors = schemas.errors(schema, body)
  if (errors) throw new Error(`${schema}: ${errors}\n${JSON.stringify(body)}`)
  return body
}

/** Asserts-friendly view of an error response: status and reason text (validated against the error schema). */
export async function errorOf(response: Response): Promise<{ status: number; message: unknown }> {
  const body = await jsonOf(response, 'error')
  return { status: response.status, message: body.message }
}
