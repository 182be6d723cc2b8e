/** The official Ory SDKs against the in-process mock at Kratos's default base URL. */
import { useInProcessMocks } from '../support/in-process.ts'
import { sdkSuite } from './sdk-suite.ts'

useInProcessMocks({ only: ['kratos'] })
sdkSuite('in-process', () => 'http://127.0.0.1:4433')
