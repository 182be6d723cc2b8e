/**
 * One mock instance: the providers it serves, each with its resolved configuration and model, plus the shared clock,
 * random source, journal, coverage and scenarios. Two instances share nothing.
 */
import type { HttpHandler } from 'msw'
import { indexCatalogue, type CatalogueIndex } from './catalogue.ts'
import { createClock, type Clock, type ClockOptions } from './clock.ts'
import { createCoverage, type CoverageReport } from './coverage.ts'
import { FAULTS, type Fault } from './forcing.ts'
import { createJournal, type Journal } from './journal.ts'
import { createMethodNotAllowedHandler, createOperationHandler, MAX_DELAY_MS, type OperationRuntime } from './operation-handler.ts'
import { createRandom, type Random } from './random.ts'
import { createRequestMeta, type RequestMetaStore } from './request-meta.ts'
import { createScenarioStore, type Scenario } from './scenarios.ts'
import { ControlError } from './control-error.ts'
import type { AnyProvider, IssuedCredentials, RequestContext } from './types.ts'

export interface PlatformOptions {
  /** Serve only these providers (default: all registered). */
  only?: readonly string[]
  /** One origin for every provider (the standalone server); each provider mounts itself under it. */
  origin?: string
  /** Per-provider configuration, by provider id: `{ dreadnode: { baseUrl, unauthenticatedLogout: 'idempotent' } }`. */
  providers?: Record<string, Record<string, unknown> | undefined>
  /** Journal capacity (default 1000 requests). */
  journalSize?: number
  /** Bytes of each request and response body the journal keeps (default 2048; 0 keeps headers only). */
  journalBodyBytes?: number
  /** Seed for ids and tokens: the same seed gives the same sequence. */
  seed?: number
  clock?: ClockOptions
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
  readonly journal: Journal
  coverage(): CoverageReport
  /** The models of every provider, as JSON. */
  state(): Record<string, unknown>
  readonly sessions: { create(input: { provider: string; user: string }): Promise<IssuedCredentials> }
  /** Runs a provider's control action on its model (e.g. `webmixhub`, `deleteUser`). */
  action(provider: string, name: string, input?: Record<string, unknown>): Promise<unknown>
  readonly catalogue: CatalogueIndex
  readonly providers: readonly ProviderRuntimeInfo[]
  /** @internal transport hooks for the standalone server. */
  readonly meta: RequestMetaStore
  /** @internal the handlers that may answer a request for this path (cheap prefix routing). */
  handlersFor(pathname: string): HttpHandler[]
}

interface Runtime extends OperationRuntime {
  current: unknown
}

function mergeConfig(provider: AnyProvider, overrides: Record<string, unknown> | undefined, origin: string | undefined) {
  const known = new Set(Object.keys(provider.defaults))
  for (const key of Object.keys(overrides ?? {})) {
    if (!known.has(key)) throw new TypeError(`${provider.id}: unknown option "${key}" (known: ${[...known].join(', ')})`)
  }
  const config = { ...provider.defaults, ...overrides } as { baseUrl: string } & Record<string, unknown>
  if (overrides?.baseUrl === undefined && origin !== undefined) {
    config.baseUrl = provider.mount ? provider.mount(origin, config) : origin
  }
  config.baseUrl = config.baseUrl.replace(/\/+$/, '')
  return config
}

/**
 * Creates a mock instance over the given providers.
 * @example
 * const mocks = createPlatform([dreadnode], { providers: { dreadnode: { baseUrl: 'https://app.dreadnode.io' } } })
 * setupServer(...mocks.handlers).listen()
 */
