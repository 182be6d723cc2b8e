/**
 * The mocks object: the public surface of one lane (its handlers, control operations and state), and the options an
 * instance is created with. Two instances share nothing.
 */
import type { HttpHandler } from 'msw'
import type { CatalogueIndex } from './catalogue/catalogue.ts'
import type { Clock, ClockOptions } from './state/clock.ts'
import type { CookieMode, CookieView } from './http/cookie-jar.ts'
import type { CoverageReport } from './control/coverage.ts'
import type { Fault } from './pipeline/forcing.ts'
import type { Journal } from './control/journal.ts'
import type { Answer } from './pipeline/operation-pipeline.ts'
import type { Scenario } from './control/scenarios.ts'
import type { PersistMode } from './state/page-state.ts'
import type { AnyProvider, IssuedCredentials, ProviderOverrides } from './types.ts'
import type { IncomingRequest } from './http/buffered-request.ts'
import { createPlatform } from './platform.ts'
import { createLane, DEFAULT_LANE } from './state/lane.ts'
import type { MockDispatcherHandle, MockDispatcherOptions } from './dispatcher/mock-dispatcher.ts'

/**
 * Options of one instance over the registry `R`. Typed by the registry's literal ids and config types, so a wrong
 * provider id, option name or value type is a compile error; the same is checked at run time against the schemas.
 */
export interface PlatformOptions<R extends readonly AnyProvider[] = readonly AnyProvider[]> {
  /** Serve only these providers (default: all registered). */
  only?: readonly R[number]['id'][]
  /** One origin for every provider (the standalone server); each provider mounts itself under it. */
  origin?: string
  /** Per-provider configuration, by provider id: `{ dreadnode: { baseUrl, unauthenticatedLogout: 'idempotent' } }`. */
  providers?: { [P in R[number] as P['id']]?: ProviderOverrides<P> | undefined }
  /** Journal capacity (default 1000 requests). */
  journalSize?: number
  /** Bytes of each request and response body the journal keeps (default 2048; 0 keeps headers only). */
  journalBodyBytes?: number
  /** Seed for ids and tokens: the same seed gives the same sequence. */
  seed?: number
  /** The platform clock behind every expiry and rate-limit window: `{ start, frozen }` (default: real time, running). */
  clock?: ClockOptions
  /**
   * Bounds of the stores that grow with traffic: at most `maxRecords` records each (default 100,000; the oldest is
   * evicted with one log line), and expired records kept `keepExpiredMs` (default one day) before they are dropped.
   */
  limits?: { maxRecords?: number; keepExpiredMs?: number }
  /** `jar`: keep and send the mocks' cookies as a browser would (default in a browser page); `off`: never (default in Node). */
  cookies?: CookieMode
  /**
   * Where a page keeps the mocks' state across reloads (the model, the cookie jar, the clock): `session`
   * (sessionStorage, the default in a page), `local` (localStorage, shared by the origin's tabs) or `off` (the default
   * in Node). Cleared by `reset()`; a record from another package version or other options is never loaded.
   */
  persist?: PersistMode
}

export interface ScenarioRequest {
  /** A behaviour id: its operation serves that behaviour. */
  behaviour?: string
  /** `<provider>.<operation>`; needed only for a pure delay or fault scenario. */
  operation?: string
  /** How many requests; omitted or null: until cleared. */
  times?: number | null
  delayMs?: number
  fault?: Fault
}


export interface ProviderRuntimeInfo {
  readonly id: string
  readonly title: string
  readonly baseUrl: string
  readonly config: Record<string, unknown>
  /** Response headers of its own a browser client reads (for the standalone server's CORS). */
  readonly exposeHeaders: readonly string[]
}

export interface LogoutMocks {
  /** The lane this object drives: `default` for an instance of its own, the lane's id on the standalone server. */
  readonly lane: string
  /** The msw request handlers: `setupServer(...mocks.handlers)` or `setupWorker(...mocks.handlers)`. */
  readonly handlers: HttpHandler[]
  /** Resolves once fixtures are loaded (handlers wait for it themselves). */
  readonly ready: Promise<void>
  /** Fixtures, sessions, counters, clock, scenarios, journal and coverage back to the start. */
  reset(): Promise<void>
  readonly scenarios: {
    add(input: ScenarioRequest): Scenario
    list(): Scenario[]
    /** Clears one scenario (ids are in `list()`); undefined when no active scenario has that id. */
    remove(id: number): Scenario | undefined
    clear(): void
  }
  readonly clock: Clock
  /** The instance's cookie jar (see `cookies` option): its mode and live cookies. */
  readonly cookies: { readonly mode: CookieMode; list(): CookieView[] }
  readonly journal: Journal
  coverage(): CoverageReport
  /** The models of every provider, as JSON. */
  state(): Record<string, unknown>
  /** Sessions that still authenticate, summed over the providers. */
  liveSessions(): number
  readonly sessions: { create(input: { provider: string; user: string }): Promise<IssuedCredentials> }
  /** Runs a provider's control action on its model (e.g. `webmixhub`, `deleteUser`). */
  action(provider: string, name: string, input?: Record<string, unknown>): Promise<unknown>
  readonly catalogue: CatalogueIndex
  readonly providers: readonly ProviderRuntimeInfo[]
  /**
   * @internal the standalone server's door: the answer the handlers would give this request, computed through the
   * route table without msw's per-request machinery (undefined: no operation serves it).
   */
  dispatch(request: IncomingRequest, url: URL, socketIp: string | undefined): Promise<Answer | undefined>
  /**
   * Node only: an undici `Dispatcher` answering the served providers' base URLs from the same route table, without
   * sockets or interception: `fetch(url, { dispatcher })` or `setGlobalDispatcher(mocks.dispatcher())` (its `close()`
   * puts the previous global back). Other URLs go to `fallback` (default: the global dispatcher) unless
   * `unhandled: 'error'`. See docs/in-process.md; `logout-mocks/dispatcher` gives it undici's own type.
   */
  dispatcher(options?: MockDispatcherOptions): MockDispatcherHandle
}

/**
 * Creates one mock instance over the given providers: a platform with one lane of its own.
 * @example
 * const mocks = createInstance([dreadnode], { providers: { dreadnode: { baseUrl: 'https://app.dreadnode.io' } } })
 * setupServer(...mocks.handlers).listen()
 */
export function createInstance<R extends readonly AnyProvider[]>(registry: R, options: PlatformOptions<R> = {}): LogoutMocks {
  return createLane(createPlatform(registry, options), DEFAULT_LANE)
}
