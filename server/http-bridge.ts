/**
 * Node's `IncomingMessage`/`ServerResponse` to and from what the pipeline and the control API read and build: a
 * `BufferedRequest` (the body read once, with a bound; headers from Node's parsed list) in, a `MockResponse` (or a
 * fetch `Response`) written in one `writeHead` + `end` out.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { DEFAULT_BODY_LIMIT } from '../handlers/platform/http/body.ts'
import { BufferedRequest, type BufferedBody } from '../handlers/platform/http/buffered-request.ts'
import { isNullBodyStatus, MockResponse } from '../handlers/platform/http/response.ts'
import { RawHeaders } from './raw-headers.ts'

/** Each connection's address, read once: `remoteAddress` asks the OS (getpeername) on every read. */
const addresses = new WeakMap<Socket, string>()

/** The client's address without the IPv4-mapped IPv6 prefix. */
export function socketAddress(req: IncomingMessage): string {
  const known = addresses.get(req.socket)
  if (known !== undefined) return known
  const a = req.socket.remoteAddress
  // Not kept while unknown (a socket already closed): the next read may know it.
  if (a === undefined) return '127.0.0.1'
  const address = a.startsWith('::ffff:') ? a.slice(7) : a
  addresses.set(req.socket, address)
  return address
}

/** Whether the request has a body to read (a non-zero Content-Length or a chunked body). */
function hasBody(req: IncomingMessage): boolean {
  const method = req.method ?? 'GET'
  return method !== 'GET' && method !== 'HEAD' && (req.headers['content-length'] !== undefined ? req.headers['content-length'] !== '0' : req.headers['transfer-encoding'] !== undefined)
}

const EMPTY_BODY: BufferedBody = { ok: true, text: '', bytes: 0 }
const decoder = new TextDecoder()

/**
 * Reads a Node request's body into memory, up to `limit` bytes (what is left past the limit is left for
 * `discardUnreadBody`). Synchronous when there is no body.
 * @example
 * const body = await bufferBody(req) // { ok: true, text: '{"a":1}', bytes: 7 }
 */
export function bufferBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): BufferedBody | Promise<BufferedBody> {
  if (!hasBody(req)) return EMPTY_BODY
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: 'too-large' }
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength
      if (size > limit) {
        done()
        resolve({ ok: false, reason: 'too-large' })
      } else chunks.push(chunk)
    }
    const onEnd = () => {
      done()
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)
      resolve({ ok: true, text: decoder.decode(all), bytes: size })
    }
    const onError = () => {
      done()
      resolve({ ok: false, reason: 'unreadable' })
    }
    const done = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('aborted', onError)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('aborted', onError)
  })
}

/**
 * Builds the fetch Request of a Node request whose body is already read (see `bufferBody`).
 * @example
 * const request = toBufferedRequest(req, new URL('http://127.0.0.1:9090/api/v1/auth/logout'), await bufferBody(req))
 */
export function toBufferedRequest(req: IncomingMessage, url: URL, body: BufferedBody): BufferedRequest {
  return new BufferedRequest(url, req.method ?? 'GET', new RawHeaders(req.rawHeaders), body)
}

/**
 * A response's headers for `writeHead`: every `Set-Cookie` kept separate; `extra` replace the response's own (the
 * one precedence of every writer here and in stream-response.ts).
 * @example
 * headLines(new Headers({ vary: 'Cookie' }), { Vary: 'Origin' }) // { Vary: 'Origin' }
 */
export function headLines(headers: Headers, extra: Record<string, string>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [name, value] of headers) if (name !== 'set-cookie') out[name] = value
  const cookies = headers.getSetCookie()
  if (cookies.length > 0) out['set-cookie'] = cookies
  for (const name in extra) {
    delete out[name.toLowerCase()]
    out[name] = extra[name]
  }
  return out
}

/**
 * Writes a built answer (`MockResponse`) or a fetch Response to a Node response in one `writeHead` + `end`, keeping
 * every `Set-Cookie` separate; `extraHeaders` replace the response's own of the same name. A built answer's body is
 * already text: it is written as it is, with no stream in between.
 * @example
 * await writeResponse(res, createResponse('{}', { status: 200, headers: new Headers({ 'content-type': 'application/json' }) }))
 */
export async function writeResponse(res: ServerResponse, response: Response | MockResponse, extraHeaders: Record<string, string> = {}, head = false): Promise<void> {
  const headers = headLines(response.headers, extraHeaders)
  if ('date' in headers) res.sendDate = false
  if (response instanceof MockResponse) {
    const text = response.body
    if (head || text === null || isNullBodyStatus(response.status)) res.writeHead(response.status, headers).end()
    else {
      // What a fetch Response made from a string says (the msw door's answer), so both doors send the same.
      if (!('content-type' in headers)) headers['content-type'] = 'text/plain;charset=UTF-8'
      // Ending with a string lets Node send the head and the body in one write (a Buffer makes it a writev of two).
      headers['content-length'] ??= String(Buffer.byteLength(text))
      res.writeHead(response.status, headers).end(text)
    }
    return
  }
  if (head || response.body === null || isNullBodyStatus(response.status)) {
    if (response.body) await response.body.cancel().catch(() => {})
    res.writeHead(response.status, headers).end()
    return
  }
  const body = Buffer.from(await response.arrayBuffer())
  headers['content-length'] ??= String(body.byteLength)
  res.writeHead(response.status, headers).end(body)
}

/**
 * Discards what is left of a request body the handler did not read (an oversized or ignored body), so the keep-alive
 * connection stays usable for the client's next request instead of being reset.
 */
export function discardUnreadBody(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return
  req.removeAllListeners('data')
  req.on('data', () => {})
  req.resume()
}
