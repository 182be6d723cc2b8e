/**
 * The few Go standard-library behaviours Kratos's wire format depends on: `strconv.Quote` (%q), `url.QueryEscape`,
 * `url.ParseQuery` (malformed pairs are dropped, `r.URL.Query()` ignores the error), `url.Parse`/`URL.String()` for
 * return_to, `time.Time` JSON (RFC 3339 with trimmed nanoseconds) and `http.Redirect`'s HTML escaping.
 */

import { goQuote } from './go-quote.ts'
import { formatGoAuthority, parseGoAuthority } from './go-authority.ts'

export { goQuote } from './go-quote.ts'

/**
 * Go's `url.QueryEscape`: everything but `A-Za-z0-9-_.~` is %-encoded, space becomes `+`.
 * @example
 * goQueryEscape('https://app/x?a=b') // 'https%3A%2F%2Fapp%2Fx%3Fa%3Db'
 */
export function goQueryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+')
}

/** Go's `url.QueryUnescape`; null when an escape is invalid. */
function queryUnescape(s: string): string | null {
  const bytes: number[] = []
  const raw = new TextEncoder().encode(s)
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]
    if (b === 0x25) {
      const hex = String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0)
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null
      bytes.push(parseInt(hex, 16))
      i += 2
    } else bytes.push(b === 0x2b ? 0x20 : b)
  }
  return new TextDecoder().decode(new Uint8Array(bytes))
}

/**
 * `r.URL.Query()`: the first value per key, pairs with a bad %-escape or a `;` silently dropped (Go ≥ 1.17).
 * @example
 * goQuery(new URL('http://x/?token=%zz&return_to=%2Fa')).get('token') // undefined
 */
export function goQuery(url: URL): Map<string, string> {
  const out = new Map<string, string>()
  for (const pair of url.search.replace(/^\?/, '').split('&')) {
    if (pair === '' || pair.includes(';')) continue
    const eq = pair.indexOf('=')
    const key = queryUnescape(eq < 0 ? pair : pair.slice(0, eq))
    const value = queryUnescape(eq < 0 ? '' : pair.slice(eq + 1))
    if (key === null || value === null) continue
    if (!out.has(key)) out.set(key, value)
  }
  return out
}

/** A URL as Go's `net/url` parses and prints it (no WHATWG normalisation: `https://a.example` keeps its empty path). */
export interface GoUrl {
  scheme: string
  /** `user@host:port`, or '' when there is no authority. */
  authority: string
  /** Host with port, as Go's `URL.Host`. */
  host: string
  /** Decoded path (what Go matches the allow-list against). */
  path: string
  /** The path as written (what Go prints back). */
  rawPath: string
  rawQuery: string
  hasQuery: boolean
  fragment: string | null
}

const PATH_OK = /[A-Za-z0-9\-._~!$&'()*+,;=:@/%]/

function escapePath(path: string): string {
  let out = ''
  for (const ch of path) out += PATH_OK.test(ch) ? ch : encodeURIComponent(ch)
  return out
}

/** Go's `URL.String()`. */
export function formatGoUrl(u: GoUrl): string {
  let out = u.scheme ? `${u.scheme}:` : ''
  if (u.scheme || u.host) out += `//${u.authority || u.host}`
  let path = escapePath(u.rawPath)
  if (path !== '' && !path.startsWith('/') && u.host !== '') path = '/' + path
  out += path
  if (u.hasQuery) out += `?${u.rawQuery}`
  if (u.fragment !== null) out += `#${u.fragment}`
  return out
}

/**
 * Go's `url.Parse`: the parsed URL, or the text of Go's `*url.Error` (`parse "<raw>": <reason>`).
 * @example
 * parseGoUrl('%zz') // { error: 'parse "%zz": invalid URL escape "%zz"' }
 */
export function parseGoUrl(raw: string): { url: GoUrl } | { error: string } {
  const fail = (reason: string) => ({ error: `parse ${goQuote(raw)}: ${reason}` })
  if (/[\x00-\x1f\x7f]/.test(raw)) return fail('net/url: invalid control character in URL')
  const badEscape = /%(?![0-9a-fA-F]{2})/.exec(raw)
  if (badEscape) return fail(`invalid URL escape ${goQuote(raw.slice(badEscape.index, badEscape.index + 3))}`)
  let rest = raw
  let fragment: string | null = null
  const hash = rest.indexOf('#')
  if (hash >= 0) [rest, fragment] = [rest.slice(0, hash), rest.slice(hash + 1)]
  if (rest === '' && fragment === null) return { url: { scheme: '', authority: '', host: '', path: '', rawPath: '', rawQuery: '', hasQuery: false, fragment } }
  let scheme = ''
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest)
  if (rest.startsWith(':')) return fail('missing protocol scheme')
  if (schemeMatch) [scheme, rest] = [schemeMatch[1].toLowerCase(), rest.slice(schemeMatch[0].length)]
  let rawQuery = ''
  let hasQuery = false
  const q = rest.indexOf('?')
  if (q >= 0) [rest, rawQuery, hasQuery] = [rest.slice(0, q), rest.slice(q + 1), true]
  let authority = ''
  let host = ''
  if (rest.startsWith('//') && (scheme !== '' || !rest.startsWith('///'))) {
    const end = rest.slice(2).search(/\//)
    authority = end < 0 ? rest.slice(2) : rest.slice(2, end + 2)
    rest = end < 0 ? '' : rest.slice(end + 2)
    const parsedAuthority = parseGoAuthority(authority)
    if ('reason' in parsedAuthority) return fail(parsedAuthority.reason)
    host = parsedAuthority.authority.host
    authority = formatGoAuthority(parsedAuthority.authority)
  } else if (scheme === '' && rest.split('/')[0].includes(':')) {
    return fail('first path segment in URL cannot contain colon')
  }
  let path: string
  try {
    path = decodeURIComponent(rest)
  } catch {
    path = rest
  }
  return { url: { scheme, authority, host, path, rawPath: rest, rawQuery, hasQuery, fragment } }
}

/**
 * A Go `time.Time` in JSON: RFC 3339 in UTC with trailing zero fractions trimmed.
 * @example
 * goTime(Date.parse('2025-01-15T10:30:00.120Z')) // '2025-01-15T10:30:00.12Z'
 */
export function goTime(ms: number): string {
  const iso = new Date(ms).toISOString()
  const dot = iso.lastIndexOf('.')
  const fraction = iso.slice(dot + 1, -1).replace(/0{1,3}$/, '')
  return `${iso.slice(0, dot)}${fraction ? `.${fraction}` : ''}Z`
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;' }

/** `http.Redirect`'s escaping of the Location inside its HTML body. */
export function htmlEscape(s: string): string {
  return s.replace(/[&'<>"]/g, (c) => HTML_ESCAPES[c])
}

const JSON_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' }

/**
 * `json.NewEncoder(w).Encode(v)` as herodot writes bodies: Go escapes `<`, `>`, `&`, U+2028 and U+2029 inside
 * strings and ends the document with a newline.
 * @example
 * goJson({ url: 'https://x/?a=1&b=2' }) // '{"url":"https://x/?a=1\\u0026b=2"}\n'
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => JSON_ESCAPES[c]) + '\n'
}
