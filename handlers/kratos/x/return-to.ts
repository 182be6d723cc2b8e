/**
 * `redir.SecureRedirectTo` (x/redir/secure_redirect.go): a return_to is parsed the Go way,
 * completed with the default URL's scheme and host, then must match an allow-list entry — scheme and host
 * (case-insensitive, port included, `*.` wildcard) and a path prefix. The rules are parsed once per instance.
 */
import { getDomain } from 'tldts'
import { formatGoUrl, parseGoUrl, type GoUrl } from './go.ts'
import { returnToForbidden, returnToUnparseable, type HerodotError } from './herodot.ts'

type ReturnToVerdict = { ok: true; url: string } | { ok: false; behaviour: 'returnToForbidden' | 'returnToUnparseable'; error: HerodotError }

/** The default URL (as given and parsed) and the parsed allow-list. */
export interface RedirectRules {
  readonly defaultUrl: string
  readonly fallback: GoUrl | null
  readonly allowList: readonly GoUrl[]
}

/**
 * ory/x `corsx.ClassifyOrigin(host).IsUnsafeWildcard()` (corsx/check_origin.go): a host with a `*` is safe only when
 * the domain after the label holding the last `*` is registrable (an eTLD+1 or below it, by the public suffix list,
 * private domains included: `vercel.app` is a suffix). `*.example.org` is safe; `*.com`, `*foo.com`, `www.ory.*` and
 * `*` are not.
 * @example
 * isUnsafeWildcard('*.com') // true
 * isUnsafeWildcard('*.example.org') // false
 */
export function isUnsafeWildcard(host: string): boolean {
  const star = host.lastIndexOf('*')
  if (star < 0) return false
  const dot = host.indexOf('.', star)
  if (dot < 0) return true
  const base = host.slice(dot + 1).toLowerCase().split(':')[0]
  return getDomain(base, { allowPrivateDomains: true }) === null
}

/**
 * Parses the rules once; allow-list entries Go cannot parse never match, and unsafe wildcards (`https://*.com/`) are
 * dropped, as Kratos drops them when it reads `selfservice.allowed_return_urls` (driver/config/config.go:1060-1082).
 * @example
 * redirectRules('https://app.example/', ['https://app.example/', 'http://127.0.0.1:4433/self-service'])
 */
export function redirectRules(defaultUrl: string, allowed: readonly string[]): RedirectRules {
  const parsed = (raw: string) => {
    const p = parseGoUrl(raw)
    return 'url' in p ? p.url : null
  }
  const allowList = allowed
    .map(parsed)
    .filter((u): u is GoUrl => u !== null)
    .filter((u) => !isUnsafeWildcard(u.host))
  return { defaultUrl, fallback: parsed(defaultUrl), allowList }
}

function hostMatches(allowed: string, actual: string): boolean {
  const a = allowed.toLowerCase()
  const b = actual.toLowerCase()
  return a === b || (a.startsWith('*.') && b.endsWith(a.slice(1)))
}

/**
 * Validates `return_to` (empty: the default). Returns the normalised URL to redirect to, or the Kratos error with the
 * name of the behaviour that reports it.
 * @example
 * secureRedirectTo('/dashboard', redirectRules('https://app.example/', ['https://app.example/']))
 * // { ok: true, url: 'https://app.example/dashboard' }
 */
export function secureRedirectTo(returnTo: string, rules: RedirectRules): ReturnToVerdict {
  if (returnTo === '') return { ok: true, url: rules.defaultUrl }
  const parsed = parseGoUrl(returnTo)
  if ('error' in parsed) return { ok: false, behaviour: 'returnToUnparseable', error: returnToUnparseable(parsed.error) }
  const url = parsed.url
  if (rules.fallback) {
    if (url.host === '') [url.host, url.authority] = [rules.fallback.host, rules.fallback.authority]
    if (url.scheme === '') url.scheme = rules.fallback.scheme
  }
  const scheme = url.scheme.toLowerCase()
  const path = url.path || '/'
  const normalised = formatGoUrl(url)
  const found = rules.allowList.find((a) => a.scheme.toLowerCase() === scheme && hostMatches(a.host, url.host) && path.startsWith(a.path || '/'))
  // The second line: where a browser would go with this Location must be the allow-listed host too, whatever Go
  // made of it (WHATWG reads `\` as `/`, drops userinfo, lowercases and IDNA-encodes the host).
  const safe = found !== undefined && browserLandsOn(normalised, found)
  return safe ? { ok: true, url: normalised } : { ok: false, behaviour: 'returnToForbidden', error: returnToForbidden(normalised) }
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21' }

/** Go's `URL.Hostname()` and `URL.Port()` of an allow-list host (brackets of an IPv6 literal dropped). */
function splitGoHost(host: string): { hostname: string; port: string } {
  const colon = host.lastIndexOf(':')
  const hasPort = colon >= 0 && (!host.startsWith('[') || host.lastIndexOf(']') < colon)
  const name = hasPort ? host.slice(0, colon) : host
  return { hostname: name.replace(/^\[(.*)\]$/, '$1').toLowerCase(), port: hasPort ? host.slice(colon + 1) : '' }
}

/**
 * Whether a browser reading `location` (the WHATWG URL parser, as `Location` is resolved) lands on the host and port
 * of the allow-list entry that admitted it.
 */
function browserLandsOn(location: string, allowed: GoUrl): boolean {
  const seen = URL.parse(location)
  if (!seen) return false
  const expected = splitGoHost(allowed.host)
  const hostname = seen.hostname.replace(/^\[(.*)\]$/, '$1')
  const sameName = expected.hostname.startsWith('*.') ? hostname.endsWith(expected.hostname.slice(1)) : hostname === expected.hostname
  const port = (p: string, protocol: string) => p || DEFAULT_PORTS[protocol] || ''
  return sameName && port(seen.port, seen.protocol) === port(expected.port, seen.protocol)
}
