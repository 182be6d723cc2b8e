/**
 * The in-process door for fetch: an undici `Dispatcher` (`mocks.dispatcher()`) that answers requests to the served
 * providers' base URLs straight from the route table the standalone server uses, with no socket, no interception
 * and no msw per-request machinery, and hands every other request to the dispatcher it wraps (by default the global
 * one it found), or refuses it. Node's global `fetch` and the `undici` package's `fetch`/`request` call it alike.
 *
 * Browser-safe to import: `undici` (a dependency, Node only) is loaded the first time a dispatcher is made, through
 * `process.getBuiltinModule('node:module')`, so a page's bundle never sees it; in a page `dispatcher()` throws a
 * plain message instead.
 */
import type { Dispatcher } from 'undici'
import type { Answer } from '../pipeline/operation-pipeline.ts'
import type { Fault } from '../pipeline/forcing.ts'
import type { IncomingRequest } from '../http/buffered-request.ts'
import { isNullBodyStatus, type MockResponse } from '../http/response.ts'
import { mockError } from '../http/mock-error.ts'
import { dispatchedRequest, dispatchHeaders, readDispatchBody, withWireLength, type DispatchBody, type DispatchHeaders } from './dispatched-request.ts'
import { handlerCalls, type HandlerCalls } from './dispatch-handler.ts'

/** Anything with undici's `dispatch`: an `Agent`, a `Pool`, a `MockAgent`, another mock dispatcher. */
export interface DispatcherLike {
  dispatch(options: never, handler: never): boolean
}

export interface MockDispatcherOptions {
  /** Where requests no mock serves go (default: the global dispatcher when this one is made). */
  fallback?: DispatcherLike
  /** `bypass` (default): requests no mock serves go to `fallback`; `error`: they fail, naming the URL. */
  unhandled?: 'bypass' | 'error'
}

/**
 * What `mocks.dispatcher()` returns, as the browser-safe entry types it: an undici `Dispatcher` (import
 * `logout-mocks/dispatcher` for undici's own type).
 */
export interface MockDispatcherHandle extends DispatcherLike {
  /** Stops answering; when this dispatcher is the global one, the global one before it is put back. */
  close(): Promise<void>
  destroy(): Promise<void>
}

/** The route table's door (the instance's `dispatch`). */
export type PipelineDispatch = (request: IncomingRequest, url: URL, socketIp: string | undefined) => Promise<Answer | undefined>

/** A request no mock serves, refused (`unhandled: 'error'`). */
export class UnhandledRequestError extends Error {
  readonly code = 'LOGOUT_MOCKS_UNHANDLED_REQUEST'
  constructor(method: string, url: string, bases: readonly string[]) {
    super(`logout-mocks: no mock serves ${method} ${url}, and this dispatcher refuses unmatched requests (unhandled: 'error'). Served base URLs: ${bases.join(', ')}`)
    this.name = 'UnhandledRequestError'
  }
}

type Undici = typeof import('undici')
interface NodeProcess {
  getBuiltinModule?(id: string): unknown
}

let undici: Undici | undefined
let statusTexts: Record<number, string | undefined> = {}

/** The `undici` package, required once, synchronously (a dispatcher is needed before the first request). */
function loadUndici(): Undici {
  if (undici) return undici
  const proc = (globalThis as { process?: NodeProcess }).process
  if (typeof proc?.getBuiltinModule !== 'function') {
    throw new Error("mocks.dispatcher() is an undici Dispatcher for Node's fetch (Node >= 22.12); in a browser, use setupWorker(...mocks.handlers)")
  }
  const { createRequire } = proc.getBuiltinModule('node:module') as typeof import('node:module')
  statusTexts = (proc.getBuiltinModule('node:http') as typeof import('node:http')).STATUS_CODES
  undici = createRequire(import.meta.url)('undici') as Undici
  return undici
}

