/**
 * The standalone server: every registered provider on one origin, the control API under `/__mock`, CORS, JSON
 * 404/500 of our own, one log line per request. Express 5 serves the control API; provider traffic goes through the
 * instance's route table into the same operation pipeline the msw handlers run (no body parser in front of it).
 */
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import express from 'express'
import { setTimeout as sleep } from 'node:timers/promises'
import { registry, type LogoutMocks, type LogoutMocksOptions } from '../handlers/index.ts'
import { createPlatform } from '../handlers/platform/platform.ts'
import { DEFAULT_LANE, type Lane } from '../handlers/platform/state/lane.ts'
import { createLaneRegistry, LanesFullError, type LaneRegistry } from '../handlers/platform/state/lanes.ts'
import { LANE_HEADER, selectLane, withoutLaneQuery } from './lane-selector.ts'
import { lanesJournal } from '../handlers/platform/control/lanes-journal.ts'
import { CONTROL_BODY_LIMIT, handleControl } from '../handlers/platform/control/control-api.ts'
import { BufferedRequest } from '../handlers/platform/http/buffered-request.ts'
import { mockError } from '../handlers/platform/http/mock-error.ts'
import { corsHeaders, exposedHeaders, isPreflight, preflightHeaders, type CorsPolicy } from './cors.ts'
import { exposureWarning, guardControl, type ControlPolicy } from './control-guard.ts'
import { httpDate } from '../handlers/platform/http/http-date.ts'
import { answerBeforeRouting, answerClientError, answerConnect, answerExpectation, journalUnrouted } from './transport-answers.ts'
import { bufferBody, discardUnreadBody, socketAddress, toBufferedRequest, writeResponse } from './http-bridge.ts'
import { RawHeaders } from './raw-headers.ts'
import { isStreaming, writeStreamingResponse } from './stream-response.ts'
import { formatExchange, type LogLevel } from './log-format.ts'
import { redactingLog, shownControlTarget } from './redact.ts'
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
  /** Origins allowed to call the control API (`/__mock`) cross-origin (default: none; same-origin and curl work). */
  controlOrigins?: readonly string[]
  /** Host names the control API answers besides loopback names, IP addresses and the bound host. */
  allowedHosts?: readonly string[]
  /** When set, the control API requires `Authorization: Bearer <token>` (or the cookie `?token=` gives a browser). */
  controlToken?: string | null
  /** `line` (default): one line per request; `headers` adds each exchange's headers; `bodies` adds its bodies too. */
  logLevel?: LogLevel
  /** Most lanes held at once, `default` included (default 64). */
  maxLanes?: number
  /** A lane unused this long (real clock, ms) is dropped (default 30 minutes); `default` never is. */
  laneIdleMs?: number
}

export interface RunningServer {
  /** `http://host:port` as the server really listens. */
  readonly origin: string
  /** The `default` lane: what a client that names no lane gets. */
  readonly mocks: LogoutMocks
  /** Every lane of the server (`X-Mock-Lane`, `<id>.localhost`, `__lane`, the lane cookie). */
  readonly lanes: LaneRegistry
  readonly server: Server
  close(): Promise<void>
}

/** The answer to our own failure: a problem that points at the server log, never the stack itself. */
const internalError = () =>
  mockError({ kind: 'internal-error', title: 'Mock internal error', status: 500, detail: 'The mock failed to handle this request; see the server log.' })

/** The longest request URL the provider routes look at: msw's matcher throws on a longer URL (origin included). */
const MAX_URL_LENGTH = 8192

/** The answer when every lane is in use at the cap: a 503 problem naming the cap and the flag. */
const lanesFull = (e: LanesFullError) =>
  mockError({ kind: 'lanes-full', title: 'No lane available', status: 503, detail: e.message, maxLanes: e.maxLanes, flag: '--max-lanes' }, { 'Retry-After': '1' })

