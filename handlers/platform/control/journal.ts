/**
 * The request journal: the last N requests the mock served, in a fixed-size ring buffer, each with its request and
 * response headers and bodies cut to a bounded size — so memory stays flat in bytes, not only in count, however many
 * requests go through. Listeners (the live stream of the control panel, `--log headers|bodies`) hear every record.
 */
import type { CapturedExchange, ExchangeCapture } from './exchange.ts'

export interface JournalEntry {
  readonly seq: number
  /** ISO time on the platform clock. */
  readonly at: string
  readonly method: string
  /** Path and query as received (forcing twins included). */
  readonly url: string
  /** The lane that served it (`default` unless the client named one). */
  readonly lane: string
  readonly status: number
  readonly provider: string | null
  readonly operation: string | null
  readonly behaviour: string | null
  /** How the response was forced, if it was: `header`, `query` or `scenario`. */
  readonly forced: 'header' | 'query' | 'scenario' | null
  readonly fault: string | null
  readonly clientIp: string
  readonly durationMs: number
  /** Request and response headers and bodies, each body cut to the journal's body limit (absent when not captured). */
  readonly exchange?: CapturedExchange
}

/** What a request handler records: the time as epoch ms (formatted only when the journal is read). */
/** What is recorded: the entry without its sequence number and time, and its exchange as a capture read on demand. */
export type JournalRecord = Omit<JournalEntry, 'seq' | 'at' | 'exchange'> & { readonly atMs: number; readonly exchange?: ExchangeCapture }

type Stored = JournalRecord & { readonly seq: number }

/** Filters of `GET /__mock/requests` (all optional, combined with AND). */
export interface JournalFilter {
  provider?: string
  method?: string
  /** A path prefix (`/api/v1/auth`), compared with the path of the request's URL. */
  path?: string
  /** An exact status (`429`) or a class (`4xx`). */
  status?: string
  /** A behaviour id, or a prefix of one ending in `.` (`dreadnode.logout.`). */
  behaviour?: string
  /** Only entries after this one: a sequence number, or an ISO time (entries at or after it). */
  since?: string
  /** Keep the newest N that match. */
  limit?: number
}

export interface Journal {
  record(entry: JournalRecord): void
  /** Oldest first; `limit` keeps the newest N. */
  list(filter?: JournalFilter): JournalEntry[]
  clear(): void
  /** Calls `listener` with every new entry (that matches `filter`, if given) until the returned function is called. */
  subscribe(listener: (entry: JournalEntry) => void, filter?: JournalFilter): () => void
  readonly size: number
  readonly capacity: number
  /** Longest body, in bytes, each entry keeps of a request or a response (0: bodies are not kept). */
  readonly bodyLimit: number
  /** Total requests recorded since the last clear (including ones the ring has dropped). */
  readonly total: number
}

const view = ({ atMs, exchange, ...rest }: Stored): JournalEntry => ({ ...rest, at: new Date(atMs).toISOString(), ...(exchange ? { exchange: exchange() } : {}) })

/** The test of one filter, built once per query. */
function matcher(filter: JournalFilter): (e: Stored) => boolean {
  const tests: ((e: Stored) => boolean)[] = []
  if (filter.provider) tests.push((e) => e.provider === filter.provider)
  if (filter.method) {
    const method = filter.method.toUpperCase()
    tests.push((e) => e.method === method)
  }
  if (filter.path) {
    const prefix = filter.path
    tests.push((e) => e.url.startsWith(prefix))
  }
  if (filter.status) {
    const cls = /^([1-5])xx$/i.exec(filter.status)
    const exact = Number(filter.status)
    tests.push(cls ? (e) => Math.floor(e.status / 100) === Number(cls[1]) : (e) => e.status === exact)
  }
  if (filter.behaviour) {
    const id = filter.behaviour
    tests.push(id.endsWith('.') ? (e) => e.behaviour?.startsWith(id) === true : (e) => e.behaviour === id)
  }
  if (filter.since) {
    const seq = /^\d+$/.test(filter.since) ? Number(filter.since) : undefined
    const at = seq === undefined ? Date.parse(filter.since) : NaN
    tests.push(seq !== undefined ? (e) => e.seq > seq : (e) => e.atMs >= at)
  }
  return (e) => tests.every((t) => t(e))
}

/**
 * Checks the query parameters of `GET /__mock/requests`; returns the filter or a message saying what is wrong.
 * @example
 * parseJournalFilter(new URLSearchParams('status=4xx&limit=20')) // { status: '4xx', limit: 20 }
 */
export function parseJournalFilter(params: URLSearchParams): JournalFilter | string {
  const filter: JournalFilter = {}
  for (const key of ['provider', 'method', 'path', 'status', 'behaviour', 'since'] as const) {
    const value = params.get(key)
    if (value !== null && value !== '') filter[key] = value
  }
  if (filter.status !== undefined && !/^(?:[1-5]\d\d|[1-5]xx|0)$/i.test(filter.status)) return `"status" must be a status (429), a class (4xx) or 0 (faults), got "${filter.status}"`
  if (filter.since !== undefined && !/^\d+$/.test(filter.since) && Number.isNaN(Date.parse(filter.since))) return `"since" must be a sequence number or an ISO time, got "${filter.since}"`
  const limit = params.get('limit')
  if (limit !== null) {
    const n = Number(limit)
    if (!Number.isInteger(n) || n < 0) return '"limit" must be a non-negative integer'
    filter.limit = n
  }
  return filter
}

/**
 * Creates a bounded journal.
 * @example
 * const journal = createJournal(2)
 * journal.record({ ...entry }); journal.record({ ...entry }); journal.record({ ...entry })
 * journal.list().length // 2 — the oldest was dropped
 */
export function createJournal(capacity = 1000, bodyLimit = 2048): Journal {
  if (!Number.isInteger(capacity) || capacity < 1) throw new TypeError(`journal size must be a positive integer, got ${capacity}`)
  if (!Number.isInteger(bodyLimit) || bodyLimit < 0) throw new TypeError(`journal body limit must be a non-negative integer, got ${bodyLimit}`)
  // Grown as entries come (an index one past the end appends), so an unused journal costs nothing.
  let ring: (Stored | undefined)[] = []
  let total = 0
  const listeners = new Map<(entry: JournalEntry) => void, (e: Stored) => boolean>()
  return {
    capacity,
    bodyLimit,
    get size() {
      return Math.min(total, capacity)
    },
    get total() {
      return total
    },
    record(entry) {
      const stored: Stored = { seq: total + 1, ...entry }
      ring[total % capacity] = stored
      total++
      if (listeners.size > 0) {
        let e: JournalEntry | undefined
        for (const [listener, matches] of listeners) if (matches(stored)) listener((e ??= view(stored)))
      }
    },
    list(filter = {}) {
      const size = Math.min(total, capacity)
      const matches = matcher(filter)
      const out: JournalEntry[] = []
      for (let i = total - size; i < total; i++) {
        const e = ring[i % capacity]
        if (e && matches(e)) out.push(view(e))
      }
      return filter.limit !== undefined && filter.limit >= 0 ? out.slice(Math.max(0, out.length - filter.limit)) : out
    },
    clear() {
      ring = []
      total = 0
    },
    subscribe(listener, filter = {}) {
      const { since: _since, limit: _limit, ...live } = filter
      listeners.set(listener, matcher(live))
      return () => listeners.delete(listener)
    },
  }
}
