/**
 * The standalone server's CORS (design.md): loopback origins (`http(s)://localhost`, `127.0.0.1`, `[::1]`,
 * `*.localhost`, any port) allowed and reflected by default, as Vite's dev server does since CVE-2025-24010, so a web
 * page on another site cannot call the provider routes with the developer's credentials; `--cors-origins` adds
 * origins, and `*` (only when given in so many words) allows every one. Credentials allowed, preflights answered, the
 * headers clients need exposed. Providers whose contract restricts origins (`cors: 'own'`) answer CORS themselves
 * and this layer stays out of their responses.
 */
import type { IncomingMessage } from 'node:http'

/** The headers every client may need, whichever provider answers (design.md); providers add their own. */
const PLATFORM_EXPOSED = ['Authorization', 'Location', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'X-Logout-Mocks-Error']

export interface CorsPolicy {
  /** Origins allowed besides the loopback ones (null: none); `'*'` in the list allows every origin. */
  readonly origins: readonly string[] | null
  /** `Access-Control-Expose-Headers` (default: the platform's list; `exposedHeaders` adds the providers'). */
  readonly exposed?: string
}

/**
 * The `Access-Control-Expose-Headers` value: the platform's list and every served provider's own, each once.
 * @example
 * exposedHeaders([{ exposeHeaders: ['Ory-Error-Id'] }]) // 'Authorization, Location, …, X-Logout-Mocks-Error, Ory-Error-Id'
 */
export function exposedHeaders(providers: readonly { readonly exposeHeaders: readonly string[] }[]): string {
  const seen = new Map<string, string>()
  for (const name of [...PLATFORM_EXPOSED, ...providers.flatMap((p) => p.exposeHeaders)]) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name)
  return [...seen.values()].join(', ')
}

/** The platform's list alone, for a policy built without the providers'. */
const PLATFORM_EXPOSED_VALUE = exposedHeaders([])

/** The `--cors-origins` entry that allows every origin: it must be written out, never implied. */
export const ANY_ORIGIN = '*'

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Whether an `Origin` is a loopback one: http or https, host `localhost`, `*.localhost`, `127.0.0.1` or `[::1]`, any
 * port, and nothing but an origin (an `Origin` header holds no path, userinfo or trailing slash).
 * @example
 * isLoopbackOrigin('http://localhost:5173') // true
 * isLoopbackOrigin('http://app.localhost') // true
 * isLoopbackOrigin('https://evil.example') // false
 */
export function isLoopbackOrigin(origin: string): boolean {
  const url = URL.parse(origin)
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) return false
  return LOOPBACK_HOSTNAMES.has(url.hostname) || url.hostname.endsWith('.localhost')
}

/** Whether the platform CORS policy allows this origin. */
function originAllowed(policy: CorsPolicy, origin: string): boolean {
  return isLoopbackOrigin(origin) || (policy.origins !== null && (policy.origins.includes(ANY_ORIGIN) || policy.origins.includes(origin)))
}

/** Headers for an actual (non-preflight) response, or none when there is no Origin or it is not allowed. */
export function corsHeaders(policy: CorsPolicy, req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin
  if (!origin || !originAllowed(policy, origin)) return origin ? { Vary: 'Origin' } : {}
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': policy.exposed ?? PLATFORM_EXPOSED_VALUE,
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