/**
 * The provider door: provider traffic through the platform's route table straight into the operation pipeline, in
 * the request's lane (no msw `handler.run` per request), the body read once with a bound, the answer written straight
 * to the socket; CORS, faults and logging around it. Mounted after the control API.
 */
function providerDoor(lanes: LaneRegistry, origin: string, cors: CorsPolicy, log: ((line: string) => void) | null) {
  const providers = lanes.get(DEFAULT_LANE)!.providers
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now()
    let status = 0
    let behaviour: string | undefined
    let routed = false
    // Until the request's lane is known, the door's own answers are the default lane's.
    let lane: Lane = lanes.get(DEFAULT_LANE)!
    let acquired = false
    // Every answer carries the platform clock's Date: the pipeline stamps its own, the door's own get `own()`.
    res.sendDate = false
    const own = (headers: Record<string, string> = {}) => ({ ...headers, date: httpDate(lane.clock.now()) })
    try {
      const target = req.url ?? '/'
      const received = target.startsWith('/') ? URL.parse(origin + target) : null
      if (!received) {
        status = 400
        await writeResponse(res, mockError({ kind: 'bad-request-target', title: 'Unsupported request target', status: 400, detail: `unsupported request target "${target.slice(0, 100)}"` }), own())
        return
      }
      if (received.href.length > MAX_URL_LENGTH) {
        status = 414
        await writeResponse(
          res,
          mockError({ kind: 'uri-too-long', title: 'Request URL too long', status: 414, detail: `The request URL is ${received.href.length} characters; the mock serves URLs up to ${MAX_URL_LENGTH}.` }),
          own(corsHeaders(cors, req)),
        )
        return
      }
      const choice = selectLane(req, received)
      if (!choice.ok) {
        status = 400
        await writeResponse(res, choice.response, own(corsHeaders(cors, req)))
        return
      }
      try {
        lane = lanes.acquire(choice.id)
        acquired = true
      } catch (e) {
        if (!(e instanceof LanesFullError)) throw e
        status = 503
        await writeResponse(res, lanesFull(e), own(corsHeaders(cors, req)))
        return
      }
      const url = withoutLaneQuery(received)
      const pathname = url.pathname
      const pendingBody = bufferBody(req)
      const body = pendingBody instanceof Promise ? await pendingBody : pendingBody
      const request = toBufferedRequest(req, url, body)
      // The lane header is the mock's, never the provider's.
      if (choice.via === 'header') request.headers.delete(LANE_HEADER)
      const answer = await lane.dispatch(request, url, socketAddress(req))
      routed = answer !== undefined

      if (!answer) {
        if (isPreflight(req)) {
          status = 204
          res.writeHead(204, own(preflightHeaders(cors, req))).end()
          return
        }
        status = 404
        await writeResponse(
          res,
          mockError({
            kind: 'not-found',
            title: 'No mock serves this path',
            status: 404,
            detail: `${req.method} ${pathname} matches no operation of the served providers.`,
            providers: providers.map((p) => ({ id: p.id, baseUrl: p.baseUrl })),
            control: `${origin}/__mock`,
          }),
          own(corsHeaders(cors, req)),
        )
        return
      }
      behaviour = answer.behaviour
      if (answer.delayMs > 0) await sleep(answer.delayMs)
      if (answer.fault === 'hang') return
      if (answer.fault) {
        // A fault was asked for: end the connection the way it was asked.
        status = 0
        if (answer.fault === 'connection-reset') req.socket.resetAndDestroy()
        else req.socket.destroy()
        return
      }
      const { response } = answer
      // A provider that owns CORS answers it for its vendor responses; the mock's own errors (forcing mistakes, 405,
      // 500) are not the vendor's and get the platform's CORS so a browser can read them.
      const ownCors = answer.provider.cors === 'own' && !response.headers.has('x-logout-mocks-error')
      status = response.status
      await writeResponse(res, response, ownCors ? {} : corsHeaders(cors, req), req.method === 'HEAD')
    } catch (e) {
      status = 500
      console.error('[logout-mocks] internal error:', e)
      if (!res.headersSent) {
        await writeResponse(res, internalError(), own())
      } else res.destroy()
    } finally {
      discardUnreadBody(req)
      // The pipeline journals what an operation answered; the door journals what it answered itself.
      if (!routed && status !== 0) journalUnrouted(lane, req, status)
      if (acquired) lanes.release(lane)
      log?.(`${req.method} ${req.url} ${status || 'closed'} ${(performance.now() - started).toFixed(1)}ms ${lane.lane === DEFAULT_LANE ? '' : `[${lane.lane}] `}${behaviour ?? '-'}`)
    }
  }
}

