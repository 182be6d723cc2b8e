/**
 * logout-mocks/dispatcher — the Node-only entry of the in-process fetch door. `mocks.dispatcher()` exists on every
 * instance; the main entry types it without undici or Node types (a page's TypeScript project has neither).
 * Importing this entry gives it undici's own `Dispatcher` type, so `fetch(url, { dispatcher })` and
 * `setGlobalDispatcher(mocks.dispatcher())` type-check.
 *
 * @example
 * import { setGlobalDispatcher } from 'undici'
 * import { createLogoutMocks } from 'logout-mocks'
 * import 'logout-mocks/dispatcher'
 *
 * const mocks = createLogoutMocks()
 * setGlobalDispatcher(mocks.dispatcher({ unhandled: 'error' }))
 * // fetch('https://app.dreadnode.io/api/v1/auth/logout', { method: 'POST' }) → 401 from the mock, no socket
 */
import type { Dispatcher } from 'undici'
import type { MockDispatcherOptions as BaseOptions } from './platform/dispatcher/mock-dispatcher.ts'

export { UnhandledRequestError } from './platform/dispatcher/mock-dispatcher.ts'

/** Options of `mocks.dispatcher()`, with undici's type for the fallback. */
export interface MockDispatcherOptions extends BaseOptions {
  /** Where requests no mock serves go (default: the global dispatcher when this one is made). */
  fallback?: Dispatcher
}

declare module './platform/instance.js' {
  interface LogoutMocks {
    /** An undici `Dispatcher` answering the served providers from the route table (see docs/in-process.md). */
    dispatcher(options?: MockDispatcherOptions): Dispatcher
  }
}
