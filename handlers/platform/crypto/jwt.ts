/**
 * Compact JWTs signed with HS256 (works in Node and in a browser worker). Verification is strict: only `alg: HS256`, a
 * well-formed three-part token, a valid signature; `alg: none` and other algorithms are rejected.
 */
import { equalBytes, hmacSha256 } from './hmac-sha256.ts'
import { FifoMap } from '../../../model/fifo-map.ts'

export type JwtClaims = Record<string, unknown> & { exp?: number; iat?: number; sub?: string }

export type JwtVerdict =
  | { ok: true; claims: JwtClaims; header: Record<string, unknown> }
  | { ok: false; reason: 'malformed' | 'algorithm' | 'signature' }

const encoder = new TextEncoder()
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decoding and verifying are pure functions of their inputs, and a request often looks at the same token more than
 * once (is it a JWT? is it valid?), as does a client replaying its cookie. A bounded memo keeps the work to once; a
 * token this process signs is entered at signing time, so the mock never re-verifies what it issued itself (the
 * verdict is the same by construction).
 *
 * Bounded for the whole process, however many instances and secrets: 32,768 tokens and 16 MiB of token text, oldest out
 * first (the mocks' own tokens are ~300 characters: ~22 MB with what is known of them). The byte bound is for tokens
 * clients make up: any cookie value is decoded to tell a JWT from junk, and 32,768 junk values of 8 KiB would pin
 * 256 MiB. (65,536 per secret, measured in a soak, kept ~150 MB across four secrets; a miss costs one native HMAC.)
 */
const MEMO_LIMIT = 32_768
const MEMO_BYTES = 16 * 1024 * 1024

/** What the memo knows of one token: its decoding, and its verdict against the secret it was last checked with. */
interface TokenFacts {
  readonly token: string
  readonly jwt: { header: Record<string, unknown>; claims: JwtClaims } | null
  secret?: string
  verdict?: JwtVerdict
}

/**
 * One map for both facts, so decoding and then verifying a token is one lookup; the two tokens looked at last are
 * checked first (a request decodes its access and refresh cookies, then verifies the access one: the string is the
 * same object, so that check is a pointer comparison). Eviction is first in, first out (model/fifo-map.ts).
 */
const facts = new FifoMap<string, TokenFacts>()
/** Characters of all the tokens kept (a UTF-16 unit counted as a byte: tokens are ASCII). */
let bytes = 0
let recent: [TokenFacts | undefined, TokenFacts | undefined] = [undefined, undefined]

function known(token: string): TokenFacts | undefined {
  if (recent[0]?.token === token) return recent[0]
  if (recent[1]?.token === token) return recent[1]
  const f = facts.get(token)
  if (f) recent = [f, recent[0]]
  return f
}

function remember(f: TokenFacts): TokenFacts {
  if (!facts.has(f.token)) {
    while (facts.size > 0 && (facts.size >= MEMO_LIMIT || bytes + f.token.length > MEMO_BYTES)) bytes -= facts.shift()![0].length
    bytes += f.token.length
  }
  facts.set(f.token, f)
  recent = [f, recent[0]]
  return f
}

/**
 * @internal What the memo holds now, for the bounded-memory test.
 * @example
 * jwtMemoSize() // { tokens: 2, bytes: 612 }
 */
export function jwtMemoSize(): { tokens: number; bytes: number } {
  return { tokens: facts.size, bytes }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const ALPHABET_CODES = encoder.encode(ALPHABET)
const ascii = new TextDecoder()

/**
 * Unpadded base64url of bytes (RFC 7515 §2).
 * @example
 * base64url(new TextEncoder().encode('{"alg":"HS256"}')) // 'eyJhbGciOiJIUzI1NiJ9'
 */
export function base64url(bytes: Uint8Array): string {
  // Written into bytes and decoded once: a string grown with += is a chain of cons cells (kilobytes for one token)
  // that stays unflattened wherever it is kept, e.g. in a Set-Cookie line the journal holds.
  const n = bytes.length
  const out = new Uint8Array(Math.ceil((n * 4) / 3))
  let o = 0
  let i = 0
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out[o++] = ALPHABET_CODES[v >> 18]
    out[o++] = ALPHABET_CODES[(v >> 12) & 63]
    out[o++] = ALPHABET_CODES[(v >> 6) & 63]
    out[o++] = ALPHABET_CODES[v & 63]
  }
  if (i < n) {
    const v = (bytes[i] << 16) | (i + 1 < n ? bytes[i + 1] << 8 : 0)
    out[o++] = ALPHABET_CODES[v >> 18]
    out[o++] = ALPHABET_CODES[(v >> 12) & 63]
    if (i + 1 < n) out[o++] = ALPHABET_CODES[(v >> 6) & 63]
  }
  return ascii.decode(out.subarray(0, o))
}

const SEXTET = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) SEXTET[ALPHABET.charCodeAt(i)] = i

