/**
 * Problems answered by the transport itself, before any route (methods fetch cannot carry, a missing `Host`, an
 * `Expect` the server does not meet, `CONNECT`): problem+json like every other mock error, and journaled.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { LogoutMocks } from '../handlers/platform/instance.ts'
import { httpDate } from '../handlers/platform/http/http-date.ts'
import { mockError, type MockProblem } from '../handlers/platform/http/mock-error.ts'
import { socketAddress, writeResponse } from './http-bridge.ts'

/** Methods a fetch `Request` cannot represent (the Fetch standard forbids them), so no operation can serve them. */
const UNREPRESENTABLE_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

/**
 * One journal line for an answer no operation gave (the transport's problems, the door's 404/414/400 and preflights),
 * so QA sees a mistyped path in the journal and the panel too.
 * @example
 * journalUnrouted(mocks, req, 404)
 */
export function journalUnrouted(mocks: LogoutMocks, req: IncomingMessage, status: number) {
  mocks.journal.record({
    atMs: mocks.clock.now(),
    method: req.method ?? '',
    url: (req.url ?? '').slice(0, 2048),
    lane: mocks.lane,
    status,
    provider: null,
    operation: null,
    behaviour: null,
    forced: null,
    fault: null,
    clientIp: socketAddress(req),
    durationMs: 0,
  })
}

function notImplemented(req: IncomingMessage): MockProblem {
  return { kind: 'method-not-implemented', title: 'Method not implemented', status: 501, detail: `The mock serves no ${req.method} request (fetch cannot represent the method).` }
}

/**
 * Answers the requests no route may see: a method fetch cannot carry (TRACE, TRACK) and an HTTP/1.1 request without
 * `Host` (which Node would otherwise answer with an empty 400). Returns true when it answered.
 * @example
 * if (answerBeforeRouting(mocks, req, res)) return
 */
export function answerBeforeRouting(mocks: LogoutMocks, req: IncomingMessage, res: ServerResponse): boolean {
  let problem: MockProblem | undefined
  if (UNREPRESENTABLE_METHODS.has(req.method ?? '')) problem = notImplemented(req)
  else if (req.httpVersion === '1.1' && !req.headers.host) {
    problem = { kind: 'missing-host', title: 'Missing Host header', status: 400, detail: 'An HTTP/1.1 request must carry a non-empty Host header (RFC 9112 §3.2).' }
  }
  if (!problem) return false
  writeProblem(mocks, req, res, problem)
  return true
}

/**
 * Answers an `Expect` other than `100-continue` (Node's `checkExpectation` event): 417 as problem+json.
 * @example
 * server.on('checkExpectation', (req, res) => answerExpectation(mocks, req, res))
 */
export function answerExpectation(mocks: LogoutMocks, req: IncomingMessage, res: ServerResponse): void {
  writeProblem(mocks, req, res, {
    kind: 'expectation-failed',
    title: 'Expectation not supported',
    status: 417,
    detail: `The mock meets no expectation but 100-continue; got Expect: ${String(req.headers.expect).slice(0, 200)}.`,
  })
}

/**
 * Answers `CONNECT` (Node's `connect` event, a raw socket): 501 as problem+json, then closes.
 * @example
 * server.on('connect', (req, socket) => answerConnect(mocks, req, socket))
 */
export function answerConnect(mocks: LogoutMocks, req: IncomingMessage, socket: Socket): void {
  const problem = notImplemented(req)
  journalUnrouted(mocks, req, problem.status)
  endWithProblem(socket, problem, mocks.clock.now())
}

/**
 * Answers what Node's HTTP parser rejects (oversized headers, a malformed request line: its `clientError` event) with
 * a problem, not silence, then closes. `now`: the platform clock, for the `Date` (the instance may not exist yet).
 * @example
 * server.on('clientError', (err, socket) => answerClientError(err, socket, () => mocks?.clock.now() ?? Date.now()))
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket, now: () => number): void {
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW'
  endWithProblem(
    socket,
    {
      kind: tooLarge ? 'headers-too-large' : 'malformed-request',
      title: tooLarge ? 'Request headers too large' : 'Malformed HTTP request',
      status: tooLarge ? 431 : 400,
      detail: tooLarge ? 'The request headers exceed the server limit of 16 KiB.' : `The HTTP request could not be parsed (${err.code ?? 'unknown'}).`,
    },
    now(),
  )
}

/** The one raw-socket problem writer (no ServerResponse exists for these): mockError's answer, as bytes. */
function endWithProblem(socket: Socket, problem: MockProblem, nowMs: number): void {
  if (!socket.writable) return void socket.destroy()
  const answer = mockError(problem)
  const body = answer.body ?? ''
  let head = `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\n`
  for (const [name, value] of answer.headers) head += `${name}: ${value}\r\n`
  socket.end(`${head}date: ${httpDate(nowMs)}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`)
}

function writeProblem(mocks: LogoutMocks, req: IncomingMessage, res: ServerResponse, problem: MockProblem) {
  journalUnrouted(mocks, req, problem.status)
  res.shouldKeepAlive = false
  void writeResponse(res, mockError(problem), { date: httpDate(mocks.clock.now()), connection: 'close' })
  req.resume()
}
