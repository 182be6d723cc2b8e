/**
 * The two shapes of an undici dispatch handler behind one small interface. `fetch` and `undici.request` (Node's
 * bundled undici and the package) pass the classic callbacks (`onConnect`, `onHeaders`, `onData`, `onComplete`,
 * `onError`); interceptors composed with `dispatcher.compose()` pass the controller callbacks (`onRequestStart`,
 * `onResponseStart`, `onResponseData`, `onResponseEnd`, `onResponseError`). The mock answers in one go (headers,
 * then the whole body in one chunk), as undici's own MockAgent does.
 */

/** The classic handler callbacks (undici's `Dispatcher.DispatchHandler`, the part a door calls). */
interface ClassicHandler {
  onConnect?(abort: (reason?: Error) => void, context?: object): void
  onResponseStarted?(): void
  onHeaders?(status: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean
  onData?(chunk: Buffer): boolean
  onComplete?(trailers: Buffer[] | null): void
  onError?(error: Error): void
}

/** The controller callbacks (undici 7's handler interface). */
interface ControllerHandler {
  onRequestStart?(controller: Controller, context: object): void
  onResponseStart?(controller: Controller, status: number, headers: Record<string, string | string[]>, statusMessage?: string): void
  onResponseData?(controller: Controller, chunk: Buffer): void
  onResponseEnd?(controller: Controller, trailers: Record<string, string | string[]>): void
  onResponseError?(controller: Controller, error: Error): void
}

interface Controller {
  abort(reason?: Error): void
  pause(): void
  resume(): void
  readonly aborted: boolean
  readonly paused: boolean
  readonly reason: Error | null
}

/** A handler as the door drives it. */
export interface HandlerCalls {
  /** Tells the handler the request has started; `abort` is what the client calls to give up. */
  start(abort: (reason?: Error) => void): void
  /** The whole answer: status, headers as name/value pairs (`Set-Cookie` once per line), the body or none. */
  respond(status: number, statusText: string, headers: readonly (readonly [string, string])[], body: Buffer | null): void
  fail(error: Error): void
}

function classic(handler: ClassicHandler): HandlerCalls {
  return {
    start(abort) {
      handler.onConnect?.(abort, {})
    },
    respond(status, statusText, headers, body) {
      handler.onResponseStarted?.()
      const raw: Buffer[] = []
      for (const [name, value] of headers) raw.push(Buffer.from(name, 'latin1'), Buffer.from(value, 'latin1'))
      // The whole answer is in memory: backpressure (a false return, a later resume) has nothing to hold back.
      handler.onHeaders?.(status, raw, () => {}, statusText)
      if (body && body.byteLength > 0) handler.onData?.(body)
      handler.onComplete?.([])
    },
    fail(error) {
      if (!handler.onError) throw error
      handler.onError(error)
    },
  }
}

function controlled(handler: ControllerHandler): HandlerCalls {
  let abortWith: (reason?: Error) => void = () => {}
  let reason: Error | null = null
  let paused = false
  const controller: Controller = {
    abort(why) {
      reason = why ?? new Error('aborted')
      abortWith(reason)
    },
    pause() {
      paused = true
    },
    resume() {
      paused = false
    },
    get aborted() {
      return reason !== null
    },
    get paused() {
      return paused
    },
    get reason() {
      return reason
    },
  }
  return {
    start(abort) {
      abortWith = abort
      handler.onRequestStart?.(controller, {})
    },
    respond(status, statusText, headers, body) {
      const object: Record<string, string | string[]> = {}
      for (const [name, value] of headers) {
        const before = object[name]
        object[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value]
      }
      handler.onResponseStart?.(controller, status, object, statusText)
      if (reason) return
      if (body && body.byteLength > 0) handler.onResponseData?.(controller, body)
      if (reason) return
      handler.onResponseEnd?.(controller, {})
    },
    fail(error) {
      handler.onResponseError?.(controller, error)
    },
  }
}

/**
 * Drives either handler shape.
 * @example
 * const calls = handlerCalls(handler)
 * calls.start((reason) => calls.fail(reason ?? new Error('aborted')))
 * calls.respond(204, 'No Content', [['date', 'Wed, 15 Jan 2025 10:30:00 GMT']], null)
 */
export function handlerCalls(handler: object): HandlerCalls {
  const h = handler as ControllerHandler
  return typeof h.onRequestStart === 'function' || typeof h.onResponseStart === 'function' ? controlled(h) : classic(handler as ClassicHandler)
}
