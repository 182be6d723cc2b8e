/**
 * Test support: run the same suite in-process (msw `setupServer`, the vendor's real base URL) and against the real
 * standalone server, with a fresh model before each test.
 */
import { afterAll, beforeAll, beforeEach, describe } from 'vitest'
import type { LogoutMocks, LogoutMocksOptions } from '../../handlers/index.ts'
import { startInProcess } from './in-process.ts'
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
      let close: () => unknown = () => {}
      beforeAll(async () => {
        const running = mode === 'in-process' ? startInProcess(options) : await startStandalone({ mocks: options })
        const { mocks } = running
        close = () => running.close()
        target = { mode, mocks, origin: 'origin' in running ? running.origin : undefined, baseUrl: (id) => mocks.providers.find((p) => p.id === id)!.baseUrl }
      })
      beforeEach(() => target.mocks.reset())
      afterAll(() => close())
      body(() => target)
    })
  }
}
