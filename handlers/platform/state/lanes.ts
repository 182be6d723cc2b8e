/**
 * The lanes of one standalone server: many isolated mocks over one platform, created on first use, bounded in count
 * (`maxLanes`) and in time (a lane unused for `idleMs` on the real clock is dropped; `default` never is). At the cap,
 * the least recently used lane with no request in flight is dropped with one log line; when every lane is busy, the
 * caller gets a `LanesFullError` (the server answers it with a 503 problem naming the cap and the flag).
 */
import type { Platform } from '../platform.ts'
import { createLane, DEFAULT_LANE, LANE_ID, type Lane } from './lane.ts'

/** Default cap on lanes per server. */
export const DEFAULT_MAX_LANES = 64
/** Default idle time after which a lane is dropped: 30 minutes on the real clock. */
export const DEFAULT_LANE_IDLE_MS = 30 * 60_000

export interface LaneInfo {
  readonly id: string
  /** ISO times on the real clock. */
  readonly created: string
  readonly lastUsed: string
  /** Sessions that still authenticate, summed over the providers. */
  readonly liveSessions: number
  /** Entries in the lane's journal. */
  readonly journalSize: number
  readonly activeScenarios: number
  /** Requests (and open journal streams) in flight in the lane right now. */
  readonly inFlight: number
}

export interface LaneRegistryOptions {
  /** Most lanes held at once, `default` included (default 64). */
  readonly maxLanes?: number
  /** A lane unused this long (real clock) is dropped (default 30 min); `default` never is. */
  readonly idleMs?: number
  /** Where the one line per dropped lane goes (default console.warn). */
  readonly log?: (line: string) => void
  /** The real clock (tests may pass their own). */
  readonly now?: () => number
}

/** Every lane is in use and the server holds `maxLanes` of them: the request cannot get a lane of its own. */
export class LanesFullError extends Error {
  readonly maxLanes: number
  constructor(maxLanes: number) {
    super(`all ${maxLanes} lanes are in use (none is idle to drop); raise --max-lanes or delete lanes with DELETE /__mock/lanes/<id>`)
    this.maxLanes = maxLanes
  }
}

export interface LaneRegistry {
  readonly maxLanes: number
  readonly idleMs: number
  /** The lane with this id (created on first use, fixtures loading) marked in use until `release`; throws `LanesFullError`. */
  acquire(id: string): Lane
  release(lane: Lane): void
  /** The lane with this id if it exists. */
  get(id: string): Lane | undefined
  /** Every lane, `default` first, then by creation. */
  lanes(): Lane[]
  list(): LaneInfo[]
  /** Drops a lane and its state; the next request naming it gets a fresh one. False when there was none. */
  delete(id: string): boolean
  /** Calls `listener` with each lane created from now on, until the returned function is called. */
  onCreate(listener: (lane: Lane) => void): () => void
  /** Stops the idle sweep. */
  close(): void
}

interface Held {
  readonly lane: Lane
  readonly created: number
  lastUsed: number
  inFlight: number
}

/**
 * Creates the lane registry of a platform, with the `default` lane in it.
 * @example
 * const lanes = createLaneRegistry(createPlatform(registry, { origin }), { maxLanes: 16 })
 * const lane = lanes.acquire('w3')
 * try { await lane.dispatch(request, url, ip) } finally { lanes.release(lane) }
 */
export function createLaneRegistry(platform: Platform, options: LaneRegistryOptions = {}): LaneRegistry {
  const maxLanes = options.maxLanes ?? DEFAULT_MAX_LANES
  const idleMs = options.idleMs ?? DEFAULT_LANE_IDLE_MS
  if (!Number.isInteger(maxLanes) || maxLanes < 1) throw new TypeError(`maxLanes must be a positive integer, got ${String(maxLanes)}`)
  if (!Number.isInteger(idleMs) || idleMs < 1) throw new TypeError(`idleMs must be a positive integer of milliseconds, got ${String(idleMs)}`)
  const log = options.log ?? ((line: string) => console.warn(line))
  const now = options.now ?? Date.now
  // Insertion order is least recently used first: a use moves a lane to the end.
  const held = new Map<string, Held>()
  const listeners = new Set<(lane: Lane) => void>()

  const add = (id: string): Held => {
    const at = now()
    const h: Held = { lane: createLane(platform, id), created: at, lastUsed: at, inFlight: 0 }
    held.set(id, h)
    for (const listener of listeners) listener(h.lane)
    return h
  }
  add(DEFAULT_LANE)

  const drop = (h: Held, why: string) => {
    held.delete(h.lane.lane)
    log(`logout-mocks: lane "${h.lane.lane}" dropped (${why}); its sessions, scenarios and journal are gone`)
  }

  const sweep = () => {
    const cutoff = now() - idleMs
    for (const h of [...held.values()]) {
      if (h.lane.lane !== DEFAULT_LANE && h.inFlight === 0 && h.lastUsed <= cutoff) drop(h, `idle for ${Math.round((now() - h.lastUsed) / 1000)} s, --lane-idle-ms ${idleMs}`)
    }
  }
  const timer = setInterval(sweep, Math.min(60_000, Math.max(1000, Math.floor(idleMs / 4))))
  timer.unref?.()

  // Only at the cap: the sweep walks every lane, and creating a lane must not cost more as lanes grow.
  const makeRoom = () => {
    if (held.size < maxLanes) return
    sweep()
    if (held.size < maxLanes) return
    for (const h of held.values()) {
      if (h.lane.lane !== DEFAULT_LANE && h.inFlight === 0) return drop(h, `the server holds --max-lanes ${maxLanes} lanes and this one was the least recently used`)
    }
    throw new LanesFullError(maxLanes)
  }

  return {
    maxLanes,
    idleMs,
    acquire(id) {
      if (!LANE_ID.test(id)) throw new TypeError(`invalid lane id "${id}"`)
      let h = held.get(id)
      if (h) held.delete(id)
      else makeRoom()
      h ??= add(id)
      held.set(id, h)
      h.lastUsed = now()
      h.inFlight++
      return h.lane
    },
    release(lane) {
      const h = held.get(lane.lane)
      if (h && h.lane === lane && h.inFlight > 0) {
        h.inFlight--
        h.lastUsed = now()
      }
    },
    get: (id) => held.get(id)?.lane,
    lanes() {
      const all = [...held.values()].sort((a, b) => a.created - b.created).map((h) => h.lane)
      return [...all.filter((l) => l.lane === DEFAULT_LANE), ...all.filter((l) => l.lane !== DEFAULT_LANE)]
    },
    list() {
      return this.lanes().map((lane) => {
        const h = held.get(lane.lane)!
        return {
          id: lane.lane,
          created: new Date(h.created).toISOString(),
          lastUsed: new Date(h.lastUsed).toISOString(),
          liveSessions: lane.liveSessions(),
          journalSize: lane.journal.size,
          activeScenarios: lane.scenarios.list().length,
          inFlight: h.inFlight,
        }
      })
    },
    delete(id) {
      const h = held.get(id)
      if (!h) return false
      held.delete(id)
      // `default` always exists: deleting it leaves a fresh one, as deleting any lane does for its next request.
      if (id === DEFAULT_LANE) add(DEFAULT_LANE)
      return true
    },
    onCreate(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => clearInterval(timer),
  }
}
