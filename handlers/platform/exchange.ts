/**
 * What the journal keeps of one request and its response: the headers, and the bodies cut to a byte limit, so a
 * journal entry stays small whatever the client sent or the mock answered.
 */

import { BufferedRequest } from './buffered-request.ts'

/** Headers kept per message: more than any real exchange of these APIs needs, little enough to bound an entry. */
const MAX_HEADERS = 64
/** Longest header value kept, in characters (a JWT cookie fits). */
const MAX_HEADER_VALUE = 4096

export interface CapturedMessage {
  /** Header name/value pairs in the order sent (`set-cookie` lines kept separate). */
  readonly headers: readonly (readonly [string, string])[]
  /** The body as text, cut to the journal's body limit; null when there is none or bodies are not kept. */
  readonly body: string | null
  /** The body's full length in bytes, when it was longer than what is kept. */
  readonly truncatedFrom?: number
}

export interface CapturedExchange {
  readonly request: CapturedMessage
  readonly response: CapturedMessage
}

function headersOf(headers: Headers): [string, string][] {
  const out: [string, string][] = []
  for (const [name, value] of headers) {
    if (name === 'set-cookie') continue
    out.push([name, value.length > MAX_HEADER_VALUE ? `${value.slice(0, MAX_HEADER_VALUE)}…` : value])
  }
  for (const cookie of headers.getSetCookie()) out.push(['set-cookie', cookie.slice(0, MAX_HEADER_VALUE)])
  return out.slice(0, MAX_HEADERS)
}

/** A body cut to `limit` bytes. */
function cut(bytes: Uint8Array, limit: number): Pick<CapturedMessage, 'body' | 'truncatedFrom'> {
  if (bytes.byteLength <= limit) return { body: new TextDecoder().decode(bytes) }
  return { body: new TextDecoder().decode(bytes.subarray(0, limit)), truncatedFrom: bytes.byteLength }
}

async function bodyOf(message: Request | Response | undefined, limit: number): Promise<Pick<CapturedMessage, 'body' | 'truncatedFrom'>> {
  if (limit === 0 || !message) return { body: null }
  // The standalone door read the body already: keep what it read, no stream to copy.
  if (message instanceof BufferedRequest) return message.buffered.ok && message.buffered.text !== '' ? cut(new TextEncoder().encode(message.buffered.text), limit) : { body: null }
  if (message.body === null) return { body: null }
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await message.arrayBuffer())
  } catch {
    return { body: null }
  }
  return cut(bytes, limit)
}

/**
 * A copy of the request whose body the journal may read after the provider has read the original; undefined when
 * bodies are not kept or there is none (no copy, no cost).
 * @example
 * const copy = requestCopy(request, journal.bodyLimit)
 * // … the provider reads request.body …
 * const exchange = await captureExchange(request, copy, response, journal.bodyLimit)
 */
export function requestCopy(request: Request, limit: number): Request | undefined {
  if (limit === 0) return undefined
  if (request instanceof BufferedRequest) return request
  return request.body !== null && !request.bodyUsed ? request.clone() : undefined
}

/**
 * Captures headers and bounded bodies of a request (through its copy) and of the response (through a clone, so the
 * response itself still goes out whole).
 * @example
 * const exchange = await captureExchange(request, copy, response, 2048)
 * exchange.response.headers // [['content-type', 'application/json'], …]
 */
export async function captureExchange(request: Request, copy: Request | undefined, response: Response, limit: number): Promise<CapturedExchange> {
  const responseCopy = limit > 0 && response.body !== null && !response.bodyUsed ? response.clone() : undefined
  const [requestBody, responseBody] = await Promise.all([bodyOf(copy, limit), bodyOf(responseCopy, limit)])
  return {
    request: { headers: headersOf(request.headers), ...requestBody },
    response: { headers: headersOf(response.headers), ...responseBody },
  }
}

/**
 * Headers only, for answers built without reading anything (a mock 405): no body is kept.
 * @example
 * captureHeaders(request, response).response.body // null
 */
export function captureHeaders(request: Request, response: Response): CapturedExchange {
  return { request: { headers: headersOf(request.headers), body: null }, response: { headers: headersOf(response.headers), body: null } }
}
