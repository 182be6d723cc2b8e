/**
 * Test support: the mocks in-process, behind msw's `setupServer`, fresh state before every test.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { setupServer } from 'msw/node'
import { createLogoutMocks, type LogoutMocks, type LogoutMocksOptions } from '../../handlers/index.ts'

/**
 * Starts interception for the current test file and resets the model before each test.
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
