/**
 * Compact JWTs signed with HS256 (works in Node and in a browser worker). Verification is strict: only `alg: HS256`, a
 * well-formed three-part token, a valid signature; `alg: none` and other algorithms are rejected.
 */
import { equalBytes, hmacSha256 } from './hmac-sha256.ts'

export type JwtClaims = Record<string, unknown> & { exp?: number; iat?: number; sub?: string }

export type JwtVerdict =
  | { ok: true; claims: JwtClaims; header: Record<string, unknown> }
  | { ok: false; reason: 'malformed' | 'algorithm' | 'signature' }

const encoder = new TextEncoder()
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decoding and verifying are pure functions of their inputs, and a request often looks at the same token more than
 * once (is it a JWT? is it valid?), as does a client replaying its cookie. A small bounded memo keeps the work to once.
 */
const MEMO_LIMIT = 4096
function memo<V>() {
  const map = new Map<string, V>()
  return {
    get: (k: string) => map.get(k),
    set(k: string, v: V) {
      if (map.size >= MEMO_LIMIT) map.clear()
      map.set(k, v)
      return v
    },
  }
}
const decoded = memo<{ header: Record<string, unknown>; claims: JwtClaims } | null>()
const verified = memo<JwtVerdict>()

export function base64url(bytes: Uint8Array): string {
  let bin = ''
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i])
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4))
    const out = new Uint8Array(bin.length)
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
    return out
  } catch {
    return null
  }
}

function jsonPart(s: string): Record<string, unknown> | null {
  const bytes = fromBase64url(s)
  if (!bytes) return null
  try {
    const v: unknown = JSON.parse(strictUtf8.decode(bytes))
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * Signs claims as an HS256 JWT.
 * @example
 * const token = await signJwt({ sub: 'u1', exp: 1700000000 }, 'secret')
 */
export async function signJwt(claims: JwtClaims, secret: string): Promise<string> {
  const head = base64url(encoder.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })))
  const body = base64url(encoder.encode(JSON.stringify(claims)))
  return `${head}.${body}.${base64url(hmacSha256(secret, encoder.encode(`${head}.${body}`)))}`
}

/** Decodes a JWT's header and claims without checking the signature (null when it is not a JWT). */
export function decodeJwt(token: string): { header: Record<string, unknown>; claims: JwtClaims } | null {
  if (token.length > 8192) return null
  const known = decoded.get(token)
  if (known !== undefined) return known
  return decoded.set(token, decodeUncached(token))
}

function decodeUncached(token: string): { header: Record<string, unknown>; claims: JwtClaims } | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const header = jsonPart(parts[0])
  const claims = jsonPart(parts[1])
  if (!header || !claims || fromBase64url(parts[2]) === null) return null
  // Shared through the memo: frozen so no caller can change what the next one sees.
  return Object.freeze({ header: Object.freeze(header), claims: Object.freeze(claims) as JwtClaims })
}

/**
 * Verifies an HS256 JWT. Expiry is not checked here: callers compare `claims.exp` with the platform clock.
 * @example
 * const v = await verifyJwt(token, 'secret')
 * if (v.ok && (v.claims.exp ?? 0) * 1000 > clock.now()) { … }
 */
export async function verifyJwt(token: string, secret: string): Promise<JwtVerdict> {
  const key = `${secret}\u0000${token}`
  return verified.get(key) ?? verified.set(key, verifyUncached(token, secret))
}

function verifyUncached(token: string, secret: string): JwtVerdict {
  const jwt = decodeJwt(token)
  if (!jwt) return { ok: false, reason: 'malformed' }
  if (jwt.header.alg !== 'HS256') return { ok: false, reason: 'algorithm' }
  const [head, body, sig] = token.split('.')
  const sigBytes = fromBase64url(sig)!
  const valid = equalBytes(sigBytes, hmacSha256(secret, encoder.encode(`${head}.${body}`)))
  return valid ? { ok: true, claims: jwt.claims, header: jwt.header } : { ok: false, reason: 'signature' }
}
