/**
 * How long records live and how many a store may hold. Every store that grows with traffic (sessions, tokens, flows,
 * revocations, stored errors, guests) is created with these, so memory stays bounded however long the server runs:
 * records leave on the platform clock once their lifetime (plus `keepExpiredMs`) has passed, and past `maxRecords`
 * (or, for the stores that hold what clients send, past `maxStoreBytes`) the oldest record is evicted with one log
 * line and counted in `/__mock/state`.
 */

/** The part of the platform clock a store reads. */
export interface StoreClock {
  now(): number
  /** When the clock started (fixtures are stamped with it, so every reset seeds the same records). */
  readonly startedAt?: number
}

export interface StoreLimits {
  readonly clock: StoreClock
  /** Most records one store keeps; the oldest is evicted past it. */
  readonly maxRecords: number
  /**
   * How long a record stays after its lifetime ended, so that "expired" stays distinguishable from "unknown" (several
   * vendors answer the two differently) until the record is dropped.
   */
  readonly keepExpiredMs: number
  /** Where the one eviction line per store goes. */
  readonly log: (line: string) => void
  /**
   * Byte budget of each store that measures its records (those holding what a client sent: bodies, URLs); past it
   * the oldest record is evicted as past `maxRecords`. Default `DEFAULT_MAX_STORE_BYTES`.
   */
  readonly maxStoreBytes?: number
  /** Live records evicted per store (by name) since the last reset, for `/__mock/state`. */
  readonly evictions?: Map<string, number>
}

/** Default cap per store: generous for a mock (a QA session or a soak), small enough to stay in tens of MB. */
export const DEFAULT_MAX_RECORDS = 100_000
/**
 * Default byte budget of a measured store (Rested.dev users and records, Kratos login flows and stored errors): 16 MiB
 * of the JSON text and strings a client sent, so those four stay under 64 MiB of payload whatever is posted.
 */
export const DEFAULT_MAX_STORE_BYTES = 16 * 1024 * 1024

/** Default time an expired record is still recognised as expired: one day on the platform clock. */
export const DEFAULT_KEEP_EXPIRED_MS = 86_400_000

/**
 * Limits from the instance's options, with the defaults filled in.
 * @example
 * const limits = storeLimits(clock, { maxRecords: 10_000 })
 * createExpiringTable('dreadnode.sessions', ['id'], { limits, expiresAt: (s) => s.expiresAt })
 */
export function storeLimits(clock: StoreClock, options: { maxRecords?: number; keepExpiredMs?: number; maxStoreBytes?: number; log?: (line: string) => void } = {}): StoreLimits {
  const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS
  const keepExpiredMs = options.keepExpiredMs ?? DEFAULT_KEEP_EXPIRED_MS
  if (!Number.isInteger(maxRecords) || maxRecords < 1) throw new TypeError(`maxRecords must be a positive integer, got ${String(maxRecords)}`)
  if (!Number.isInteger(keepExpiredMs) || keepExpiredMs < 0) throw new TypeError(`keepExpiredMs must be a non-negative integer, got ${String(keepExpiredMs)}`)
  return { clock, maxRecords, keepExpiredMs, log: options.log ?? ((line) => console.warn(line)), maxStoreBytes: options.maxStoreBytes ?? DEFAULT_MAX_STORE_BYTES, evictions: new Map() }
}
