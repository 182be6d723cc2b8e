/**
 * logout-mocks — the public API.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { createLogoutMocks } from 'logout-mocks'
 *
 * const mocks = createLogoutMocks()
 * const server = setupServer(...mocks.handlers)
 * server.listen({ onUnhandledFrame: 'error' })
 * // fetch('https://app.dreadnode.io/api/v1/auth/logout', { method: 'POST' }) → 401 from the mock
 */
// First: on a Node below the floor the import stops here, with one sentence (see node-floor.ts).
import './node-floor.ts'
import { createInstance, type LogoutMocks as PlatformMocks, type PlatformOptions, type ScenarioRequest as PlatformScenarioRequest } from './platform/instance.ts'
import { registry, type Registry } from './providers.ts'
import type { BehaviourId, OperationId, OperationNames } from './catalogue-ids.generated.ts'
import type { CoverageEntry, CoverageReport as PlatformCoverageReport, ProviderCoverage as PlatformProviderCoverage } from './platform/control/coverage.ts'
import type { Scenario } from './platform/control/scenarios.ts'
import type { IssuedCredentials } from './platform/types.ts'
import type { KratosCredentials } from './kratos/credentials.ts'
import type { DreadnodeCredentials } from './dreadnode/credentials.ts'

export type { BehaviourId, OperationId } from './catalogue-ids.generated.ts'
export type { KratosCredentials } from './kratos/credentials.ts'
export type { DreadnodeCredentials } from './dreadnode/credentials.ts'
export type { Scenario } from './platform/control/scenarios.ts'
export type { CoverageEntry } from './platform/control/coverage.ts'
export { ControlError } from './platform/control/control-error.ts'
export { OptionsError } from './platform/options/options-error.ts'
export type { SchemaProblem } from './platform/catalogue/schema-check.ts'
export type { DreadnodeConfig } from './dreadnode/config.ts'
export type { KratosConfig } from './kratos/config.ts'
export type { RestedConfig } from './rested/config.ts'
export type { WebmixhubConfig } from './webmixhub/config.ts'
export type { JournalEntry } from './platform/control/journal.ts'
export type { Behaviour, ProviderDefinition, IssuedCredentials } from './platform/types.ts'
export type { MockResponse } from './platform/http/response.ts'
export type { IncomingRequest } from './platform/http/buffered-request.ts'
export { registry }

/** Options of `createLogoutMocks`, typed per provider: ids, option names and value types. */
export type LogoutMocksOptions = PlatformOptions<Registry>
/** The id of a registered provider. */
export type ProviderId = Registry[number]['id']
/** A sticky scenario to arm: a misspelt behaviour or operation id is a compile error (the ids come from the catalogue). */
export interface ScenarioRequest extends Omit<PlatformScenarioRequest, 'behaviour' | 'operation'> {
  /** A behaviour id (e.g. `dreadnode.logout.rateLimited`): its operation serves that behaviour. */
  behaviour?: BehaviourId
  /** `<provider>.<operation>` (e.g. `kratos.toSession`); needed only for a pure delay or fault scenario. */
  operation?: OperationId
}

/** One behaviour's line in the coverage report. */
export interface TypedCoverageEntry extends CoverageEntry {
  readonly id: BehaviourId
}

/** Coverage of one provider, keyed by its own operation names. */
export interface TypedProviderCoverage<P extends ProviderId> extends Omit<PlatformProviderCoverage, 'operations' | 'missingDocumented'> {
  /** Each operation's behaviours (catalogue order) with how often they were served, naturally and forced. */
  readonly operations: { readonly [O in OperationNames[P]]: TypedCoverageEntry[] }
  /** Ids of documented behaviours never served: the gaps a test run left. */
  readonly missingDocumented: BehaviourId[]
}

/** The coverage report: totals, and per served provider (absent when `only` leaves it out). */
export interface CoverageReport extends Omit<PlatformCoverageReport, 'providers'> {
  readonly providers: { readonly [P in ProviderId]?: TypedProviderCoverage<P> }
}

/** What `sessions.create` resolves to for a provider: its own credential fields where they are typed. */
export type CredentialsOf<P extends ProviderId> = P extends 'kratos' ? KratosCredentials : P extends 'dreadnode' ? DreadnodeCredentials : IssuedCredentials

/** The mocks object, with the catalogue's ids as types. */
export interface LogoutMocks extends Omit<PlatformMocks, 'scenarios' | 'sessions' | 'coverage' | 'action'> {
  /** Sticky forcing for UIs that cannot set headers: the next `times` requests of an operation (or until cleared). */
  readonly scenarios: Omit<PlatformMocks['scenarios'], 'add'> & {
    /**
     * Arms a scenario; throws a `ControlError` (listing the valid ids) for an id the catalogue does not hold.
     * @example
     * mocks.scenarios.add({ behaviour: 'dreadnode.logout.rateLimited', times: 1 })
     */
    add(input: ScenarioRequest): Scenario
  }
  /** Ready credentials for a fixture user, without a login round trip. */
  readonly sessions: {
    /**
     * Starts a session for `user` (an email or username of the fixtures).
     * @example
     * const { sessionToken, logoutUrl } = await mocks.sessions.create({ provider: 'kratos', user: 'alice' })
     */
    create<P extends ProviderId>(input: { provider: P; user: string }): Promise<CredentialsOf<P>>
  }
  /** Which behaviours were served since the last reset, per provider and operation, documented vs assumed. */
  coverage(): CoverageReport
  /** Runs a provider's control action on its model (e.g. `webmixhub`, `deleteUser`). */
  action(provider: ProviderId, name: string, input?: Record<string, unknown>): Promise<unknown>
}

/**
 * Creates an independent set of mocks (its own model, clock, journal, coverage and scenarios). Options are checked
 * against each provider's JSON Schema: a wrong provider, option name or value throws an `OptionsError` naming them.
 * @example
 * const mocks = createLogoutMocks({ providers: { dreadnode: { unauthenticatedLogout: 'idempotent' } } })
 * setupServer(...mocks.handlers).listen()
 */
export function createLogoutMocks(options: LogoutMocksOptions = {}): LogoutMocks {
  return createInstance(registry, options) as LogoutMocks
}
