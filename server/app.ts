/**
 * The standalone server: every registered provider on one origin, the control API under `/__mock`, CORS, JSON
 * 404/500 of our own, one log line per request. Express 5 serves the control API; provider traffic goes through a
 * thin adapter over msw's public `getResponse()` (no body parser in front of it: handlers read bodies themselves).
 */
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import express from 'express'
import { getResponse } from 'msw'
import { createLogoutMocks, type LogoutMocks, type LogoutMocksOptions } from '../handlers/index.ts'
import { handleControl } from '../handlers/platform/control-api.ts'
import { mockError, problemJson } from '../handlers/platform/mock-error.ts'
import { corsHeaders, isPreflight, preflightHeaders, type CorsPolicy } from './cors.ts'
import { discardUnreadBody, socketAddress, toFetchRequest, writeFetchResponse } from './http-bridge.ts'
import { isStreaming, writeStreamingResponse } from './stream-response.ts'
import { formatExchange, type LogLevel } from './log-format.ts'
import { panelResponse } from './panel.ts'

export interface ServerOptions {
  port?: number
  host?: string
  /** Options of the mock instance (providers, per-provider config, seed, journal size, clock). */
  mocks?: Omit<LogoutMocksOptions, 'origin'>
  /** Restrict the platform CORS to these origins (default: every origin reflected). */
  corsOrigins?: readonly string[] | null
  /** Called with one line per request; default console.log. `null` silences it. */
  log?: ((line: string) => void) | null
  /** `line` (default): one line per request; `headers` adds each exchange's headers; `bodies` adds its bodies too. */
  logLevel?: LogLevel
}

export interface RunningServer {
  /** `http://host:port` as the server really listens. */
  readonly origin: string
  readonly mocks: LogoutMocks
  readonly server: Server
  close(): Promise<void>
}

/** The answer to our own failure: a problem that points at the server log, never the stack itself. */
const internalError = () =>
  mockError({ kind: 'internal-error', title: 'Mock internal error', status: 500, detail: 'The mock failed to handle this request; see the server log.' })

/** The msw adapter: provider traffic, CORS, faults, logging. Mounted as the last express middleware. */
function mockAdapter(mocks: LogoutMocks, origin: string, cors: CorsPolicy, log: ((line: string) => void) | null) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now()
    let status = 0
    let behaviour: string | undefined
    try {
      let request: Request
      try {
        request = toFetchRequest(req, origin)
      } catch (e) {
        status = 400
        await writeFetchResponse(res, mockError({ kind: 'bad-request-target', title: 'Unsupported request target', status: 400, detail: (e as Error).message }))
        return
      }
      const preflight = isPreflight(req)
      mocks.meta.set(request, { clientIp: socketAddress(req) })
      const target = req.url ?? '/'
      const q = target.indexOf('?')
      const pathname = q < 0 ? target : target.slice(0, q)
      const response = await getResponse(mocks.handlersFor(pathname), request)
      const meta = mocks.meta.get(request)
      behaviour = meta.behaviour
      // A provider that owns CORS answers it for its vendor responses; the mock's own errors (forcing mistakes, 405,
      // 500) are not the vendor's and get the platform's CORS so a browser can read them.
      const ownCors = meta.provider !== undefined && mocks.catalogue.provider(meta.provider)?.cors === 'own' && !response?.headers.has('x-logout-mocks-error')

      if (!response) {
        if (preflight) {
          status = 204
          res.writeHead(204, preflightHeaders(cors, req)).end()
          return
        }
        status = 404
        await writeFetchResponse(
          res,
          mockError({
            kind: 'not-found',
            title: 'No mock serves this path',
            status: 404,
            detail: `${req.method} ${pathname} matches no operation of the served providers.`,
            providers: mocks.providers.map((p) => ({ id: p.id, baseUrl: p.baseUrl })),
            control: `${origin}/__mock`,
          }),
          corsHeaders(cors, req),
        )
        return
      }
      if (response.type === 'error') {
        // A fault was asked for: end the connection the way it was asked.
        status = 0
        if (meta.fault === 'connection-reset') req.socket.resetAndDestroy()
        else req.socket.destroy()
        return
      }
      status = response.status
      await writeFetchResponse(res, response, ownCors ? {} : corsHeaders(cors, req), req.method === 'HEAD')
    } catch (e) {
      status = 500
      console.error('[logout-mocks] internal error:', e)
      if (!res.headersSent) {
        await writeFetchResponse(res, internalError())
      } else res.destroy()
    } finally {
      discardUnreadBody(req)
      log?.(`${req.method} ${req.url} ${status || 'closed'} ${(performance.now() - started).toFixed(1)}ms ${behaviour ?? '-'}`)
    }
  }
}

