/**
 * Test support: the real standalone server on a free 127.0.0.1 port.
 */
import { startServer, type RunningServer } from '../../server.ts'
import type { LogoutMocksOptions } from '../../handlers/index.ts'

/**
 * @example
 * const server = await startStandalone()
 * await fetch(`${server.origin}/api/v1/auth/logout`, { method: 'POST' })
 * await server.close()
 */
export async function startStandalone(options: { mocks?: Omit<LogoutMocksOptions, 'origin'>; corsOrigins?: string[] } = {}): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', mocks: options.mocks, corsOrigins: options.corsOrigins, log: null })
}
