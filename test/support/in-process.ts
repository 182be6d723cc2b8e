/**
 * Test support: the mocks in-process, behind msw's `setupServer`.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { setupServer } from 'msw/node'
import { createLogoutMocks, type LogoutMocks, type LogoutMocksOptions } from '../../handlers/index.ts'

/**
 * Creates mocks and starts intercepting; `close()` stops.
 * @example
 * const { mocks, close } = startInProcess({ seed: 1 })
 */
export function startInProcess(options: LogoutMocksOptions = {}): { mocks: LogoutMocks; close(): void } {
  const mocks = createLogoutMocks(options)
  const server = setupServer(...mocks.handlers)
  server.listen({ onUnhandledFrame: 'error' })
  return { mocks, close: () => server.close() }
}

/**
 * Intercepts for the current test file and resets the model before each test.
 * @example
 * const mocks = useInProcessMocks()
 * it('…', async () => { await fetch('https://app.dreadnode.io/api/v1/auth/logout', { method: 'POST' }) })
 */
export function useInProcessMocks(options: LogoutMocksOptions = {}): LogoutMocks {
  const mocks = createLogoutMocks(options)
  const server = setupServer(...mocks.handlers)
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  beforeEach(() => mocks.reset())
  afterAll(() => server.close())
  return mocks
}
