/**
 * Node's `IncomingMessage`/`ServerResponse` to and from the fetch `Request`/`Response` the handlers speak.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'

const SKIPPED_REQUEST_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'proxy-connection', 'te', 'trailer'])

/** The client's address without the IPv4-mapped IPv6 prefix. */
export function socketAddress(req: IncomingMessage): string {
  const a = req.socket.remoteAddress ?? '127.0.0.1'
  return a.startsWith('::ffff:') ? a.slice(7) : a
}

/**
 * Builds a fetch Request from a Node request; the URL is the server's canonical origin plus the raw request target.
 * Throws TypeError when the request target is not a valid URL path. `target` defaults to `req.url` (pass express's
 * `originalUrl` under a mount point).
 */
export function toFetchRequest(req: IncomingMessage, origin: string, target = req.url ?? '/'): Request {
  if (!target.startsWith('/')) throw new TypeError(`unsupported request target "${target.slice(0, 100)}"`)
  const url = origin + target
  const headers = new Headers()
  const raw = req.rawHeaders
  const cookies: string[] = []
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase()
    if (SKIPPED_REQUEST_HEADERS.has(name) || name.startsWith(':')) continue
    if (name === 'cookie') cookies.push(raw[i + 1])
    else headers.append(name, raw[i + 1])
  }
  if (cookies.length > 0) headers.set('cookie', cookies.join('; '))
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD' && (req.headers['content-length'] !== undefined ? req.headers['content-length'] !== '0' : req.headers['transfer-encoding'] !== undefined)
  return new Request(url, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    duplex: 'half',
  } as RequestInit)
}

/** Writes a fetch Response to a Node response, keeping every `Set-Cookie` separate. */
export async function writeFetchResponse(res: ServerResponse, response: Response, extraHeaders: Record<string, string> = {}, head = false): Promise<void> {
  res.statusCode = response.status
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue
    res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value)
  if (head || response.body === null || response.status === 204 || response.status === 304) {
    if (response.body) await response.body.cancel().catch(() => {})
    res.end()
    return
  }
  // Every body the mocks build is text (JSON, HTML, plain). Ending with a string lets Node send the head and the
  // body in one write; a Buffer makes it a writev of two, measurably slower per request.
  const type = response.headers.get('content-type') ?? ''
  if (/^(?:text\/|application\/(?:[\w.+-]*\+)?json)/i.test(type) || type === '') {
    const text = await response.text()
    if (!res.hasHeader('content-length')) res.setHeader('content-length', Buffer.byteLength(text))
    res.end(text)
    return
  }
  const body = Buffer.from(await response.arrayBuffer())
  if (!res.hasHeader('content-length')) res.setHeader('content-length', body.byteLength)
  res.end(body)
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