/**
 * Builds the request listener: express serves the control API under `/__mock`; provider traffic goes straight to the
 * provider door (express's per-request setup would be pure overhead there: the door does its own routing, errors and
 * logging).
 * Every request runs in the lane it names (server/lane-selector.ts), the control API's included.
 * @example
 * const lanes = createLaneRegistry(createPlatform(registry, { origin: 'http://127.0.0.1:9090' }))
 * http.createServer(createApp(lanes, 'http://127.0.0.1:9090')).listen(9090)
 */
export function createApp(lanes: LaneRegistry, origin: string, options: { cors?: CorsPolicy; control?: ControlPolicy; log?: ((line: string) => void) | null } = {}) {
  const defaultLane = () => lanes.get(DEFAULT_LANE)!
  // The expose list is the platform's and the served providers' own, computed once.
  const cors: CorsPolicy = { origins: null, ...options.cors, exposed: options.cors?.exposed ?? exposedHeaders(defaultLane().providers) }
  const controlPolicy = options.control ?? { origins: [], allowedHosts: [], boundHosts: [new URL(origin).host], token: null }
  const log = redactingLog(options.log === undefined ? (line: string) => console.log(line) : options.log, controlPolicy.token)
  const control = express()
  control.disable('x-powered-by')
  control.set('etag', false)
  control.use('/__mock', async (req, res, next) => {
    const started = performance.now()
    try {
      const verdict = guardControl(controlPolicy, req, req.originalUrl)
      if (!verdict.pass) {
        await writeResponse(res, verdict.response, {}, req.method === 'HEAD')
        log?.(`${req.method} ${shownControlTarget(req.originalUrl)} ${verdict.response.status} ${(performance.now() - started).toFixed(1)}ms control`)
        return
      }
      // The panel's own files, same-origin, behind the same guard (its ?token= exchange included).
      const panel = await panelResponse(req.method ?? 'GET', req.originalUrl)
      if (panel) {
        await writeResponse(res, panel, {}, req.method === 'HEAD')
        log?.(`${req.method} ${shownControlTarget(req.originalUrl)} ${panel.status} ${(performance.now() - started).toFixed(1)}ms control`)
        return
      }
      // The request is aborted when the client goes away before its answer is finished, so a stream it opened
      // (requests/stream) ends with it. A finished answer aborts nothing: an abort builds an event and a DOMException.
      const gone = new AbortController()
      res.once('close', () => {
        if (!res.writableFinished) gone.abort()
      })
      // The lane the request names; the lanes' own routes act on the registry and create none.
      const choice = selectLane(req, URL.parse(origin + req.originalUrl))
      if (!choice.ok) {
        await writeResponse(res, choice.response, verdict.headers, req.method === 'HEAD')
        log?.(`${req.method} ${req.originalUrl} 400 ${(performance.now() - started).toFixed(1)}ms control`)
        return
      }
      let lane: Lane
      if (/^\/__mock\/lanes(?:[/?]|$)/.test(req.originalUrl)) lane = defaultLane()
      else {
        try {
          lane = lanes.acquire(choice.id)
        } catch (e) {
          if (!(e instanceof LanesFullError)) throw e
          await writeResponse(res, lanesFull(e), verdict.headers, req.method === 'HEAD')
          return
        }
        // Released when the answer is over (a stream's when its client goes).
        res.once('close', () => lanes.release(lane))
      }
      // Read with the control API's own bound, as the provider door reads: no web stream in between.
      const pending = bufferBody(req, CONTROL_BODY_LIMIT)
      const body = pending instanceof Promise ? await pending : pending
      const response = await handleControl(lane, new BufferedRequest(origin + req.originalUrl, req.method ?? 'GET', new RawHeaders(req.rawHeaders), body, gone.signal), lanes)
      if (!response) return next()
      if (isStreaming(response)) {
        log?.(`${req.method} ${shownControlTarget(req.originalUrl)} ${response.status} stream opened control`)
        await writeStreamingResponse(res, response, verdict.headers)
        return
      }
      await writeResponse(res, response, verdict.headers, req.method === 'HEAD')
      log?.(`${req.method} ${shownControlTarget(req.originalUrl)} ${response.status} ${(performance.now() - started).toFixed(1)}ms control`)
    } catch (e) {
      next(e)
    } finally {
      // An unread body (over the limit, or refused) is drained so the next request on this connection is not stalled.
      discardUnreadBody(req)
    }
  })
  control.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    console.error('[logout-mocks] internal error:', err)
    void writeResponse(res, internalError())
  })
  const adapter = providerDoor(lanes, origin, cors, log)
  return (req: IncomingMessage, res: ServerResponse) => {
    if (answerBeforeRouting(defaultLane(), req, res)) return
    const url = req.url ?? '/'
    if (url === '/__mock' || url.startsWith('/__mock/') || url.startsWith('/__mock?')) control(req, res)
    else void adapter(req, res)
  }
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
  // Host is checked by the listener (answerBeforeRouting), so a request without one gets a problem, not an empty 400.
  const server = http.createServer({ maxHeaderSize: 16 * 1024, requireHostHeader: false })
  let lanes: LaneRegistry | undefined
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => answerClientError(err, socket, () => lanes?.get(DEFAULT_LANE)?.clock.now() ?? Date.now()))
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
  try {
    lanes = createLaneRegistry(createPlatform(registry, { ...options.mocks, origin }), { maxLanes: options.maxLanes, idleMs: options.laneIdleMs })
    await lanes.get(DEFAULT_LANE)!.ready
  } catch (e) {
    // Bad options: release the port so the process can exit with the message.
    await new Promise<void>((resolve) => server.close(() => resolve()))
    throw e
  }
  const control: ControlPolicy = { origins: options.controlOrigins ?? [], allowedHosts: options.allowedHosts ?? [], boundHosts: [host, new URL(origin).host], token: options.controlToken ?? null }
  const all = lanes
  const defaultLane = () => all.get(DEFAULT_LANE)!
  server.on('checkExpectation', (req, res) => answerExpectation(defaultLane(), req, res))
  server.on('connect', (req, socket: Socket) => answerConnect(defaultLane(), req, socket))
  server.on('request', createApp(all, origin, { cors: { origins: options.corsOrigins ?? null }, control, log: options.log }))
  const warning = exposureWarning(host, control.token !== null)
  if (warning) console.warn(warning)
  const log = redactingLog(options.log === undefined ? (line: string) => console.log(line) : options.log, control.token)
  const level = options.logLevel ?? 'line'
  if (log && level !== 'line') lanesJournal(all).subscribe((entry) => log(formatExchange(entry, level)))
  return {
    origin,
    // The default lane, typed as createLogoutMocks() types an instance (literal ids, typed credentials).
    get mocks() {
      return defaultLane() as unknown as LogoutMocks
    },
    lanes: all,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        all.close()
        server.close(() => resolve())
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 2000).unref()
      }),
  }
}
