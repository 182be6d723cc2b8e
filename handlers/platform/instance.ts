/**
 * One mock instance: the providers it serves, each with its resolved configuration and model, plus the shared clock,
 * random source, journal, coverage and scenarios. Two instances share nothing.
 */
import type { HttpHandler } from 'msw'
import { unknownIdError } from './catalogue/unknown-id.ts'
import { indexCatalogue, type CatalogueIndex } from './catalogue/catalogue.ts'
import { createClock, type Clock, type ClockOptions } from './state/clock.ts'
import { cookieJarHooks, createCookieJar, type CookieMode, type CookieView } from './http/cookie-jar.ts'
import { createCoverage, type CoverageReport } from './control/coverage.ts'
import { FAULTS, type Fault } from './pipeline/forcing.ts'
import { createJournal, type Journal } from './control/journal.ts'
import type { Answer, OperationRuntime } from './pipeline/operation-pipeline.ts'
import { createRandom, type Random } from './state/random.ts'
import { createRouteTable, methodNotAllowedRoute, operationRoute, type Route } from './pipeline/route-table.ts'
import { chainHooks, createPageState, type PersistMode } from './state/page-state.ts'
import { createScenarioStore, ScenarioSchema, SCENARIO_VALIDATOR, type Scenario } from './control/scenarios.ts'
import { ControlError } from './control/control-error.ts'
import { storeLimits } from '../../model/limits.ts'
import { describeProblem, OptionsError } from './options/options-error.ts'
import { checkSchema } from './catalogue/schema-check.ts'
import { PLATFORM_OPTIONS_VALIDATOR, PlatformOptionsSchema } from './options/platform-options.ts'
import type { AnyProvider, IssuedCredentials, ProviderOverrides, RequestContext } from './types.ts'
import { isPlainObject } from './http/body.ts'
import type { IncomingRequest } from './http/buffered-request.ts'

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
}

interface Runtime extends OperationRuntime {
  current: unknown
}


/** The provider's defaults with the caller's options over them, validated against its schema, then mounted. */
function mergeConfig(provider: AnyProvider, overrides: unknown, origin: string | undefined) {
  if (overrides !== undefined && !isPlainObject(overrides)) {
    throw new OptionsError(`${provider.id}: options must be an object of option values, got ${JSON.stringify(overrides) ?? String(overrides)}`)
  }
  // An option given as `undefined` is an option not given.
  const given = Object.fromEntries(Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined))
  const config = { ...provider.options.defaults, ...given } as { baseUrl: string } & Record<string, unknown>
  // The defaults alone are valid (test/platform/options.test.ts checks it): only options given need ajv.
  const problems = Object.keys(given).length === 0 ? [] : checkSchema(provider.options.schema, config, provider.id)
  if (problems.length > 0) {
    throw new OptionsError(problems.map((p) => describeProblem(p, (path) => [provider.id, ...path].join('.'))).join('; '), problems)
  }
  if (given.baseUrl === undefined && origin !== undefined) {
    config.baseUrl = provider.mount ? provider.mount(origin, config) : origin
  }
  config.baseUrl = config.baseUrl.replace(/\/+$/, '')
  return config
}

/** Every option the interface declares is in the schema, and no more (a key added to one and not the other fails). */
const _sameKeys: { [K in keyof Required<PlatformOptions>]: unknown } & Record<Exclude<keyof typeof PlatformOptionsSchema.properties, keyof PlatformOptions>, never> = PlatformOptionsSchema.properties

/** The instance's own options against their schema: unknown names and wrong values, every problem in one message. */
function checkPlatformOptions(options: object) {
  const problems = checkSchema(PlatformOptionsSchema, options, PLATFORM_OPTIONS_VALIDATOR)
  if (problems.length > 0) throw new OptionsError(problems.map((p) => describeProblem(p, (path) => (path.length > 0 ? path.join('.') : 'options'))).join('; '), problems)
}

/**
 * Creates a mock instance over the given providers.
 * @example
 * const mocks = createPlatform([dreadnode], { providers: { dreadnode: { baseUrl: 'https://app.dreadnode.io' } } })
 * setupServer(...mocks.handlers).listen()
 */
