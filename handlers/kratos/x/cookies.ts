/**
 * Kratos's cookies (x/nosurfx/nosurf.go, session/manager_http.go), serialised in Go's `http.Cookie.String()` order — Path, Domain,
 * Expires, Max-Age, HttpOnly, Secure, SameSite:
 * - the session cookie `ory_kratos_session` (configurable), issued at login and cleared at logout with the same
 *   Path/Domain/Secure/SameSite it was issued with;
 * - nosurf's anti-CSRF cookie `csrf_token_<sha256 hex of the public base URL>`, a base64 32-byte token, with the
 *   masked (one-time-pad) form of that token in forms and flows.
 */
import { parseCookies, serializeCookie, EPOCH_EXPIRES } from '../../platform/http/cookies.ts'
import { httpDate } from '../../platform/http/http-date.ts'
import { equalBytes, sha256 } from '../../platform/crypto/hmac-sha256.ts'
import type { Random } from '../../platform/state/random.ts'
import type { KratosConfig } from '../config.ts'
import type { IncomingRequest } from '../../platform/http/buffered-request.ts'

/** nosurf's MaxAge: one year. */
const CSRF_MAX_AGE = 31_536_000
const TOKEN_BYTES = 32

/**
 * The CSRF cookie name for a public base URL (computed once per instance, see site.ts). Kratos hashes
 * `serve.public.base_url` as a string; the mock hashes the resolved base URL **with a trailing slash**
 * (`http://127.0.0.1:4433/`), which is the string Kratos's own default base URL (`http://<host>:4433/`, path `/`)
 * produces (`csrf_token_806060ca…` for the default `http://127.0.0.1:4433/`).
 * @example
 * csrfCookieName('http://127.0.0.1:4433') // 'csrf_token_806060ca5bf70dff3caa0e5c860002aade9d470a5a4dce73bcfa7ba10778f481'
 */
export function csrfCookieName(baseUrl: string): string {
  const digest = sha256(new TextEncoder().encode(baseUrl.replace(/(?<!\/)\/*$/, '/')))
  return 'csrf_token_' + Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

function bytesFrom(random: Random, n: number): Uint8Array {
  const hex = random.hex(n * 2)
  return Uint8Array.from({ length: n }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16))
}

const toBase64 = (b: Uint8Array) => btoa(String.fromCharCode(...b))
function fromBase64(s: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

/** The real token behind a CSRF cookie value, or null when the value is not a valid nosurf token. */
export function realToken(cookieValue: string | undefined): Uint8Array | null {
  const bytes = cookieValue === undefined ? null : fromBase64(cookieValue)
  return bytes && bytes.length === TOKEN_BYTES ? bytes : null
}

/** A fresh nosurf token: the cookie value (base64 of 32 random bytes). */
export function mintCsrfToken(random: Random): string {
  return toBase64(bytesFrom(random, TOKEN_BYTES))
}

/** nosurf's masked token for forms: base64(otp ‖ otp⊕real). Different on every call, verifiable against the cookie. */
export function maskCsrfToken(real: Uint8Array, random: Random): string {
  const otp = bytesFrom(random, TOKEN_BYTES)
  return toBase64(Uint8Array.from([...otp, ...real.map((b, i) => b ^ otp[i])]))
}

/** nosurf's `unmaskToken`: a 64-byte sent token is otp ‖ (otp ⊕ real). */
function unmask(masked: Uint8Array): Uint8Array {
  return masked.slice(TOKEN_BYTES).map((b, i) => b ^ masked[i])
}

/**
 * nosurf's exported `VerifyToken`, which Kratos's flows use for their `csrf_token` field: the sent token, masked or
 * raw, stands for the cookie's real token.
 * @example
 * verifyCsrfToken(real, maskCsrfToken(real, random)) // true
 */
export function verifyCsrfToken(real: Uint8Array, sent: string): boolean {
  const bytes = fromBase64(sent)
  if (!bytes) return false
  if (bytes.length === TOKEN_BYTES * 2) return equalBytes(unmask(bytes), real)
  return bytes.length === TOKEN_BYTES && equalBytes(bytes, real)
}

/**
 * The middleware's own check (nosurf's unexported `verifyToken`): only a masked token passes — the raw cookie value
 * sent back as `X-CSRF-Token` does not.
 * @example
 * verifyMaskedCsrfToken(real, maskCsrfToken(real, random)) // true
 */
export function verifyMaskedCsrfToken(real: Uint8Array, sent: string): boolean {
  const bytes = fromBase64(sent)
  return bytes !== null && bytes.length === TOKEN_BYTES * 2 && equalBytes(unmask(bytes), real)
}

/** The CSRF cookie as nosurf sets it (SameSite forced to Lax when not secure). */
export function csrfSetCookie(name: string, value: string, config: KratosConfig): string {
  return serializeCookie(name, value, [
    ['Path', config.cookiePath],
    config.cookieDomain ? ['Domain', config.cookieDomain] : null,
    ['Max-Age', CSRF_MAX_AGE],
    'HttpOnly',
    config.cookieSecure && 'Secure',
    ['SameSite', config.cookieSecure ? config.sameSite : 'Lax'],
  ])
}

/** The CSRF cookie the request carries (its raw value), if any. */
export function requestCsrfCookie(request: IncomingRequest, cookieName: string): string | undefined {
  return parseCookies(request.headers.get('cookie'))[cookieName]
}

/** The session cookie set at login: persistent, expiring with the session. */
export function sessionSetCookie(value: string, expiresAt: number, maxAge: number, config: KratosConfig): string {
  return serializeCookie(config.sessionCookieName, value, [
    ['Path', config.cookiePath],
    config.cookieDomain ? ['Domain', config.cookieDomain] : null,
    ['Expires', httpDate(expiresAt)],
    ['Max-Age', maxAge],
    'HttpOnly',
    config.cookieSecure && 'Secure',
    ['SameSite', config.sameSite],
  ])
}

/** The session cookie cleared (`MaxAge=-1` in Go), with the attributes it was issued with. */
export function sessionClearCookie(config: KratosConfig): string {
  return serializeCookie(config.sessionCookieName, '', [
    ['Path', config.cookiePath],
    config.cookieDomain ? ['Domain', config.cookieDomain] : null,
    ['Expires', EPOCH_EXPIRES],
    ['Max-Age', 0],
    'HttpOnly',
    config.cookieSecure && 'Secure',
    ['SameSite', config.sameSite],
  ])
}
