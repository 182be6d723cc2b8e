/**
 * HMAC-SHA256 (FIPS 180-4, RFC 2104), synchronous. Web Crypto would do, but in Node every `crypto.subtle` call costs
 * tens of microseconds of promise and argument plumbing, which dominated the logout hot path. Under Node the native
 * `node:crypto` HMAC is used, reached through `process.getBuiltinModule` (no import, so browser bundles stay free of
 * Node modules); elsewhere (a browser worker) the plain-JavaScript implementation below runs.
 */
import type * as NodeCrypto from 'node:crypto'

const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | typeof NodeCrypto
  | undefined
// Int32 storage keeps every value a small integer for V8 (Uint32 values above 2^31 would be doubles).
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])
const W = new Int32Array(64)

/**
 * SHA-256 of a byte array.
 * @example
 * sha256(new TextEncoder().encode('abc')) // ba7816bf…f20015ad (32 bytes)
 */
export function sha256(message: Uint8Array): Uint8Array {
  const length = message.length
  const padded = new Uint8Array(((length + 9 + 63) >> 6) << 6)
  padded.set(message)
  padded[length] = 0x80
  const bits = length * 8
  const end = padded.length
  padded[end - 5] = Math.floor(bits / 0x100000000) & 0xff
  padded[end - 4] = (bits >>> 24) & 0xff
  padded[end - 3] = (bits >>> 16) & 0xff
  padded[end - 2] = (bits >>> 8) & 0xff
  padded[end - 1] = bits & 0xff
  let h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a
  let h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19
  for (let off = 0; off < end; off += 64) {
    for (let t = 0, j = off; t < 16; t++, j += 4) W[t] = (padded[j] << 24) | (padded[j + 1] << 16) | (padded[j + 2] << 8) | padded[j + 3]
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15], w2 = W[t - 2]
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3)
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10)
      W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
      const ch = (e & f) ^ (~e & g)
      const t1 = (h + S1 + ch + K[t] + W[t]) | 0
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
      const maj = (a & b) ^ (a & c) ^ (b & c)
      const t2 = (S0 + maj) | 0
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0
  }
  const out = new Uint8Array(32)
  const words = [h0, h1, h2, h3, h4, h5, h6, h7]
  for (let i = 0; i < 8; i++) {
    const v = words[i]
    out[i * 4] = v >>> 24
    out[i * 4 + 1] = (v >>> 16) & 0xff
    out[i * 4 + 2] = (v >>> 8) & 0xff
    out[i * 4 + 3] = v & 0xff
  }
  return out
}

/** Inner and outer padded keys, computed once per secret. */
const pads = new Map<string, { inner: Uint8Array; outer: Uint8Array }>()
const encoder = new TextEncoder()

function padsFor(secret: string) {
  let p = pads.get(secret)
  if (!p) {
    let key: Uint8Array = encoder.encode(secret)
    if (key.length > 64) key = sha256(key)
    const inner = new Uint8Array(64).fill(0x36)
    const outer = new Uint8Array(64).fill(0x5c)
    for (let i = 0; i < key.length; i++) {
      inner[i] ^= key[i]
      outer[i] ^= key[i]
    }
    if (pads.size > 1000) pads.clear()
    pads.set(secret, (p = { inner, outer }))
  }
  return p
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/**
 * HMAC-SHA256 of `message` under `secret` (UTF-8): native under Node, JavaScript elsewhere.
 * @example
 * hmacSha256('key', new TextEncoder().encode('The quick brown fox jumps over the lazy dog')) // f7bc83f4…2d1a3cd8
 */
export function hmacSha256(secret: string, message: Uint8Array): Uint8Array {
  if (nodeCrypto) return new Uint8Array(nodeCrypto.createHmac('sha256', secret).update(message).digest())
  return hmacSha256Js(secret, message)
}

/**
 * The plain-JavaScript HMAC-SHA256 (what a browser runs; exported so tests check it against OpenSSL).
 * @example
 * hmacSha256Js('key', new TextEncoder().encode('abc'))
 */
export function hmacSha256Js(secret: string, message: Uint8Array): Uint8Array {
  const { inner, outer } = padsFor(secret)
  return sha256(concat(outer, sha256(concat(inner, message))))
}

/** Compares two byte arrays in time independent of where they differ. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i]
  return diff === 0
}
