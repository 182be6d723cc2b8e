/**
 * The instance's state across page reloads. In a page the model lives in memory, so a reload would log the user out —
 * the opposite of the real API. The instance keeps, in `sessionStorage` (or `localStorage`), what changed its state
 * since the last reset: every request the mocks answered (method, URL, headers, body, credentials mode, the platform
 * time), every `sessions.create` and `action` call, the random seed and the platform clock. A new instance with the
 * same options replays them, in order, at their recorded platform times, before it serves anything; the model, the
 * cookie jar (rebuilt from the replayed responses), the journal and coverage come back as they were, and the tokens
 * are the same ones (same seed, same clock), so a token the app kept is still valid.
 *
 * Replay, not a snapshot of the models: every provider's model (indexes, expiring tables, rate limits, JWT memo) comes
 * back through the code that built it, with no serialisation to keep in step with four providers' internals.
 *
 * The record is versioned: the package version, a format number and the instance's options are part of it, and a
 * record that differs in any of them is dropped, never replayed. `reset()` clears it. Only a page persists (Node
 * suites have `reset()` between tests); `persist: 'off'` turns it off, `'local'` shares it between tabs.
 */
import type { Clock } from './clock.ts'
import type { PipelineHooks } from '../pipeline/operation-pipeline.ts'
import type { IncomingRequest } from '../http/buffered-request.ts'

/** Where a page keeps the instance's state across reloads. */
export type PersistMode = 'session' | 'local' | 'off'

/** The record's format: bump it when the shape of a saved record changes. */
export const STATE_FORMAT = 1
/** The package version (test/platform/page-state.test.ts keeps it equal to package.json's): a new version replays nothing older. */
export const PACKAGE_VERSION = '0.1.0'
/** At most this many recorded events; past it the instance stops persisting (and says so once). */
export const MAX_EVENTS = 5000

/** One state-changing step, as recorded and replayed. */
export type RecordedEvent =
  | { kind: 'request'; at: number; method: string; url: string; headers: [string, string][]; body: string | null; credentials?: RequestCredentials }
  | { kind: 'session'; at: number; provider: string; user: string }
  | { kind: 'action'; at: number; provider: string; name: string; input: Record<string, unknown> }

interface SavedState {
  readonly format: number
  readonly version: string
  readonly fingerprint: string
  readonly seed: number
  readonly events: RecordedEvent[]
  /** The platform time when saved, and the real time then (a running clock moves on while the page is away). */
  readonly clock: { readonly now: number; readonly savedAt: number }
}

/** What the instance replays an event through (its own doors, without waiting for `ready`). */
export interface Replayer {
  request(request: Request): Promise<unknown>
  session(provider: string, user: string): Promise<unknown>
  action(provider: string, name: string, input: Record<string, unknown>): Promise<unknown>
}

export interface PageState {
  readonly mode: PersistMode
  /** The seed the instance's random must use (the saved one, or a new one saved from now on). */
  readonly seed: number
  /** Pipeline hooks that record each answered request. */
  readonly hooks: PipelineHooks
  /** Records a control call that changed the state. */
  record(event: RecordedEvent): void
  /** Replays the saved events (call once, after the fixtures are loaded); then sets the clock as it was. */
  replay(through: Replayer): Promise<void>
  /** Forgets every event (reset). */
  clear(): void
}

/**
 * The mode when none is configured: `session` in a page that has `sessionStorage`, `off` elsewhere.
 * @example
 * createPageState({ mode: defaultPersistMode(), … })
 */
export function defaultPersistMode(): PersistMode {
  return typeof document !== 'undefined' && storageOf('session') !== undefined ? 'session' : 'off'
}

function storageOf(mode: PersistMode): Storage | undefined {
  try {
    if (mode === 'session' && typeof sessionStorage !== 'undefined') return sessionStorage
    if (mode === 'local' && typeof localStorage !== 'undefined') return localStorage
  } catch {
    // A sandboxed frame or disabled storage throws on access: no persistence.
  }
  return undefined
}

/** FNV-1a, as 8 hex digits: a short storage key for the options (not a secret, just a name). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(16).padStart(8, '0')
}

function newSeed(): number {
  const one = new Uint32Array(1)
  crypto.getRandomValues(one)
  return one[0]! % 2 ** 31
}

/**
 * The page state of one instance, or undefined when it does not persist (`off`, no storage, not a page).
 * `options` are the instance's options as given: they name the record and must match for a replay.
 * @example
 * const page = createPageState({ mode: 'session', options, seed: options.seed, clock })
 * const random = createRandom(page?.seed ?? options.seed)
 */
