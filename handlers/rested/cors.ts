/**
 * CORS as a browser needs it for credentialed calls, decided by the project's allowed-origins rule (inferred:
 * docs/providers/rested.md#cors). The project is the one the request's `key`/`masterKey` names; when none is named, no origin is allowed.
 */
import { resolve, type Ctx } from './gate.ts'

const ALLOWED_METHODS = 'GET, POST, OPTIONS'
/**
 * Request headers allowed when a preflight does not list the ones it wants. A preflight that lists them gets them
 * echoed (as the platform's CORS does): a browser may send `Prefer` to force a response, or any header its app adds.
 */
const DEFAULT_ALLOWED_HEADERS = 'Authorization, Content-Type, Prefer'
/**
 * Response headers a browser may read: the token of the `noATCookie` login flow, and the mock-error marker (Rested's
 * own responses never carry it; listed so the provider's CORS exposes what the platform's does).
 */
const EXPOSED_HEADERS = 'Authorization, X-Logout-Mocks-Error'
/** Preflight cache lifetime, seconds (ASSUMPTION: any value works; 600 is the cap Chromium applies). */
const PREFLIGHT_MAX_AGE = '600'

/** `Vary` plus, for an allowed origin, the echoed origin and credentials; true when the origin is allowed. */
function allowOrigin(ctx: Ctx, headers: Headers, vary: string): boolean {
  headers.append('Vary', vary)
  const origin = resolve(ctx).corsOrigin
  if (origin === undefined) return false
  headers.set('Access-Control-Allow-Origin', origin)
  headers.set('Access-Control-Allow-Credentials', 'true')
  return true
}

/**
 * CORS headers of an actual (non-preflight) response: `Vary: Origin` always; for an allowed origin, the echoed
 * origin, credentials and the exposed headers.
 * @example
 * const headers = new Headers({ 'Content-Type': 'application/json' })
 * applyCors(ctx, headers)
 */
export function applyCors(ctx: Ctx, headers: Headers): Headers {
  if (allowOrigin(ctx, headers, 'Origin')) headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS)
  return headers
}

/**
 * CORS headers of a successful preflight: echoed origin, credentials, methods, the requested headers and max age;
 * `Vary` names both request headers the answer depends on.
 * @example
 * preflightHeaders(ctx).get('Access-Control-Allow-Methods') // 'GET, POST, OPTIONS'
 */
export function preflightHeaders(ctx: Ctx): Headers {
  const headers = new Headers()
  if (allowOrigin(ctx, headers, 'Origin, Access-Control-Request-Headers')) {
    headers.set('Access-Control-Allow-Methods', ALLOWED_METHODS)
    headers.set('Access-Control-Allow-Headers', ctx.request.headers.get('access-control-request-headers') || DEFAULT_ALLOWED_HEADERS)
    headers.set('Access-Control-Max-Age', PREFLIGHT_MAX_AGE)
  }
  return headers
}
