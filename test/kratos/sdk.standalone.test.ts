/** The official Ory SDKs against the standalone server, Kratos mounted under /auth (the default prefix); CORS preflights. */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'
import { sdkSuite } from './sdk-suite.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startStandalone({ mocks: { only: ['kratos'] } })
})
beforeEach(() => server.mocks.reset())
afterAll(() => server.close())
sdkSuite('standalone', () => `${server.origin}/auth`)

it('a CORS preflight to a Kratos route is answered by the platform CORS (as Kratos’s CORS middleware would), not as a wrong method', async () => {
  for (const path of ['/self-service/logout', '/sessions/whoami']) {
    const preflight = await fetch(`${server.origin}/auth${path}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-session-token' },
    })
    expect(preflight.status, path).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-session-token')
  }
  const plain = await fetch(`${server.origin}/auth/self-service/logout`, { method: 'OPTIONS' })
  expect(plain.status).toBe(405)
})