/** Base URLs as origin + path, for the cheap test "could a mock serve this URL?" before the body is read. */
function parseBases(baseUrls: readonly string[]) {
  return baseUrls.map((b) => {
    const u = new URL(b)
    return { origin: u.origin, path: u.pathname.replace(/(?<!\/)\/+$/, '') }
  })
}

/** The answer as the standalone door writes it: `Set-Cookie` lines apart, the default type and length of a body. */
function send(calls: HandlerCalls, response: MockResponse, head: boolean) {
  const lines: [string, string][] = []
  for (const [name, value] of response.headers) if (name !== 'set-cookie') lines.push([name, value])
  for (const cookie of response.headers.getSetCookie()) lines.push(['set-cookie', cookie])
  let body: Buffer | null = null
  if (!head && response.body !== null && !isNullBodyStatus(response.status)) {
    body = Buffer.from(response.body, 'utf8')
    if (!response.headers.has('content-type')) lines.push(['content-type', 'text/plain;charset=UTF-8'])
    if (!response.headers.has('content-length')) lines.push(['content-length', String(body.byteLength)])
  }
  calls.respond(response.status, statusTexts[response.status] ?? '', lines, body)
}

function faultError(u: Undici, fault: Exclude<Fault, 'hang'>): Error {
  if (fault === 'connection-reset') return Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' })
  return new u.errors.SocketError('other side closed')
}

/** Our failure, said as the standalone door says it (never a stack). */
const internalError = () => mockError({ kind: 'internal-error', title: 'Mock internal error', status: 500, detail: 'The mock failed to handle this request; see the log.' })

type MockDispatcherClass = new (dispatch: PipelineDispatch, baseUrls: readonly string[], options: MockDispatcherOptions) => Dispatcher
let MockDispatcher: MockDispatcherClass | undefined

