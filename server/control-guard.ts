/**
 * The control plane's guard: who may drive `/__mock`. The control API mints credentials, shows live tokens, resets
 * the mock and moves its clock, so — like Vite's `server.allowedHosts` and webpack-dev-server's `allowedHosts` — it
 * answers only
 * - requests whose `Host` is a loopback name, an IP address, the bound host or a configured name (DNS rebinding gives
 *   the attacker's name, never one of these): 403 otherwise;
 * - same-origin requests, requests without an `Origin` (curl, scripts), top-level navigations (a link to the panel)
 *   and origins allowed for the control plane (`--control-origins`): 403 otherwise, including a browser's cross-site
 *   no-cors request; CORS (never `Access-Control-Allow-Private-Network`) only for the allowed origins;
 * - mutations (`POST`, `DELETE`) sent as `Content-Type: application/json`, which no HTML form and no preflight-free
 *   cross-origin request can send: 415 otherwise, even for a bodiless `POST /__mock/reset`;
 * - with a control token, requests that carry it: `Authorization: Bearer <token>`, or the cookie a browser gets by
 *   opening any `GET /__mock…?token=<token>` URL once (HttpOnly, SameSite=Strict, Path=/__mock; the token leaves the
 *   address bar by a 303 to the same URL without it), so the same-origin control panel works: 401 otherwise.
 * Provider routes keep their own CORS (server/cors.ts): a frontend on another origin needs it.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { isJsonMediaType } from '../handlers/platform/http/body.ts'
import { parseCookies } from '../handlers/platform/http/cookies.ts'
import { mockError } from '../handlers/platform/http/mock-error.ts'
import { createResponse, type MockResponse } from '../handlers/platform/http/response.ts'
import { isPreflight } from './cors.ts'

export interface ControlPolicy {
  /** Origins (scheme://host[:port]) allowed to call the control API cross-origin, with credentials. */
  readonly origins: readonly string[]
  /** Host names accepted besides loopback names, IP addresses and the bound host; `.example.com` = it and its subdomains. */
  readonly allowedHosts: readonly string[]
  /** The host names the server is bound to and announces (e.g. `0.0.0.0` and `127.0.0.1`). */
  readonly boundHosts: readonly string[]
  /** When set, every control request must carry it. */
  readonly token: string | null
}

/** The cookie a browser keeps the control token in, after one visit to `/__mock…?token=<token>`. */
const CONTROL_TOKEN_COOKIE = 'logout-mocks-control'

const CONTROL_METHODS = ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS']
const MUTATING_METHODS = new Set(['POST', 'DELETE'])

/** A `Host` header's name, lowercased, without the port; IPv6 keeps its brackets. */
function hostName(host: string): string {
  const h = host.trim().toLowerCase()
  // `name` or `[v6]`, then nothing or `:port`: `[::1]evil.example` is no host of ours (it was read as `[::1]`).
  const close = h.startsWith('[') ? h.indexOf(']') : -1
  const colon = h.startsWith('[') ? (close < 0 ? -1 : close + 1) : h.lastIndexOf(':')
  const name = colon < 0 || colon >= h.length ? h : h.slice(0, colon)
  const port = colon < 0 || colon >= h.length ? '' : h.slice(colon)
  if (h.startsWith('[') && close < 0) return ''
  return port === '' || /^:\d{1,5}$/.test(port) ? name : ''
}

/**
 * Whether a `Host` header names this server for the control plane: `localhost`, `*.localhost`, any IP address, a
 * bound host, or an allowed name (`.example.com` matches it and its subdomains).
 * @example
 * hostAllowed(policy, 'localhost:9090') // true
 * hostAllowed(policy, 'attacker.example:9090') // false, unless allowed
 */
function hostAllowed(policy: ControlPolicy, host: string | undefined): boolean {
  if (!host) return false
  const name = hostName(host)
  const bare = name.startsWith('[') ? name.slice(1, -1) : name
  if (name === 'localhost' || name.endsWith('.localhost') || isIP(bare) !== 0) return true
  if (policy.boundHosts.some((b) => hostName(b) === name)) return true
  return policy.allowedHosts.some((a) => {
    const allowed = a.trim().toLowerCase()
    return allowed.startsWith('.') ? name === allowed.slice(1) || name.endsWith(allowed) : name === allowed
  })
}

/**
 * Whether a bind address keeps the server on this machine: `localhost`, 127.0.0.0/8 or `::1`.
 * @example
 * isLoopbackBind('127.0.0.1') // true
 * isLoopbackBind('0.0.0.0') // false
 */
export function isLoopbackBind(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\./.test(h)
}

/**
 * The warning printed when the server binds beyond loopback, or null when it does not.
 * @example
 * exposureWarning('0.0.0.0', false) // 'logout-mocks: warning: bound to 0.0.0.0 …'
 */
export function exposureWarning(host: string, hasToken: boolean): string | null {
  if (isLoopbackBind(host)) return null
  return [
    `logout-mocks: warning: bound to ${host}, not a loopback address: the control API (/__mock) is reachable from the network.`,
    hasToken
      ? '  It requires the control token (--control-token).'
      : '  Anyone who can reach this port can mint sessions, read live tokens and reset the mock: set --control-token <secret>.',
    '  Clients calling it by a host name need --allowed-hosts <name> (IP addresses and localhost are accepted).',
  ].join('\n')
}

const digest = (s: string) => createHash('sha256').update(s).digest()
const tokenMatches = (policy: ControlPolicy, candidate: string | undefined | null) =>
  policy.token !== null && typeof candidate === 'string' && timingSafeEqual(digest(candidate), digest(policy.token))

