/**
 * Test support: run the same suite in-process (msw `setupServer`, the vendor's real base URL) and against the real
 * standalone server, with a fresh model before each test.
 */
import { afterAll, beforeAll, beforeEach, describe } from 'vitest'
import { setupServer } from 'msw/node'
import { createLogoutMocks, type LogoutMocks, type LogoutMocksOptions } from '../../handlers/index.ts'
import type { RunningServer } from '../../server.ts'
import { startStandalone } from './standalone.ts'

export interface Target {
  readonly mode: 'in-process' | 'standalone'
  readonly mocks: LogoutMocks
  /** The provider's base URL in this mode. */
  baseUrl(provider: string): string
  /** The standalone origin (control API lives under it); undefined in-process. */
  readonly origin?: string
}

/**
 * @example
 * describeBothModes('dreadnode logout', {}, (t) => {
 *   it('…', async () => { await fetch(t().baseUrl('dreadnode') + '/api/v1/auth/logout', { method: 'POST' }) })
 * })
 */
export function describeBothModes(title: string, options: Omit<LogoutMocksOptions, 'origin'>, body: (target: () => Target) => void) {
  for (const mode of ['in-process', 'standalone'] as const) {
    describe(`${title} (${mode})`, () => {
      let target: Target
      let server: ReturnType<typeof setupServer> | undefined
      let running: RunningServer | undefined
      beforeAll(async () => {
        let mocks: LogoutMocks
        if (mode === 'in-process') {
          mocks = createLogoutMocks(options)
          server = setupServer(...mocks.handlers)
          server.listen({ onUnhandledFrame: 'error' })
        } else {
          running = await startStandalone({ mocks: options })
          mocks = running.mocks
        }
        target = { mode, mocks, origin: running?.origin, baseUrl: (id) => mocks.providers.find((p) => p.id === id)!.baseUrl }
      })
      beforeEach(() => target.mocks.reset())
      afterAll(async () => {
        server?.close()
        await running?.close()
      })
      body(() => target)
    })
  }
}
