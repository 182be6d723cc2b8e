/**
 * What the journal keeps of one request and its response: the headers, and the bodies cut to a byte limit, so a
 * journal entry stays small whatever the client sent or the mock answered.
 *
 * Nothing is cloned. The request body is the text the provider read (`bodyTextRead`: the standalone door's buffered
 * bytes, or what `readBody` read from a stream), the response body the text the response was built from. Cloning instead would cost a stream tee per request, and undici's `clone()` was measured to keep
 * 4–8 KB per request alive; a body nobody read, or one built from a stream, is left out (`body: null`).
 */
import { bodyTextRead } from '../http/body.ts'
import type { MockResponse } from '../http/response.ts'
import { BufferedRequest, type IncomingRequest } from '../http/buffered-request.ts'

/** Headers kept per message: more than any real exchange of these APIs needs, little enough to bound an entry. */
const MAX_HEADERS = 64
/** Longest header value kept, in characters (a JWT cookie fits). */
const MAX_HEADER_VALUE = 4096
const encoder = new TextEncoder()
const decoder = new TextDecoder()

export interface CapturedMessage {
  /** Header name/value pairs in the order sent (`set-cookie` lines kept separate). */
  readonly headers: readonly (readonly [string, string])[]
  /** The body as text, cut to the journal's body limit; null when there is none, none was read, or bodies are off. */
  readonly body: string | null
  /** The body's full length in bytes, when it was longer than what is kept. */
  readonly truncatedFrom?: number
}

export interface CapturedExchange {
  readonly request: CapturedMessage
  readonly response: CapturedMessage
}

/**
 * A header value as kept: cut to MAX_HEADER_VALUE, the cut copied into a string of its own (a slice would keep the
 * whole value alive, however long).
 */
function kept(value: string, mark = ''): string {
  return value.length > MAX_HEADER_VALUE ? decoder.decode(encoder.encode(value.slice(0, MAX_HEADER_VALUE))) + mark : value
}

function headersOf(headers: Headers): [string, string][] {
  const out: [string, string][] = []
  for (const [name, value] of headers) {
    if (name === 'set-cookie') continue
    out.push([name, kept(value, '…')])
  }
  for (const cookie of headers.getSetCookie()) out.push(['set-cookie', kept(cookie)])
  return out.slice(0, MAX_HEADERS)
}

/** A body text cut to `limit` bytes (measured in UTF-8, as it travels). */
function cut(text: string | null | undefined, limit: number): Pick<CapturedMessage, 'body' | 'truncatedFrom'> {
  if (limit === 0 || text === null || text === undefined || text === '') return { body: null }
  // Three bytes per UTF-16 unit at most: short texts need no encoding to know they fit.
  if (text.length * 3 <= limit) return { body: text }
  const bytes = encoder.encode(text)
  if (bytes.byteLength <= limit) return { body: text }
  return { body: decoder.decode(bytes.subarray(0, limit)).replace(/\uFFFD$/, ''), truncatedFrom: bytes.byteLength }
}

/** A captured exchange, read into its journal form when someone looks (a listing, a stream, a log line). */
export type ExchangeCapture = () => CapturedExchange

/**
 * Captures a request and its response: the bodies cut to `limit` bytes now (0: headers only). From the standalone
 * door the headers are kept as the objects they are and read into name/value pairs only when the capture is looked
 * at: nothing changes either list once the answer is built, most entries leave the ring unread, and Node's parser
 * bounds the request's headers (16 KiB), so what an entry keeps stays small. Other requests (in process, in a page)
 * have no such bound, so their headers are listed and cut at once.
 * `request` is the one the provider read (its body text is known from that read).
 * @example
 * const capture = captureExchange(request, response, 2048)
 * capture().response.headers // [['content-type', 'application/json'], …]
 */
export function captureExchange(request: IncomingRequest, response: MockResponse, limit: number): ExchangeCapture {
  const requestBody = cut(bodyTextRead(request), limit)
  const responseBody = cut(response.body, limit)
  // Each capture is made by a function of its own: closures made in one function share its variables, and the
  // listed capture must not keep the header objects alive.
  return request instanceof BufferedRequest
    ? readLater(request.headers, requestBody, response.headers, responseBody)
    : listed({ request: { headers: headersOf(request.headers), ...requestBody }, response: { headers: headersOf(response.headers), ...responseBody } })
}

type Bodies = Pick<CapturedMessage, 'body' | 'truncatedFrom'>

function readLater(requestHeaders: Headers, requestBody: Bodies, responseHeaders: Headers, responseBody: Bodies): ExchangeCapture {
  return () => ({
    request: { headers: headersOf(requestHeaders), ...requestBody },
    response: { headers: headersOf(responseHeaders), ...responseBody },
  })
}

function listed(exchange: CapturedExchange): ExchangeCapture {
  return () => exchange
}