/**
 * Builds the request listener: express serves the control API under `/__mock`; provider traffic goes straight to the
 * msw adapter (express's per-request setup would be pure overhead there: the adapter does its own routing, errors and
 * logging).
 * @example
 * const listener = createApp(createLogoutMocks({ origin: 'http://127.0.0.1:9090' }), 'http://127.0.0.1:9090')
 * http.createServer(listener).listen(9090)
 */
export function createApp(mocks: LogoutMocks, origin: string, options: { cors?: CorsPolicy; log?: ((line: string) => void) | null } = {}) {
  const cors = options.cors ?? { origins: null }
  const log = options.log === undefined ? (line: string) => console.log(line) : options.log
  const control = express()
  control.disable('x-powered-by')
  control.set('etag', false)
  control.use('/__mock', async (req, res, next) => {
    const started = performance.now()
    try {
      if (isPreflight(req)) {
        res.writeHead(204, preflightHeaders(cors, req)).end()
        return
      }
      const panel = await panelResponse(req.method ?? 'GET', req.originalUrl)
      if (panel) {
        await writeFetchResponse(res, panel, {}, req.method === 'HEAD')
        log?.(`${req.method} ${req.originalUrl} ${panel.status} ${(performance.now() - started).toFixed(1)}ms control`)
        return
      }
      // The request is aborted when the client goes away, so a stream it opened (requests/stream) ends with it.
      const gone = new AbortController()
      res.once('close', () => gone.abort())
      const response = await handleControl(mocks, new Request(toFetchRequest(req, origin, req.originalUrl), { signal: gone.signal }))
      if (!response) return next()
      if (isStreaming(response)) {
        log?.(`${req.method} ${req.originalUrl} ${response.status} stream opened control`)
        await writeStreamingResponse(res, response, corsHeaders(cors, req))
        return
      }
      await writeFetchResponse(res, response, corsHeaders(cors, req))
      log?.(`${req.method} ${req.originalUrl} ${response.status} ${(performance.now() - started).toFixed(1)}ms control`)
    } catch (e) {
      next(e)
    }
  })
  control.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    console.error('[logout-mocks] internal error:', err)
    void writeFetchResponse(res, internalError())
  })
  const adapter = mockAdapter(mocks, origin, cors, log)
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/'
    if (url === '/__mock' || url.startsWith('/__mock/') || url.startsWith('/__mock?')) control(req, res)
    else void adapter(req, res)
  }
}

/** Answers requests Node's HTTP parser rejects (oversized headers, malformed request lines) with JSON, not silence. */
function answerClientError(err: NodeJS.ErrnoException & { code?: string }, socket: Socket) {
  if (!socket.writable) return socket.destroy()
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW'
  const status = tooLarge ? 431 : 400
  const body = problemJson({
    kind: tooLarge ? 'headers-too-large' : 'malformed-request',
    title: tooLarge ? 'Request headers too large' : 'Malformed HTTP request',
    status,
    detail: tooLarge ? 'The request headers exceed the server limit of 16 KiB.' : `The HTTP request could not be parsed (${err.code ?? 'unknown'}).`,
  })
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

/**
 * Starts the standalone server. Port 0 picks a free port; the mocks' base URLs follow the address really bound.
 * @example
 * const { origin, close } = await startServer({ port: 0, log: null })
 * await fetch(`${origin}/api/v1/auth/logout`, { method: 'POST' }) // 401 from the Dreadnode mock
 * await close()
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const server = http.createServer({ maxHeaderSize: 16 * 1024 })
  server.on('clientError', answerClientError)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 9090, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('server did not bind a TCP address')
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const origin = `http://${hostPart === '0.0.0.0' ? '127.0.0.1' : hostPart === '[::]' ? '[::1]' : hostPart}:${address.port}`
  let mocks: LogoutMocks
  try {
    mocks = createLogoutMocks({ ...options.mocks, origin })
    await mocks.ready
  } catch (e) {
    // Bad options: release the port so the process can exit with the message.
    await new Promise<void>((resolve) => server.close(() => resolve()))
    throw e
  }
  server.on('request', createApp(mocks, origin, { cors: { origins: options.corsOrigins ?? null }, log: options.log }))
  const log = options.log === undefined ? (line: string) => console.log(line) : options.log
  const level = options.logLevel ?? 'line'
  if (log && level !== 'line') mocks.journal.subscribe((entry) => log(formatExchange(entry, level)))
  return {
    origin,
    mocks,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 2000).unref()
      }),
  }
}