const cookieValue = (req: IncomingMessage, name: string): string | undefined => parseCookies(req.headers.cookie ?? null)[name]

const forbidden = (kind: string, title: string, detail: string, extensions: Record<string, unknown> = {}) =>
  mockError({ kind, title, status: 403, detail, ...extensions }, { Vary: 'Origin' })

export type ControlVerdict =
  /** Serve the request; add these headers (CORS for an allowed control origin) to its response. */
  | { readonly pass: true; readonly headers: Record<string, string> }
  /** Answer this instead (a refusal, a preflight answer or the token's cookie exchange). */
  | { readonly pass: false; readonly response: MockResponse }

/**
 * Decides whether a control request is served, in this order: method, Host, Origin, preflight, token, Content-Type.
 * @example
 * const verdict = guardControl(policy, req, '/__mock/reset')
 * if (!verdict.pass) return writeResponse(res, verdict.response)
 */
export function guardControl(policy: ControlPolicy, req: IncomingMessage, target: string): ControlVerdict {
  const method = req.method ?? 'GET'
  if (!CONTROL_METHODS.includes(method)) {
    return {
      pass: false,
      response: mockError(
        { kind: 'method-not-allowed', title: 'Method not allowed', status: 405, detail: `The control API does not answer ${method}.`, allowed: CONTROL_METHODS },
        { Allow: CONTROL_METHODS.join(', ') },
      ),
    }
  }
  const host = req.headers.host
  if (!hostAllowed(policy, host)) {
    return {
      pass: false,
      response: forbidden(
        'forbidden-host',
        'Host not allowed for the control API',
        `The control API answers only loopback names, IP addresses, the bound host and names given with --allowed-hosts; got Host "${(host ?? '').slice(0, 200)}".`,
      ),
    }
  }
  const origin = req.headers.origin
  const sameOrigin = origin !== undefined && origin.toLowerCase() === `http://${host}`.toLowerCase()
  const listed = origin !== undefined && policy.origins.includes(origin)
  // A browser marks every request it sends for another site (even a no-cors <img> or <script> without an Origin).
  // Following a link to the panel from another site is a top-level navigation: a read the other site cannot see.
  const fetchSite = req.headers['sec-fetch-site']
  const navigation = (method === 'GET' || method === 'HEAD') && req.headers['sec-fetch-mode'] === 'navigate' && req.headers['sec-fetch-dest'] === 'document'
  const crossSite = origin !== undefined ? !sameOrigin : (fetchSite === 'cross-site' || fetchSite === 'same-site') && !navigation
  if (crossSite && !listed) {
    return {
      pass: false,
      response: forbidden(
        'forbidden-origin',
        'Origin not allowed for the control API',
        `The control API answers same-origin requests, clients without an Origin (curl) and origins given with --control-origins; got Origin "${(origin ?? fetchSite ?? '').slice(0, 200)}".`,
      ),
    }
  }
  const cors: Record<string, string> = listed
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }
    : { Vary: 'Origin' }
  if (isPreflight(req)) {
    const headers = { ...cors, 'Access-Control-Allow-Methods': 'GET, POST, DELETE', 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Max-Age': '600' }
    return { pass: false, response: createResponse(null, { status: 204, headers: new Headers(headers) }) }
  }
  if (policy.token !== null) {
    const url = new URL(target, 'http://control.invalid')
    const queryToken = url.searchParams.get('token')
    if ((method === 'GET' || method === 'HEAD') && tokenMatches(policy, queryToken)) {
      url.searchParams.delete('token')
      // Back to the same control page without the token: a same-origin path under /__mock, never `//host` (a target
      // like `/__mock/..//evil.example` resolves to that, and a browser would follow it off-site).
      const back = url.pathname === '/__mock' || url.pathname.startsWith('/__mock/') ? url.pathname + url.search : '/__mock'
      const headers = new Headers({ Location: back, 'Cache-Control': 'no-store', ...cors })
      headers.append('Set-Cookie', `${CONTROL_TOKEN_COOKIE}=${encodeURIComponent(policy.token)}; Path=/__mock; HttpOnly; SameSite=Strict`)
      return { pass: false, response: createResponse(null, { status: 303, headers }) }
    }
    const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '')?.[1]
    const cookie = cookieValue(req, CONTROL_TOKEN_COOKIE)
    if (!tokenMatches(policy, bearer) && !tokenMatches(policy, cookie === undefined ? undefined : safeDecode(cookie))) {
      return {
        pass: false,
        response: mockError(
          {
            kind: 'control-token-required',
            title: 'Control token required',
            status: 401,
            detail: 'This server was started with --control-token: send Authorization: Bearer <token>, or open /__mock?token=<token> once in a browser.',
          },
          { 'WWW-Authenticate': 'Bearer realm="logout-mocks control API"', ...cors },
        ),
      }
    }
  }
  if (MUTATING_METHODS.has(method) && !isJsonMediaType(req.headers['content-type'] ?? null)) {
    return {
      pass: false,
      response: mockError(
        {
          kind: 'unsupported-media-type',
          title: 'Control mutations need Content-Type: application/json',
          status: 415,
          detail: `${method} ${target.split('?')[0]} changes the mock, so it must be sent as application/json (even without a body), which no HTML form or preflight-free cross-origin request can do; got ${JSON.stringify(req.headers['content-type'] ?? null)}.`,
        },
        { Accept: 'application/json', ...cors },
      ),
    }
  }
  return { pass: true, headers: cors }
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}