/** Strict unpadded base64url decoding (null on any other character or an impossible length). */
function fromBase64url(s: string): Uint8Array | null {
  const n = s.length
  if (n % 4 === 1) return null
  const out = new Uint8Array((n * 3) >> 2)
  let bits = 0
  let acc = 0
  let o = 0
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    const v = c < 128 ? SEXTET[c] : -1
    if (v < 0) return null
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  return out
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
 * const token = signJwt({ sub: 'u1', exp: 1700000000 }, 'secret')
 */
export function signJwt(claims: JwtClaims, secret: string): string {
  const headerJson = JSON.stringify({ alg: 'HS256', typ: 'JWT' })
  const claimsJson = JSON.stringify(claims)
  const head = base64url(encoder.encode(headerJson))
  const body = base64url(encoder.encode(claimsJson))
  const token = `${head}.${body}.${base64url(hmacSha256(secret, encoder.encode(`${head}.${body}`)))}`
  // What decoding and verifying this token will find, parsed from the very JSON it carries.
  const jwt = Object.freeze({ header: Object.freeze(JSON.parse(headerJson) as Record<string, unknown>), claims: Object.freeze(JSON.parse(claimsJson) as JwtClaims) })
  remember({ token, jwt, secret, verdict: { ok: true, claims: jwt.claims, header: jwt.header } })
  return token
}

/** Decodes a JWT's header and claims without checking the signature (null when it is not a JWT). */
export function decodeJwt(token: string): { header: Record<string, unknown>; claims: JwtClaims } | null {
  if (token.length > 8192) return null
  return (known(token) ?? remember({ token, jwt: decodeUncached(token) })).jwt
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
 * const v = verifyJwt(token, 'secret')
 * if (v.ok && (v.claims.exp ?? 0) * 1000 > clock.now()) { … }
 */
export function verifyJwt(token: string, secret: string): JwtVerdict {
  const f = token.length > 8192 ? undefined : known(token)
  if (f?.verdict !== undefined && f.secret === secret) return f.verdict
  const verdict = verifyUncached(token, secret)
  if (token.length <= 8192) {
    const entry = f ?? remember({ token, jwt: decodeJwt(token) })
    entry.secret = secret
    entry.verdict = verdict
  }
  return verdict
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

export type AccessVerdict =
  | { ok: true; claims: JwtClaims }
  | { ok: false; reason: 'malformed' | 'algorithm' | 'signature' | 'wrong-type' | 'no-expiry' | 'expired' }

/**
 * Verifies a token the way a provider accepts it for a purpose: a valid HS256 signature, the expected `typ` claim, and
 * a numeric `exp` still in the future on the given clock time (epoch ms). A token without `exp` is not "expired":
 * it was never a valid access token (`no-expiry`).
 * @example
 * const v = verifyAccessJwt(token, secret, { typ: 'access', now: ctx.clock.now() })
 * if (!v.ok && v.reason === 'expired') return { behaviour: 'tokenExpired' }
 */
export function verifyAccessJwt(token: string, secret: string, expect: { typ: string; now: number }): AccessVerdict {
  const verdict = verifyJwt(token, secret)
  if (!verdict.ok) return verdict
  if (verdict.claims.typ !== expect.typ) return { ok: false, reason: 'wrong-type' }
  if (typeof verdict.claims.exp !== 'number') return { ok: false, reason: 'no-expiry' }
  if (verdict.claims.exp * 1000 <= expect.now) return { ok: false, reason: 'expired' }
  return { ok: true, claims: verdict.claims }
}
