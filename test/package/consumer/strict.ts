// A strict TypeScript consumer (see tsconfig in test/package/consumer.test.ts): the public API must type-check under
// nodenext, strict, noUncheckedIndexedAccess and exactOptionalPropertyTypes.
import { setupServer } from 'msw/node'
import { createLogoutMocks, type LogoutMocks, type LogoutMocksOptions } from 'logout-mocks'
import { startServer, type RunningServer } from 'logout-mocks/server'
import { UnhandledRequestError, type MockDispatcherOptions } from 'logout-mocks/dispatcher'
import { getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici'

const options: LogoutMocksOptions = { seed: 1, journalSize: 10, providers: { dreadnode: { unauthenticatedLogout: 'idempotent' } } }
const mocks: LogoutMocks = createLogoutMocks(options)
const server = setupServer(...mocks.handlers)
server.listen({ onUnhandledFrame: 'error' })

const credentials = await mocks.sessions.create({ provider: 'dreadnode', user: 'alice' })
const logout: Response = await fetch('https://app.dreadnode.io/api/v1/auth/logout', { method: 'POST', headers: credentials.headers })
const served: number = mocks.coverage().providers.dreadnode?.documented.served ?? 0
console.log(logout.status, served, mocks.journal.list({ provider: 'dreadnode' })[0]?.status)
server.close()

const running: RunningServer = await startServer({ port: 0, host: '127.0.0.1', log: null, mocks: { only: ['kratos'] } })
const origin: string = running.origin
const port: number | undefined = (running.server.address() as { port: number } | null)?.port
console.log(origin, port)
await running.close()

// The fetch door: undici's Dispatcher type once logout-mocks/dispatcher is imported.
const dispatcherOptions: MockDispatcherOptions = { unhandled: 'error', fallback: getGlobalDispatcher() }
const dispatcher: Dispatcher = mocks.dispatcher(dispatcherOptions)
setGlobalDispatcher(dispatcher)
await dispatcher.close()
console.log(new UnhandledRequestError('GET', 'https://example.invalid/', []).code)
// Typed ids and credentials: Kratos's session token and logout URL are strings, coverage is keyed by operation name.
const kratos = createLogoutMocks({ only: ['kratos'] })
const session = await kratos.sessions.create({ provider: 'kratos', user: 'alice' })
const logoutUrl: string = session.logoutUrl
const sessionToken: string = session.sessionToken
kratos.scenarios.add({ behaviour: 'kratos.performNativeLogout.revoked', times: 1 })
const missing: string[] = kratos.coverage().providers.kratos?.missingDocumented ?? []
console.log(logoutUrl, sessionToken, missing.length)