/** The class, made once undici is loaded (it extends undici's own `Dispatcher`). */
function mockDispatcherClass(): MockDispatcherClass {
  if (MockDispatcher) return MockDispatcher
  const u = loadUndici()
  MockDispatcher = class extends u.Dispatcher {
    readonly #dispatch: PipelineDispatch
    readonly #bases: { origin: string; path: string }[]
    readonly #baseUrls: readonly string[]
    readonly #fallback: Dispatcher
    readonly #previousGlobal: Dispatcher
    readonly #refuse: boolean
    #closed = false

    constructor(dispatch: PipelineDispatch, baseUrls: readonly string[], options: MockDispatcherOptions) {
      super()
      const unhandled = options.unhandled ?? 'bypass'
      if (unhandled !== 'bypass' && unhandled !== 'error') throw new TypeError(`unhandled must be 'bypass' or 'error', got ${JSON.stringify(unhandled)}`)
      if (options.fallback !== undefined && typeof (options.fallback as { dispatch?: unknown } | null)?.dispatch !== 'function') {
        throw new TypeError('fallback must be an undici Dispatcher (an object with dispatch())')
      }
      this.#dispatch = dispatch
      this.#baseUrls = baseUrls
      this.#bases = parseBases(baseUrls)
      this.#previousGlobal = u.getGlobalDispatcher()
      this.#fallback = (options.fallback as Dispatcher | undefined) ?? this.#previousGlobal
      this.#refuse = unhandled === 'error'
    }

    #serves(url: URL): boolean {
      for (const b of this.#bases) {
        if (url.origin === b.origin && (b.path === '' || url.pathname === b.path || url.pathname.startsWith(b.path + '/'))) return true
      }
      return false
    }

    /** A request no mock serves: on to the fallback (with the body already read, if it was), or refused. */
    #unhandled(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler, url: string, body: Uint8Array | null | undefined): boolean {
      if (this.#refuse) {
        handlerCalls(handler).fail(new UnhandledRequestError(opts.method, url, this.#baseUrls))
        return true
      }
      return this.#fallback.dispatch(body === undefined ? opts : { ...opts, body: body ?? null }, handler)
    }

    override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
      if (this.#closed) {
        handlerCalls(handler).fail(new u.errors.ClientClosedError())
        return false
      }
      const origin = String(opts.origin ?? '').replace(/(?<!\/)\/+$/, '')
      const url = URL.parse(origin + opts.path)
      if (!url || !this.#serves(url)) return this.#unhandled(opts, handler, url?.href ?? origin + opts.path, undefined)
      void this.#answer(opts, handler, url)
      return true
    }

    async #answer(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler, url: URL): Promise<void> {
      const calls = handlerCalls(handler)
      const head = opts.method === 'HEAD'
      let settled = false
      let timer: ReturnType<typeof setTimeout> | undefined
      let wake: (() => void) | undefined
      const abort = (reason?: Error) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        wake?.()
        calls.fail(reason ?? new u.errors.RequestAbortedError())
      }
      calls.start(abort)
      if (settled) return
      try {
        const body = await readDispatchBody(opts.body as DispatchBody)
        if (settled) return
        const request = dispatchedRequest(url, opts.method, withWireLength(dispatchHeaders(opts.headers as DispatchHeaders, url), opts.method, body), body)
        const answer = await this.#dispatch(request, url, undefined)
        if (settled) return
        if (!answer) {
          // Under a provider's base URL, but no operation of it (msw's in-process door lets these through too).
          settled = true
          if (body.bytes === null) calls.fail(new Error(`logout-mocks: ${opts.method} ${url.href} is served by no mock, and its body was too large to pass on`))
          else this.#unhandled(opts, handler, url.href, opts.body == null ? undefined : body.bytes)
          return
        }
        if (answer.delayMs > 0) {
          await new Promise<void>((resolve) => {
            wake = resolve
            timer = setTimeout(resolve, answer.delayMs)
          })
          if (settled) return
        }
        // Hang: nothing is sent until the client gives up (its AbortSignal).
        if (answer.fault === 'hang') return
        settled = true
        if (answer.fault) calls.fail(faultError(u, answer.fault))
        else send(calls, answer.response, head)
      } catch (e) {
        if (settled) {
          // The client's own handler threw while it was being answered (this promise has no one to reject to).
          console.error("[logout-mocks] the client's dispatch handler threw:", e)
          return
        }
        settled = true
        console.error('[logout-mocks] internal error:', e)
        send(calls, internalError(), head)
      }
    }

    override close(): Promise<void>
    override close(callback: () => void): void
    override close(callback?: () => void): Promise<void> | void {
      this.#closed = true
      if (u.getGlobalDispatcher() === this) u.setGlobalDispatcher(this.#previousGlobal)
      if (callback) queueMicrotask(callback)
      else return Promise.resolve()
    }

    override destroy(): Promise<void>
    override destroy(err: Error | null): Promise<void>
    override destroy(callback: () => void): void
    override destroy(err: Error | null, callback: () => void): void
    override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
      const callback = typeof a === 'function' ? a : b
      if (callback) this.close(callback)
      else return this.close()
    }
  }
  return MockDispatcher
}

/**
 * Makes an undici `Dispatcher` over an instance's route table (what `mocks.dispatcher()` calls).
 * @example
 * const dispatcher = createMockDispatcher(table.dispatch, ['https://app.dreadnode.io'], { unhandled: 'error' })
 * await fetch('https://app.dreadnode.io/api/v1/auth/logout', { method: 'POST', dispatcher }) // 401 from the mock
 */
export function createMockDispatcher(dispatch: PipelineDispatch, baseUrls: readonly string[], options: MockDispatcherOptions = {}): MockDispatcherHandle {
  const given: unknown = options
  if (given === null || typeof given !== 'object') throw new TypeError(`dispatcher options must be an object, got ${JSON.stringify(given) ?? String(given)}`)
  const Class = mockDispatcherClass()
  return new Class(dispatch, baseUrls, options) as unknown as MockDispatcherHandle
}
