/**
 * `connectLane`: a test suite's handle on its own lane of a running standalone server, over the control API with
 * `X-Mock-Lane` — for vitest/Jest workers (keyed by `VITEST_POOL_ID` / `JEST_WORKER_ID`), `node:test` and the
 * Playwright fixture (logout-mocks/playwright). Plain `fetch`: it runs in Node ≥ 22.12 and in a page alike.
 */
import type { CoverageReport } from '../handlers/platform/control/coverage.ts'
import type { JournalEntry, JournalFilter } from '../handlers/platform/control/journal.ts'
import type { Scenario } from '../handlers/platform/control/scenarios.ts'
import type { ScenarioRequest } from '../handlers/platform/instance.ts'
import type { IssuedCredentials } from '../handlers/platform/types.ts'
import { LANE_ID, LANE_ID_RULE } from '../handlers/platform/state/lane.ts'

export interface ConnectLaneOptions {
  /** The server's origin (default: env `LOGOUT_MOCKS_ORIGIN`, else `http://127.0.0.1:9090`). */
  readonly origin?: string
  /** The lane id, `[a-z0-9][a-z0-9-]{0,62}` (e.g. `w${process.env.VITEST_POOL_ID}`). */
  readonly lane: string
  /** The control token, when the server runs with `--control-token`. */
  readonly token?: string
}

/** A control call that did not succeed: the server's problem (`detail`, `status`) as an Error. */
export class LaneControlError extends Error {
  readonly status: number
  readonly problem: unknown
  constructor(status: number, problem: unknown, what: string) {
    const detail = typeof problem === 'object' && problem !== null && 'detail' in problem ? String((problem as { detail: unknown }).detail) : `status ${status}`
    super(`${what}: ${detail}`)
    this.status = status
    this.problem = problem
  }
}

export interface LaneClient {
  readonly lane: string
  readonly origin: string
  /** The header that puts a request in this lane: spread it into your client's headers. */
  readonly headers: { readonly 'X-Mock-Lane': string }
  /** `fetch` with this lane's header; a path is resolved against the server's origin. */
  fetch(input: string | URL, init?: RequestInit): Promise<Response>
  /** Fixtures, sessions, counters, clock, scenarios, journal and coverage of this lane back to the start. */
  reset(): Promise<void>
  /** Serves `behaviour` for the next `times` requests of its operation in this lane (until cleared when omitted). */
  force(behaviour: string, times?: number): Promise<Scenario>
  readonly scenarios: { add(input: ScenarioRequest): Promise<Scenario>; list(): Promise<Scenario[]>; clear(): Promise<void> }
  readonly sessions: { create(input: { provider: string; user: string }): Promise<IssuedCredentials> }
  readonly clock: { advance(ms: number): Promise<{ now: string; epochMs: number }>; set(at: string | number): Promise<{ now: string; epochMs: number }>; now(): Promise<{ now: string; epochMs: number }> }
  /** This lane's journal (filters as `GET /__mock/requests`). */
  journal(filter?: JournalFilter): Promise<JournalEntry[]>
  coverage(): Promise<CoverageReport>
  /** This lane's models, as `GET /__mock/state`. */
  state(): Promise<Record<string, unknown>>
  /** Drops the lane and its state on the server. */
  delete(): Promise<void>
}

function defaultOrigin(): string {
  const env = typeof process !== 'undefined' ? process.env?.LOGOUT_MOCKS_ORIGIN : undefined
  return (env ?? 'http://127.0.0.1:9090').replace(/(?<!\/)\/+$/, '')
}

/**
 * A client for one lane of a running `logout-mocks` server.
 * @example
 * const lane = connectLane({ lane: `w${process.env.VITEST_POOL_ID ?? 0}` })
 * beforeEach(() => lane.reset())
 * await lane.force('dreadnode.logout.rateLimited', 1)
 * const r = await lane.fetch('/api/v1/auth/logout', { method: 'POST' }) // 429, in this lane only
 */
export function connectLane(options: ConnectLaneOptions): LaneClient {
  const { lane, token } = options
  if (typeof lane !== 'string' || !LANE_ID.test(lane)) {
    throw new TypeError(`connectLane: "${String(lane)}" is not a lane id (${LANE_ID_RULE})`)
  }
  const origin = (options.origin ?? defaultOrigin()).replace(/(?<!\/)\/+$/, '')
  const headers = { 'X-Mock-Lane': lane } as const
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const h: Record<string, string> = { ...headers, Accept: 'application/json' }
    if (method !== 'GET') h['Content-Type'] = 'application/json'
    if (token) h.Authorization = `Bearer ${token}`
    let r: Response
    try {
      r = await fetch(origin + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) })
    } catch (e) {
      throw new Error(`logout-mocks is not reachable at ${origin} (${(e as Error).message}); start it with \`npx logout-mocks\``, { cause: e })
    }
    const data = (await r.json().catch(() => null)) as unknown
    if (!r.ok) throw new LaneControlError(r.status, data, `${method} ${path} in lane ${lane}`)
    return data as T
  }
  const clockView = (v: { now: string; epochMs: number }) => ({ now: v.now, epochMs: v.epochMs })
  return {
    lane,
    origin,
    headers,
    fetch(input, init = {}) {
      const url = typeof input === 'string' && input.startsWith('/') ? origin + input : input
      const merged = new Headers(init.headers)
      merged.set('X-Mock-Lane', lane)
      return fetch(url, { ...init, headers: merged })
    },
    reset: async () => void (await control('POST', '/__mock/reset')),
    force: async (behaviour, times) => (await control<{ scenario: Scenario }>('POST', '/__mock/scenarios', { behaviour, ...(times === undefined ? {} : { times }) })).scenario,
    scenarios: {
      add: async (input) => (await control<{ scenario: Scenario }>('POST', '/__mock/scenarios', input)).scenario,
      list: async () => (await control<{ scenarios: Scenario[] }>('GET', '/__mock/scenarios')).scenarios,
      clear: async () => void (await control('DELETE', '/__mock/scenarios')),
    },
    sessions: { create: (input) => control<IssuedCredentials>('POST', '/__mock/sessions', input) },
    clock: {
      advance: async (ms) => clockView(await control('POST', '/__mock/clock', { advanceMs: ms })),
      set: async (at) => clockView(await control('POST', '/__mock/clock', { set: at })),
      now: async () => clockView(await control('GET', '/__mock/clock')),
    },
    async journal(filter = {}) {
      const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]))
      return (await control<{ entries: JournalEntry[] }>('GET', `/__mock/requests${q.size > 0 ? `?${q}` : ''}`)).entries
    },
    async coverage() {
      const { lane: _lane, ...report } = await control<CoverageReport & { lane: string }>('GET', '/__mock/coverage')
      return report
    },
    async state() {
      const { lane: _lane, ...state } = await control<Record<string, unknown>>('GET', '/__mock/state')
      return state
    },
    delete: async () => void (await control('DELETE', `/__mock/lanes/${lane}`)),
  }
}
