/**
 * `redir.SecureRedirectTo` (x/redir/secure_redirect.go, contracts/kratos.md §0.8): a return_to is parsed the Go way,
 * completed with the default URL's scheme and host, then must match an allow-list entry — scheme and host
 * (case-insensitive, port included, `*.` wildcard) and a path prefix. `<baseUrl>/self-service` is always allowed.
 */
import { formatGoUrl, goQuote, parseGoUrl } from './go.ts'
import { returnToForbidden, returnToUnparseable, type HerodotError } from './herodot.ts'

export type ReturnToVerdict = { ok: true; url: string } | { ok: false; error: HerodotError }

function hostMatches(allowed: string, actual: string): boolean {
  const a = allowed.toLowerCase()
  const b = actual.toLowerCase()
  return a === b || (a.startsWith('*.') && b.endsWith(a.slice(1)))
}

/**
 * Validates `return_to` (empty: the default). Returns the normalised URL to redirect to, or the Kratos error.
 * @example
 * secureRedirectTo('/dashboard', { defaultUrl: 'https://app.example/', allowed: ['https://app.example/'], baseUrl: 'https://x' })
 * // { ok: true, url: 'https://app.example/dashboard' }
 */
export function secureRedirectTo(returnTo: string, opts: { defaultUrl: string; allowed: readonly string[]; baseUrl: string }): ReturnToVerdict {
  if (returnTo === '') return { ok: true, url: opts.defaultUrl }
  const parsed = parseGoUrl(returnTo)
  if ('error' in parsed) return { ok: false, error: returnToUnparseable(parsed.error) }
  const url = parsed.url
  const fallback = parseGoUrl(opts.defaultUrl)
  if ('url' in fallback) {
    if (url.host === '') [url.host, url.authority] = [fallback.url.host, fallback.url.authority]
    if (url.scheme === '') url.scheme = fallback.url.scheme
  }
  const allowList = [...opts.allowed, `${opts.baseUrl}/self-service`]
  const found = allowList.some((entry) => {
    const a = parseGoUrl(entry)
    if ('error' in a) return false
    return a.url.scheme.toLowerCase() === url.scheme.toLowerCase() && hostMatches(a.url.host, url.host) && (url.path || '/').startsWith(a.url.path || '/')
  })
  const normalised = formatGoUrl(url)
  return found ? { ok: true, url: normalised } : { ok: false, error: returnToForbidden(normalised, goQuote) }
}