export function createPlatform(registry: readonly AnyProvider[], options: PlatformOptions = {}): LogoutMocks {
  for (const id of options.only ?? []) {
    if (!registry.some((p) => p.id === id)) throw new TypeError(`unknown provider "${id}" (known: ${registry.map((p) => p.id).join(', ')})`)
  }
  for (const id of Object.keys(options.providers ?? {})) {
    if (!registry.some((p) => p.id === id)) throw new TypeError(`options for unknown provider "${id}" (known: ${registry.map((p) => p.id).join(', ')})`)
  }
  const providers = registry.filter((p) => !options.only || options.only.includes(p.id))
  const index = indexCatalogue(providers)
  const clock = createClock(options.clock)
  const random: Random = createRandom(options.seed)
  const journal = createJournal(options.journalSize ?? 1000, options.journalBodyBytes ?? 2048)
  const coverage = createCoverage(index)
  const scenarioStore = createScenarioStore()
  const meta = createRequestMeta()

  let ready: Promise<void> = Promise.resolve()
  const runtimes: Runtime[] = providers.map((provider) => {
    const config = mergeConfig(provider, options.providers?.[provider.id], options.origin)
    const rt: Runtime = {
      provider,
      config,
      baseUrl: config.baseUrl,
      current: undefined,
      state: () => rt.current,
      ready: () => ready,
      index,
      scenarios: scenarioStore,
      journal,
      coverage,
      clock,
      random,
      meta,
    }
    return rt
  })

  const load = async () => {
    await Promise.all(
      runtimes.map(async (rt) => {
        rt.current = await rt.provider.createState({ config: rt.config, clock, random, baseUrl: rt.baseUrl })
      }),
    )
  }
  ready = load()

  // Each handler with the literal start of its path, so the standalone server can skip handlers that cannot match.
  const routed: { prefix: string; handler: HttpHandler }[] = []
  for (const rt of runtimes) {
    const basePath = new URL(rt.baseUrl).pathname.replace(/\/$/, '')
    const literal = (path: string) => basePath + path.split(/[:*]/)[0]
    for (const op of rt.provider.operations) routed.push({ prefix: literal(op.path), handler: createOperationHandler(rt, op) })
    const methodsByPath = new Map<string, string[]>()
    for (const op of rt.provider.operations) methodsByPath.set(op.path, [...(methodsByPath.get(op.path) ?? []), op.method])
    for (const [path, methods] of methodsByPath) routed.push({ prefix: literal(path), handler: createMethodNotAllowedHandler(rt, path, methods) })
  }
  const handlers = routed.map((r) => r.handler)

  const runtime = (id: string) => {
    const rt = runtimes.find((r) => r.provider.id === id)
    if (!rt) throw new ControlError(`unknown provider "${id}"`, 400, { validProviders: runtimes.map((r) => r.provider.id) })
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
    handlers,
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
      ready = load()
      await ready
    },
    scenarios: {
      add(input) {
        if (input.behaviour !== undefined && typeof input.behaviour !== 'string') throw new ControlError('"behaviour" must be a behaviour id string')
        if (input.operation !== undefined && typeof input.operation !== 'string') throw new ControlError('"operation" must be "<provider>.<operation>"')
        let operation = input.operation
        if (input.behaviour !== undefined) {
          const b = index.behaviour(input.behaviour)
          if (!b) throw new ControlError(`unknown behaviour "${input.behaviour}"`, 400, { hint: 'GET /__mock/catalogue lists every behaviour id' })
          if (b.forceable === false) throw new ControlError(`behaviour "${input.behaviour}" cannot be forced`)
          const owner = index.providerOf(b.id)!.id
          const opKey = `${owner}.${b.operation}`
          if (operation !== undefined && operation !== opKey) throw new ControlError(`behaviour "${b.id}" belongs to ${opKey}, not ${operation}`)
          operation = opKey
        }
        if (operation === undefined) throw new ControlError('a scenario needs "behaviour" (or "operation" with "delayMs"/"fault")')
        const [p, ...rest] = operation.split('.')
        if (!index.operation(p, rest.join('.'))) throw new ControlError(`unknown operation "${operation}"`)
        if (input.behaviour === undefined && input.delayMs === undefined && input.fault === undefined) {
          throw new ControlError('a scenario without "behaviour" needs "delayMs" or "fault"')
        }
        if (input.times !== undefined && input.times !== null && (!Number.isInteger(input.times) || input.times < 1)) {
          throw new ControlError('"times" must be a positive integer (or omitted for "until cleared")')
        }
        if (input.delayMs !== undefined && (!Number.isInteger(input.delayMs) || input.delayMs < 0 || input.delayMs > MAX_DELAY_MS)) {
          throw new ControlError(`"delayMs" must be an integer between 0 and ${MAX_DELAY_MS}`)
        }
        if (input.fault !== undefined && !(FAULTS as readonly string[]).includes(input.fault)) {
          throw new ControlError(`"fault" must be one of ${FAULTS.join(', ')}`, 400, { validFaults: FAULTS })
        }
        return scenarioStore.add({ operation, behaviour: input.behaviour, times: input.times, delayMs: input.delayMs, fault: input.fault })
      },
      list: () => scenarioStore.list(),
      remove: (id) => scenarioStore.remove(id),
      clear: () => scenarioStore.clear(),
    },
    clock,
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
        return rt.provider.createSession(syntheticContext(rt), user)
      },
    },
    async action(provider, name, input = {}) {
      await ready
      const rt = runtime(provider)
      const action = rt.provider.actions?.[name]
      if (!action) throw new ControlError(`${provider} has no action "${name}"`, 404, { validActions: Object.keys(rt.provider.actions ?? {}) })
      return action(rt.current, input, syntheticContext(rt))
    },
    catalogue: index,
    providers: runtimes.map((rt) => ({ id: rt.provider.id, title: rt.provider.title, baseUrl: rt.baseUrl, config: rt.config })),
    meta,
    handlersFor(pathname) {
      const out: HttpHandler[] = []
      for (const r of routed) if (pathname.startsWith(r.prefix)) out.push(r.handler)
      return out
    },
  }
}
