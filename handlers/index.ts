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
import { createInstance, type LogoutMocks, type PlatformOptions } from './platform/instance.ts'
import { registry, type Registry } from './providers.ts'

export type { LogoutMocks, ScenarioRequest } from './platform/instance.ts'
export { ControlError } from './platform/control/control-error.ts'
export { OptionsError } from './platform/options/options-error.ts'
export type { SchemaProblem } from './platform/catalogue/schema-check.ts'
export type { DreadnodeConfig } from './dreadnode/config.ts'
export type { KratosConfig } from './kratos/config.ts'
export type { RestedConfig } from './rested/config.ts'
export type { WebmixhubConfig } from './webmixhub/config.ts'
export type { CoverageReport } from './platform/control/coverage.ts'
export type { JournalEntry } from './platform/control/journal.ts'
export type { Behaviour, ProviderDefinition, IssuedCredentials } from './platform/types.ts'
export type { MockResponse } from './platform/http/response.ts'
export type { IncomingRequest } from './platform/http/buffered-request.ts'
export { registry }

/** Options of `createLogoutMocks`, typed per provider: ids, option names and value types. */
export type LogoutMocksOptions = PlatformOptions<Registry>
/** The id of a registered provider. */
export type ProviderId = Registry[number]['id']
/**
 * Creates an independent set of mocks (its own model, clock, journal, coverage and scenarios). Options are checked
 * against each provider's JSON Schema: a wrong provider, option name or value throws an `OptionsError` naming them.
 * @example
 * const mocks = createLogoutMocks({ providers: { dreadnode: { unauthenticatedLogout: 'idempotent' } } })
 * setupServer(...mocks.handlers).listen()
 */
export function createLogoutMocks(options: LogoutMocksOptions = {}): LogoutMocks {
  return createInstance(registry, options)
}
