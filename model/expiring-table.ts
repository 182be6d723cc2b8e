/**
 * A table whose records expire: the same `Table` interface as `createTable`, for the stores that grow with traffic.
 *
 * It keeps records in insertion-ordered Maps instead of an `@msw/data` collection. Expiry needs deletes, and an
 * `@msw/data` delete finds the record with a scan of its array and splices it out (O(n)): pruning a table of 100k
 * sessions that way costs milliseconds per deleted record, so expiring records is only affordable on a Map, where a
 * delete is O(1). Static, fixture-seeded tables (users, projects, tenants) stay on `@msw/data` (model/table.ts).
 *
 * Pruning is amortised, never a full scan per request: every insert looks at a few records under a cursor that laps
 * the table, a lookup drops the record it finds when its time is up, snapshots skip (and drop) what has expired, and
 * past `maxRecords` the oldest record is evicted, with one log line per table.
 */
import type { StoreLimits } from './limits.ts'
import type { Table } from './table.ts'
import { FifoMap } from './fifo-map.ts'

/** How many records each insert inspects for expiry: enough that the cursor laps the table every n/SWEEP inserts. */
const SWEEP = 4

export interface ExpiringTableOptions<T> {
  readonly limits: StoreLimits
  /** When the record's lifetime ends, epoch ms on the platform clock (`Infinity`: never). */
  readonly expiresAt: (record: T) => number
  /** Records the cap never evicts (fixtures): they stay however full the table gets. */
  readonly pinned?: (record: T) => boolean
  /** Called when a record leaves (expired, evicted or deleted), for data kept beside it (e.g. a status map). */
  readonly onRemove?: (record: T) => void
  /**
   * The bytes a record holds (model/byte-size.ts), for a store of what clients send: the table then keeps the total
   * within `limits.maxStoreBytes`, evicting the oldest records as past `maxRecords`.
   */
  readonly sizeOf?: (record: T) => number
}

/**
 * Creates an expiring table. The first index is the primary key (unique); the others are unique lookups too.
 * @example
 * const sessions = createExpiringTable<Session, 'id' | 'token'>('kratos.sessions', ['id', 'token'], {
 *   limits, expiresAt: (s) => s.expiresAt,
 * })
 * await sessions.create(session)
 * sessions.get('token', session.token) // the session, until its lifetime (plus limits.keepExpiredMs) has passed
 */
export function createExpiringTable<T extends object, K extends keyof T & string>(
  name: string,
  indexes: readonly [K, ...K[]],
  options: ExpiringTableOptions<T>,
): Table<T, K> {
  const { limits, expiresAt, pinned, onRemove, sizeOf } = options
  const maxBytes = sizeOf ? (limits.maxStoreBytes ?? Infinity) : Infinity
  /** Each measured record's size, and their sum (only when `sizeOf` is given). */
  const sizes = new WeakMap<T, number>()
  let bytes = 0
  const primary = indexes[0]
  const rows = new FifoMap<unknown, T>()
  const secondary = indexes.slice(1).map((field) => [field, new Map<unknown, T>()] as const)
  let cursor: Iterator<T> | undefined
  let warned = false

  const gone = (record: T, now: number) => expiresAt(record) + limits.keepExpiredMs <= now
  const unlink = (record: T) => {
    const key = record[primary]
    if (rows.get(key) !== record) return false
    rows.delete(key)
    for (const [field, map] of secondary) if (map.get(record[field]) === record) map.delete(record[field])
    if (sizeOf) bytes -= sizes.get(record) ?? 0
    return true
  }
  const remove = (record: T) => {
    if (unlink(record)) onRemove?.(record)
  }
  const put = (record: T) => {
    const previous = rows.get(record[primary])
    if (previous) unlink(previous)
    rows.set(record[primary], record)
    for (const [field, map] of secondary) map.set(record[field], record)
    if (sizeOf) {
      const size = sizeOf(record)
      sizes.set(record, size)
      bytes += size
    }
  }
  const sweep = (now: number) => {
    for (let i = 0; i < SWEEP; i++) {
      cursor ??= rows.values()
      const next = cursor.next()
      if (next.done) {
        cursor = undefined
        return
      }
      if (gone(next.value, now)) remove(next.value)
    }
  }
  const over = () => rows.size > limits.maxRecords || bytes > maxBytes
  const evict = () => {
    if (!over()) return
    const byBytes = rows.size <= limits.maxRecords
    const now = limits.clock.now()
    // Oldest first, passing over pinned records (a handful of fixtures at the front).
    for (const [, record] of rows.oldestFirst()) {
      if (!over()) break
      if (pinned?.(record)) continue
      const live = !gone(record, now)
      remove(record)
      if (live && limits.evictions) limits.evictions.set(name, (limits.evictions.get(name) ?? 0) + 1)
      if (!warned) {
        warned = true
        limits.log(
          byBytes
            ? `[logout-mocks] ${name} holds more than its ${maxBytes} bytes: evicting the oldest (see docs/limits.md)`
            : `[logout-mocks] ${name} holds more than ${limits.maxRecords} records: evicting the oldest (raise the cap with the maxRecords option / --max-records)`,
        )
      }
    }
  }
  const live = () => {
    const now = limits.clock.now()
    const out: T[] = []
    for (const record of rows.values()) {
      if (gone(record, now)) remove(record)
      else out.push(record)
    }
    return out
  }
  const lookup = (field: K, value: unknown) => (field === primary ? rows : secondary.find(([f]) => f === field)?.[1])?.get(value)

  return {
    async create(values) {
      const record = { ...values }
      put(record)
      sweep(limits.clock.now())
      evict()
      return record
    },
    get(field, value) {
      const record = lookup(field, value)
      if (record === undefined) return undefined
      if (gone(record, limits.clock.now())) {
        remove(record)
        return undefined
      }
      return record
    },
    find: (predicate) => live().filter(predicate),
    all: live,
    count: () => rows.size,
    async update(record, changes) {
      const next = { ...record }
      changes(next)
      unlink(record)
      put(next)
      evict()
      return next
    },
    delete: remove,
  }
}
