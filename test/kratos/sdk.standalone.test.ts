/** The official Ory SDKs against the standalone server, Kratos mounted under /auth (the seed's prefix). */
import { afterAll, beforeAll, beforeEach } from 'vitest'
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
