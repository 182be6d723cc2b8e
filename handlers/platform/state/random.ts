/**
 * Random values for ids and tokens: cryptographically random by default, reproducible when a seed is given (so
 * snapshots of bodies with request ids or tokens stay stable across runs).
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** `length` characters from `alphabet`. */
  string(length: number, alphabet?: string): string
  /** `length` lowercase hex characters. */
  hex(length: number): string
  /** An RFC 4122 version-4 UUID. */
  uuid(): string
  /** Back to the initial seed (no effect when unseeded). */
  reset(): void
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Creates a random source; with a seed, the sequence is deterministic (mulberry32).
 * @example
 * const random = createRandom(42)
 * random.string(32) // the same 32 alphanumerics on every run
 */
export function createRandom(seed?: number): Random {
  let a = seed ?? 0
  const seeded = seed !== undefined
  // Unseeded values come from the platform CSPRNG, fetched in batches (one call per value was a hot spot).
  const pool = new Uint32Array(1024)
  let poolIndex = pool.length
  const next = (): number => {
    if (!seeded) {
      if (poolIndex === pool.length) {
        crypto.getRandomValues(pool)
        poolIndex = 0
      }
      return pool[poolIndex++] / 4294967296
    }
    a = (a + 0x6d2b79f5) | 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  // Built from char codes in one go: appending a character at a time makes a chain of V8 cons strings, which every
  // stored token and id would keep (about 1 KiB for a 32-character token until something flattens it).
  const codes: number[] = []
  const string = (length: number, alphabet = ALNUM): string => {
    codes.length = length
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(Math.floor(next() * alphabet.length))
    return String.fromCharCode.apply(null, codes)
  }
  const hex = (length: number) => string(length, '0123456789abcdef')
  return {
    next,
    string,
    hex,
    uuid() {
      const h = hex(32)
      const variant = '89ab'[Math.floor(next() * 4)]
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
    },
    reset() {
      a = seed ?? 0
    },
  }
}
