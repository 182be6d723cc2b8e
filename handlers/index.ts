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
import { createPlatform, type LogoutMocks, type PlatformOptions } from './platform/instance.ts'
import { registry } from './providers.ts'

export type { LogoutMocks, PlatformOptions as LogoutMocksOptions, ScenarioRequest } from './platform/instance.ts'
export { ControlError } from './platform/control-error.ts'
export type { CoverageReport } from './platform/coverage.ts'
export type { JournalEntry } from './platform/journal.ts'
export type { Behaviour, ProviderDefinition, IssuedCredentials } from './platform/types.ts'
export { registry }

/**
 * Creates an independent set of mocks (its own model, clock, journal, coverage and scenarios).
 * @example
 * const mocks = createLogoutMocks({ providers: { dreadnode: { unauthenticatedLogout: 'idempotent' } } })
 * setupServer(...mocks.handlers).listen()
 */
export function createLogoutMocks(options: PlatformOptions = {}): LogoutMocks {
  return createPlatform(registry, options)
}
