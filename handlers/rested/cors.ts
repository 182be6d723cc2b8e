/**
 * CORS as a browser needs it for credentialed calls, decided by the project's allowed-origins rule (contract: CORS,
 * inferred). The project is the one the request's `key`/`masterKey` names; when none is named, no origin is allowed.
 */
import { originAllowed, projectOf, type Ctx } from './gate.ts'

export const ALLOWED_METHODS = 'GET, POST, OPTIONS'
export const ALLOWED_HEADERS = 'Authorization, Content-Type'
/** Preflight cache lifetime, seconds (ASSUMPTION: any value works; 600 is the cap Chromium applies). */
export const PREFLIGHT_MAX_AGE = 600

/** The request's `Origin` when the project's rule allows it, else undefined. */
export function allowedOrigin(ctx: Ctx): string | undefined {
  const origin = ctx.request.headers.get('origin')
  if (origin === null) return undefined
  const owner = projectOf(ctx)
  return owner && originAllowed(owner.project, origin, owner.master) ? origin : undefined
}

/**
 * CORS headers of an actual (non-preflight) response: `Vary: Origin` always; for an allowed origin, the echoed
 * origin, credentials and the exposed `Authorization` header (the `noATCookie` login flow reads it).
 * @example
 * const headers = new Headers({ 'Content-Type': 'application/json' })
 * applyCors(ctx, headers)
 */
export function applyCors(ctx: Ctx, headers: Headers): Headers {
  headers.append('Vary', 'Origin')
  const origin = allowedOrigin(ctx)
  if (origin !== undefined) {
    headers.set('Access-Control-Allow-Origin', origin)
    headers.set('Access-Control-Allow-Credentials', 'true')
    headers.set('Access-Control-Expose-Headers', 'Authorization')
  }
  return headers
}

/**
 * CORS headers of a successful preflight: echoed origin, credentials, methods, headers and max age.
 * @example
 * preflightHeaders(ctx).get('Access-Control-Allow-Methods') // 'GET, POST, OPTIONS'
 */
export function preflightHeaders(ctx: Ctx): Headers {
  const headers = new Headers({ Vary: 'Origin' })
  const origin = allowedOrigin(ctx)
  if (origin !== undefined) {
    headers.set('Access-Control-Allow-Origin', origin)
    headers.set('Access-Control-Allow-Credentials', 'true')
    headers.set('Access-Control-Allow-Methods', ALLOWED_METHODS)
    headers.set('Access-Control-Allow-Headers', ALLOWED_HEADERS)
    headers.set('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE))
  }
  return headers
}
