/**
 * The platform: what every lane of one mock shares and nothing changes at run time — the served providers with their
 * resolved configuration, the catalogue index and the route table. Built once from the options; a lane
 * (state/lane.ts) adds the state that changes. `createLogoutMocks()` is a platform with one lane; the standalone
 * server holds one platform and many lanes (state/lanes.ts).
 */
import { indexCatalogue, type CatalogueIndex } from './catalogue/catalogue.ts'
import { checkSchema } from './catalogue/schema-check.ts'
import { isPlainObject } from './http/body.ts'
import { describeProblem, OptionsError } from './options/options-error.ts'
import { PLATFORM_OPTIONS_VALIDATOR, PlatformOptionsSchema } from './options/platform-options.ts'
import type { OperationRuntime } from './pipeline/operation-pipeline.ts'
import { createRouteTable, methodNotAllowedRoute, operationRoute, type Route, type RouteTable } from './pipeline/route-table.ts'
import type { AnyProvider, Operation } from './types.ts'
import type { PlatformOptions, ProviderRuntimeInfo } from './instance.ts'

export interface Platform {
  /** The options the platform was built from, checked. Each lane reads its own parts (clock, seed, journal, limits). */
  readonly options: PlatformOptions
  /** The served providers, each with its resolved configuration and base URL. */
  readonly runtimes: readonly OperationRuntime[]
  readonly index: CatalogueIndex
  readonly table: RouteTable
  readonly providers: readonly ProviderRuntimeInfo[]
  /** A served provider's runtime by id, or undefined. */
  runtime(id: string): OperationRuntime | undefined
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
  config.baseUrl = config.baseUrl.replace(/(?<!\/)\/+$/, '')
  return config
}

/** Every option the interface declares is in the schema, and no more (a key added to one and not the other fails). */
const _sameKeys: { [K in keyof Required<PlatformOptions>]: unknown } & Record<Exclude<keyof typeof PlatformOptionsSchema.properties, keyof PlatformOptions>, never> = PlatformOptionsSchema.properties

/** The platform's own options against their schema: unknown names and wrong values, every problem in one message. */
function checkPlatformOptions(options: unknown): asserts options is PlatformOptions {
  if (!isPlainObject(options)) throw new OptionsError(`options must be an object, got ${JSON.stringify(options) ?? String(options)}`)
  const problems = checkSchema(PlatformOptionsSchema, options, PLATFORM_OPTIONS_VALIDATOR)
  if (problems.length > 0) throw new OptionsError(problems.map((p) => describeProblem(p, (path) => (path.length > 0 ? path.join('.') : 'options'))).join('; '), problems)
}

/** The providers `only` selects (all when absent), after checking every id the options name. */
function servedProviders<R extends readonly AnyProvider[]>(registry: R, options: PlatformOptions<R>): AnyProvider[] {
  const known = () => registry.map((p) => p.id).join(', ')
  if (options.only !== undefined && (!Array.isArray(options.only) || options.only.length === 0)) {
    throw new OptionsError(`only must be a non-empty array of provider ids (known: ${known()}), got ${JSON.stringify(options.only)}`)
  }
  for (const id of options.only ?? []) {
    if (!registry.some((p) => p.id === id)) throw new OptionsError(`unknown provider "${id}" (known: ${known()})`)
  }
  for (const id of Object.keys(options.providers ?? {})) {
    if (!registry.some((p) => p.id === id)) throw new OptionsError(`options for unknown provider "${id}" (known: ${known()})`)
  }
  return registry.filter((p) => !options.only || options.only.includes(p.id))
}

/** msw's precedence: every operation of a provider (on its path and its aliases), then each of its paths' 405. */
function routesOf(runtimes: readonly OperationRuntime[]): Route[] {
  const routes: Route[] = []
  const pathsOf = (op: Operation) => [op.path, ...(op.aliases ?? [])]
  for (const rt of runtimes) {
    for (const op of rt.provider.operations) for (const path of pathsOf(op)) routes.push(operationRoute(rt, op, path))
    const methodsByPath = new Map<string, string[]>()
    for (const op of rt.provider.operations) for (const path of pathsOf(op)) methodsByPath.set(path, [...(methodsByPath.get(path) ?? []), op.method])
    for (const [path, methods] of methodsByPath) routes.push(methodNotAllowedRoute(rt, path, methods))
  }
  return routes
}

/**
 * Builds the shared part of a mock from its options (checked: a wrong provider, option name or value throws an
 * `OptionsError` naming them).
 * @example
 * const platform = createPlatform([dreadnode], { providers: { dreadnode: { baseUrl: 'https://app.dreadnode.io' } } })
 * const mocks = createLane(platform, 'default')
 */
export function createPlatform<R extends readonly AnyProvider[]>(registry: R, options: PlatformOptions<R> = {}): Platform {
  checkPlatformOptions(options)
  const overridesById: Record<string, unknown> = options.providers ?? {}
  const index = indexCatalogue(servedProviders(registry, options))
  const runtimes: OperationRuntime[] = index.providers.map((provider) => {
    const config = mergeConfig(provider, overridesById[provider.id], options.origin)
    return { provider, config, baseUrl: config.baseUrl, index }
  })
  const byId = new Map(runtimes.map((rt) => [rt.provider.id, rt]))
  return {
    options: options as PlatformOptions,
    runtimes,
    index,
    table: createRouteTable(routesOf(runtimes)),
    providers: runtimes.map((rt) => ({ id: rt.provider.id, title: rt.provider.title, baseUrl: rt.baseUrl, config: rt.config, exposeHeaders: rt.provider.exposeHeaders ?? [] })),
    runtime: (id) => byId.get(id),
  }
}
