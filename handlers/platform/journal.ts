/**
 * The request journal: the last N requests the mock served, in a fixed-size ring buffer so memory stays flat however
 * many requests go through.
 */
export interface JournalEntry {
  readonly seq: number
  /** ISO time on the platform clock. */
  readonly at: string
  readonly method: string
  /** Path and query as received (forcing twins included). */
  readonly url: string
  readonly status: number
  readonly provider: string | null
  readonly operation: string | null
  readonly behaviour: string | null
  /** How the response was forced, if it was: `header`, `query` or `scenario`. */
  readonly forced: 'header' | 'query' | 'scenario' | null
  readonly fault: string | null
  readonly clientIp: string
  readonly durationMs: number
}

/** What a request handler records: the time as epoch ms (formatted only when the journal is read). */
export type JournalRecord = Omit<JournalEntry, 'seq' | 'at'> & { readonly atMs: number }

type Stored = Omit<JournalEntry, 'at'> & { readonly atMs: number }

export interface Journal {
  record(entry: JournalRecord): void
  /** Oldest first; `limit` keeps the newest N. */
  list(filter?: { provider?: string; limit?: number }): JournalEntry[]
  clear(): void
  readonly size: number
  readonly capacity: number
  /** Total requests recorded since the last clear (including ones the ring has dropped). */
  readonly total: number
}

/**
 * Creates a bounded journal.
 * @example
 * const journal = createJournal(2)
 * journal.record({ ...entry }); journal.record({ ...entry }); journal.record({ ...entry })
 * journal.list().length // 2 — the oldest was dropped
 */
export function createJournal(capacity = 1000): Journal {
  if (!Number.isInteger(capacity) || capacity < 1) throw new TypeError(`journal size must be a positive integer, got ${capacity}`)
  let ring: (Stored | undefined)[] = new Array(capacity)
  let total = 0
  return {
    capacity,
    get size() {
      return Math.min(total, capacity)
    },
    get total() {
      return total
    },
    record(entry) {
      ring[total % capacity] = { seq: total + 1, ...entry }
      total++
    },
    list(filter = {}) {
      const size = Math.min(total, capacity)
      const out: JournalEntry[] = []
      for (let i = total - size; i < total; i++) {
        const e = ring[i % capacity]
        if (e && (!filter.provider || e.provider === filter.provider)) {
          const { atMs, ...rest } = e
          out.push({ ...rest, at: new Date(atMs).toISOString() })
        }
      }
      return filter.limit !== undefined && filter.limit >= 0 ? out.slice(Math.max(0, out.length - filter.limit)) : out
    },
    clear() {
      ring = new Array(capacity)
      total = 0
    },
  }
}
