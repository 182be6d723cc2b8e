/**
 * Go's `net/url` for the authority of a URL (`parseAuthority`, `parseHost`, `validUserinfo`, and the escaping of
 * `Userinfo.String()` and `URL.String()` for the host), which Kratos's `return_to` check relies on: a `\` or any
 * character RFC 3986 does not allow in the userinfo makes `url.Parse` fail ("net/url: invalid userinfo"), so real
 * Kratos answers 400 where a lenient parser would let `http://evil.example\@allowed.example/` through the allow-list.
 * Written from Go's documented behaviour (RFC 3986 §3.2.1, §3.2.2) and its error texts.
 */
import { goQuote } from './go-quote.ts'

/** The authority as Go holds it: the host unescaped (what the allow-list compares), the userinfo when present. */
export interface GoAuthority {
  /** `URL.Host`: host and port, %-escapes decoded. */
  readonly host: string
  /** The userinfo as written (before the last `@`), or null. */
  readonly userinfo: string | null
}

const ALNUM = /[A-Za-z0-9]/
/** RFC 3986 userinfo characters Go's `validUserinfo` accepts besides letters and digits (it checks %-escapes later). */
const USERINFO_MARKS = new Set([...`-._:~!$&'()*+,;=%@`])
/** Characters Go leaves unescaped in a host (sub-delims, `:`, brackets, and the three it cannot escape). */
const HOST_MARKS = new Set([...`-._~!$&'()*+,;=:[]<>"`])

/** Go's `validOptionalPort`: empty, or `:` and digits. */
function validOptionalPort(port: string): boolean {
  if (port === '') return true
  if (port[0] !== ':') return false
  for (let i = 1; i < port.length; i++) if (port[i] < '0' || port[i] > '9') return false
  return true
}

/** Go's `unescape(s, encodeHost)`: %XX only for bytes ≥ 0x80 (or `%25`), no ASCII a host may not hold. */
function unescapeHost(host: string): { value: string } | { reason: string } {
  const bytes: number[] = []
  const raw = new TextEncoder().encode(host)
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]
    if (b === 0x25) {
      const hex = String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0)
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return { reason: `invalid URL escape ${goQuote(new TextDecoder().decode(raw.slice(i, i + 3)))}` }
      if (parseInt(hex[0], 16) < 8 && hex !== '25') return { reason: `invalid URL escape ${goQuote(`%${hex}`)}` }
      bytes.push(parseInt(hex, 16))
      i += 2
      continue
    }
    const c = String.fromCharCode(b)
    if (b < 0x80 && !ALNUM.test(c) && !HOST_MARKS.has(c)) return { reason: `invalid character ${goQuote(c)} in host name` }
    bytes.push(b)
  }
  return { value: new TextDecoder().decode(new Uint8Array(bytes)) }
}

/** Go's `parseHost`. */
function parseHost(host: string): { value: string } | { reason: string } {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']')
    if (close < 0) return { reason: "missing ']' in host" }
    const colonPort = host.slice(close + 1)
    if (!validOptionalPort(colonPort)) return { reason: `invalid port ${goQuote(colonPort)} after host` }
  } else {
    const colon = host.lastIndexOf(':')
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) return { reason: `invalid port ${goQuote(host.slice(colon))} after host` }
  }
  return unescapeHost(host)
}

/** Go's `validUserinfo` (RFC 3986 §3.2.1; `@` is allowed: the host starts after the last one). */
function validUserinfo(userinfo: string): boolean {
  for (const ch of userinfo) if (!ALNUM.test(ch) && !USERINFO_MARKS.has(ch)) return false
  return true
}

/**
 * Go's `parseAuthority`: the host is checked first, then the userinfo. Returns the reason text of Go's error.
 * @example
 * parseGoAuthority('evil.example\\@app.example') // { reason: 'net/url: invalid userinfo' }
 * parseGoAuthority('app.example:4455') // { authority: { host: 'app.example:4455', userinfo: null } }
 */
export function parseGoAuthority(authority: string): { authority: GoAuthority } | { reason: string } {
  const at = authority.lastIndexOf('@')
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1))
  if ('reason' in host) return host
  if (at < 0) return { authority: { host: host.value, userinfo: null } }
  const userinfo = authority.slice(0, at)
  if (!validUserinfo(userinfo)) return { reason: 'net/url: invalid userinfo' }
  return { authority: { host: host.value, userinfo } }
}

const hex = (b: number) => '%' + b.toString(16).toUpperCase().padStart(2, '0')

/** Go's `escape(s, mode)` for the two modes an authority prints with. */
function escape(s: string, keep: (c: string) => boolean): string {
  let out = ''
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b)
    out += b < 0x80 && keep(c) ? c : hex(b)
  }
  return out
}

/** Go's `url.PathUnescape` of one userinfo part, lenient (the escapes were checked when the URL was read). */
function unescapeUserPart(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * How Go's `URL.String()` prints an authority: `Userinfo.String()` (escaped for `encodeUserPassword`) and `@`, then
 * the host escaped for `encodeHost` (every non-ASCII byte as %XX).
 * @example
 * formatGoAuthority({ host: 'exämple.com', userinfo: null }) // 'ex%C3%A4mple.com'
 */
export function formatGoAuthority(a: GoAuthority): string {
  const host = escape(a.host, (c) => ALNUM.test(c) || HOST_MARKS.has(c))
  if (a.userinfo === null) return host
  const userChar = (c: string) => ALNUM.test(c) || '-_.~$&+,;='.includes(c)
  const colon = a.userinfo.indexOf(':')
  const user = escape(unescapeUserPart(colon < 0 ? a.userinfo : a.userinfo.slice(0, colon)), userChar)
  const password = colon < 0 ? '' : ':' + escape(unescapeUserPart(a.userinfo.slice(colon + 1)), userChar)
  return `${user}${password}@${host}`
}