export function createPlatform<R extends readonly AnyProvider[]>(registry: R, options: PlatformOptions<R> = {}): LogoutMocks {
  const given: unknown = options
  if (!isPlainObject(given)) throw new OptionsError(`options must be an object, got ${JSON.stringify(given) ?? String(given)}`)
  checkPlatformOptions(options)
  const known = () => registry.map((p) => p.id).join(', ')
  if (options.only !== undefined && (!Array.isArray(options.only) || options.only.length === 0)) {
    throw new OptionsError(`only must be a non-empty array of provider ids (known: ${known()}), got ${JSON.stringify(options.only)}`)
  }
  for (const id of options.only ?? []) {
    if (!registry.some((p) => p.id === id)) throw new OptionsError(`unknown provider "${id}" (known: ${known()})`)
  }
  const overridesById: Record<string, unknown> = options.providers ?? {}
  for (const id of Object.keys(overridesById)) {
    if (!registry.some((p) => p.id === id)) throw new OptionsError(`options for unknown provider "${id}" (known: ${known()})`)
  }
  const providers = registry.filter((p) => !options.only || options.only.includes(p.id))
  const index = indexCatalogue(providers)
  let clock: ReturnType<typeof createClock>
  try {
    clock = createClock(options.clock)
  } catch (e) {
    // A start that is no date, or out of range: the option's problem, said as one.
    throw new OptionsError(`clock: ${e instanceof Error ? e.message : String(e)}`)
  }
  const limits = storeLimits(clock, options.limits)
  // A page that persists its state replays it with the same seed, so the tokens it hands out again are the same.
  const page = createPageState({ mode: options.persist, options, seed: options.seed, clock })
  const random: Random = createRandom(page?.seed ?? options.seed)
  const journal = createJournal(options.journalSize ?? 1000, options.journalBodyBytes ?? 2048)
  const coverage = createCoverage(index)
  const scenarioStore = createScenarioStore()
  const cookies = createCookieJar({ mode: options.cookies, clock })
  const hooks = chainHooks(page?.hooks, cookieJarHooks(cookies))

  let ready: Promise<void> = Promise.resolve()
  let loaded = false
  /** While the saved page state replays: its own requests must not wait for `ready`. */
  let replaying = false
  const runtimes: Runtime[] = providers.map((provider) => {
    const config = mergeConfig(provider, overridesById[provider.id], options.origin)
    const rt: Runtime = {
      provider,
      config,
      baseUrl: config.baseUrl,
      current: undefined,
      state: () => rt.current,
      ready: () => (loaded || replaying ? undefined : ready),
      index,
      scenarios: scenarioStore,
      journal,
      coverage,
      clock,
      random,
      hooks,
    }
    return rt
  })

  const load = async () => {
    loaded = false
    await Promise.all(
      runtimes.map(async (rt) => {
        rt.current = await rt.provider.createState({ config: rt.config, clock, random, baseUrl: rt.baseUrl, limits })
      }),
    )
    if (page) {
      replaying = true
      try {
        await page.replay({
          request: (request) => table.dispatch(request, new URL(request.url), undefined),
          session: async (provider, user) => {
            const rt = runtime(provider)
            return rt.provider.createSession?.(syntheticContext(rt), user)
          },
          action: async (provider, name, input) => {
            const rt = runtime(provider)
            const actions = rt.provider.actions ?? {}
            return Object.hasOwn(actions, name) ? actions[name]!(rt.current, input, syntheticContext(rt)) : undefined
          },
        })
      } finally {
        replaying = false
      }
    }
    loaded = true
  }
  ready = load()

  // msw's precedence: every operation of a provider, then each of its paths' 405.
  const routes: Route[] = []
  for (const rt of runtimes) {
    for (const op of rt.provider.operations) routes.push(operationRoute(rt, op))
    const methodsByPath = new Map<string, string[]>()
    for (const op of rt.provider.operations) methodsByPath.set(op.path, [...(methodsByPath.get(op.path) ?? []), op.method])
    for (const [path, methods] of methodsByPath) routes.push(methodNotAllowedRoute(rt, path, methods))
  }
  const table = createRouteTable(routes)

  const runtime = (id: string) => {
    const rt = runtimes.find((r) => r.provider.id === id)
    if (!rt) throw unknownIdError(index, 'provider', id)
    return rt
  }

  const syntheticContext = (rt: Runtime): RequestContext => ({
    request: new Request(rt.baseUrl),
    url: new URL(rt.baseUrl),
    params: {},
    state: rt.current,
    config: rt.config,
    clock,
    random,
    clientIp: '127.0.0.1',
    baseUrl: rt.baseUrl,
    forced: false,
  })

  return {
    handlers: table.handlers,
    get ready() {
      return ready
    },
    async reset() {
      await ready
      clock.reset()
      random.reset()
      journal.clear()
      coverage.clear()
      scenarioStore.clear()
      cookies.clear()
      page?.clear()
      ready = load()
      await ready
    },
    scenarios: {
      add(input) {
        const problems = checkSchema(ScenarioSchema, input, SCENARIO_VALIDATOR)
        if (problems.length > 0) {
          const message = problems.map((p) => describeProblem(p, (path) => (path.length > 0 ? path.join('.') : 'scenario'), 'field')).join('; ')
          // As forcing's own fault error does, a wrong fault lists the faults there are.
          throw new ControlError(message, 400, { problems, ...(problems.some((p) => p.path[0] === 'fault') ? { validFaults: FAULTS } : {}) })
        }
        let operation = input.operation
        if (input.behaviour !== undefined) {
          const b = index.behaviour(input.behaviour)
          if (!b) throw unknownIdError(index, 'behaviour', input.behaviour)
          if (b.forceable === false) throw new ControlError(`behaviour "${input.behaviour}" cannot be forced`)
          const owner = index.providerOf(b.id)!.id
          const opKey = `${owner}.${b.operation}`
          if (operation !== undefined && operation !== opKey) throw new ControlError(`behaviour "${b.id}" belongs to ${opKey}, not ${operation}`)
          operation = opKey
        }
        if (operation === undefined) throw new ControlError('a scenario needs "behaviour" (or "operation" with "delayMs"/"fault")')
        const [p, ...rest] = operation.split('.')
        if (!index.operation(p, rest.join('.'))) throw unknownIdError(index, 'operation', operation)
        if (input.behaviour === undefined && input.delayMs === undefined && input.fault === undefined) {
          throw new ControlError('a scenario without "behaviour" needs "delayMs" or "fault"')
        }
        return scenarioStore.add({ operation, behaviour: input.behaviour, times: input.times, delayMs: input.delayMs, fault: input.fault })
      },
      list: () => scenarioStore.list(),
      remove: (id) => scenarioStore.remove(id),
      clear: () => scenarioStore.clear(),
    },
    clock,
    cookies: { mode: cookies.mode, list: () => cookies.list() },
    journal,
    coverage: () => coverage.report(),
    state() {
      const out: Record<string, unknown> = {}
      for (const rt of runtimes) out[rt.provider.id] = rt.current === undefined ? null : rt.provider.snapshot(rt.current, clock)
      return out
    },
    sessions: {
      async create({ provider, user }) {
        await ready
        const rt = runtime(provider)
        if (!rt.provider.createSession) throw new ControlError(`${provider} cannot create sessions`)
        const at = clock.now()
        const credentials = await rt.provider.createSession(syntheticContext(rt), user)
        page?.record({ kind: 'session', at, provider, user })
        return credentials
      },
    },
    async action(provider, name, input = {}) {
      await ready
      const rt = runtime(provider)
      // Only declared actions: a name like `constructor` or `__proto__` must not reach Object.prototype.
      const actions = rt.provider.actions ?? {}
      const action = Object.hasOwn(actions, name) ? actions[name] : undefined
      if (typeof action !== 'function') throw new ControlError(`${provider} has no action "${name}" (valid: ${Object.keys(rt.provider.actions ?? {}).join(', ')})`, 404, { validActions: Object.keys(rt.provider.actions ?? {}) })
      const at = clock.now()
      const result = await action(rt.current, input, syntheticContext(rt))
      page?.record({ kind: 'action', at, provider, name, input })
      return result
    },
    catalogue: index,
    providers: runtimes.map((rt) => ({ id: rt.provider.id, title: rt.provider.title, baseUrl: rt.baseUrl, config: rt.config, exposeHeaders: rt.provider.exposeHeaders ?? [] })),
    dispatch: table.dispatch,
  }
}
