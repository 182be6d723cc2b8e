/**
 * The standalone server's CORS (design.md): every Origin allowed and reflected unless a list restricts it,
 * credentials allowed, preflights answered, the headers clients need exposed. Providers whose contract restricts
 * origins (`cors: 'own'`) answer CORS themselves and this layer stays out of their responses.
 */
import type { IncomingMessage } from 'node:http'

export const EXPOSED_HEADERS = [
  'Authorization',
  'Location',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'X-Request-Id',
  'Ory-Error-Id',
  'X-Kratos-Authenticated-Identity-Id',
  'X-Logout-Mocks-Error',
].join(', ')

export interface CorsPolicy {
  /** null: every origin. */
  readonly origins: readonly string[] | null
}

/** Whether the platform CORS policy allows this origin. */
export function originAllowed(policy: CorsPolicy, origin: string): boolean {
  return policy.origins === null || policy.origins.includes(origin)
}

/** Headers for an actual (non-preflight) response, or none when there is no Origin or it is not allowed. */
export function corsHeaders(policy: CorsPolicy, req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin
  if (!origin || !originAllowed(policy, origin)) return origin ? { Vary: 'Origin' } : {}
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    Vary: 'Origin',
  }
}

/** Headers answering a preflight (`OPTIONS` with `Access-Control-Request-Method`). */
export function preflightHeaders(policy: CorsPolicy, req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin
  if (!origin || !originAllowed(policy, origin)) return { Vary: 'Origin' }
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Prefer'),
    'Access-Control-Max-Age': '600',
    Vary: 'Origin, Access-Control-Request-Headers',
  }
}

/** A CORS preflight: `OPTIONS` with `Access-Control-Request-Method`. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined
}