export function createPageState(input: { mode: PersistMode | undefined; options: unknown; seed: number | undefined; clock: Clock }): PageState | undefined {
  const mode = input.mode ?? defaultPersistMode()
  if (mode !== 'session' && mode !== 'local' && mode !== 'off') throw new TypeError(`persist must be 'session', 'local' or 'off', got ${JSON.stringify(mode)}`)
  const storage = storageOf(mode)
  if (mode === 'off' || !storage) return undefined
  const { clock } = input
  const fingerprint = JSON.stringify(input.options ?? {})
  const key = `logout-mocks:state:${fnv1a(fingerprint)}`

  let saved: SavedState | undefined
  try {
    const parsed = JSON.parse(storage.getItem(key) ?? 'null') as SavedState | null
    if (parsed && parsed.format === STATE_FORMAT && parsed.version === PACKAGE_VERSION && parsed.fingerprint === fingerprint && Array.isArray(parsed.events)) saved = parsed
  } catch {
    // Unreadable: treated as absent, and overwritten.
  }
  if (!saved) storage.removeItem(key)
  const seed = input.seed ?? saved?.seed ?? newSeed()
  let events: RecordedEvent[] = saved?.events ?? []
  let replaying = false
  let broken = false

  const save = () => {
    if (broken) return
    const state: SavedState = { format: STATE_FORMAT, version: PACKAGE_VERSION, fingerprint, seed, events, clock: { now: clock.now(), savedAt: Date.now() } }
    try {
      storage.setItem(key, JSON.stringify(state))
    } catch (e) {
      broken = true
      storage.removeItem(key)
      console.warn(`[logout-mocks] the mocks' state no longer fits in ${mode}Storage (${e instanceof Error ? e.message : String(e)}): a reload will start from the fixtures until reset().`)
    }
  }
  const record = (event: RecordedEvent) => {
    if (replaying || broken) return
    if (events.length >= MAX_EVENTS) {
      broken = true
      storage.removeItem(key)
      console.warn(`[logout-mocks] more than ${MAX_EVENTS} state changes since the last reset(): a reload will start from the fixtures until reset().`)
      return
    }
    events.push(event)
    save()
  }
  // A clock moved after the last request is saved when the page goes away.
  if (typeof addEventListener === 'function') addEventListener('pagehide', save)

  /** Requests whose body is being read (the provider reads the original; the record reads a clone). */
  const pending = new WeakMap<IncomingRequest, { at: number; headers: [string, string][]; body: Promise<string | null> }>()

  return {
    mode,
    seed,
    hooks: {
      beforeRequest(request) {
        if (replaying || broken || pending.has(request)) return request
        const withBody = request.method !== 'GET' && request.method !== 'HEAD' && typeof (request as Request).clone === 'function'
        const body = withBody ? (request as Request).clone().text().catch(() => null) : Promise.resolve(null)
        pending.set(request, { at: clock.now(), headers: [...request.headers], body })
        return request
      },
      afterResponse(request) {
        const p = pending.get(request)
        if (!p) return
        pending.delete(request)
        // In order of answer: the event is placed now, its body filled in when read (a clone reads at once).
        const event: RecordedEvent = { kind: 'request', at: p.at, method: request.method, url: request.url, headers: p.headers, body: null, ...(request.credentials ? { credentials: request.credentials } : {}) }
        record(event)
        void p.body.then((text) => {
          if (text === null || text === '') return
          event.body = text
          save()
        })
      },
    },
    record,
    async replay(through) {
      if (events.length === 0) return
      replaying = true
      try {
        for (const e of events) {
          clock.set(e.at)
          if (e.kind === 'request') {
            await through.request(new Request(e.url, { method: e.method, headers: e.headers, body: e.body, ...(e.credentials ? { credentials: e.credentials } : {}) }))
          } else if (e.kind === 'session') {
            await through.session(e.provider, e.user).catch(() => undefined)
          } else {
            await through.action(e.provider, e.name, e.input).catch(() => undefined)
          }
        }
      } finally {
        replaying = false
      }
      // The platform clock as it was when saved; a running clock has moved on by the time the page was away.
      const s = saved!.clock
      clock.set(clock.frozen ? s.now : s.now + Math.max(0, Date.now() - s.savedAt))
    },
    clear() {
      events = []
      broken = false
      save()
    },
  }
}

/**
 * Two sets of pipeline hooks as one: `first` sees the request before `second` (the recorder before the cookie jar, so
 * it keeps the page's own headers), and the response after it.
 * @example
 * const hooks = chainHooks(page?.hooks, cookieJarHooks(jar))
 */
export function chainHooks(first: PipelineHooks | undefined, second: PipelineHooks | undefined): PipelineHooks | undefined {
  if (!first) return second
  if (!second) return first
  return {
    beforeRequest(request) {
      const a = first.beforeRequest ? first.beforeRequest(request) : request
      return second.beforeRequest ? second.beforeRequest(a) : a
    },
    afterResponse(request, answer) {
      second.afterResponse?.(request, answer)
      first.afterResponse?.(request, answer)
    },
  }
}
