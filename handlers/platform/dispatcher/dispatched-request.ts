/**
 * An undici dispatch (`{ origin, path, method, headers, body }`, what `fetch` and `undici.request` hand a
 * `Dispatcher`) as the request the pipeline reads: a `BufferedRequest` with the headers a socket reader would present
 * (hop-by-hop headers left out, `Host` as the client would send it) and the body read into memory with the standalone
 * door's bound. The bytes read are kept too, so a request no operation serves can go on to the wrapped dispatcher.
 */
import { DEFAULT_BODY_LIMIT } from '../http/body.ts'
import { BufferedRequest, type BufferedBody } from '../http/buffered-request.ts'

/** What undici passes as `headers`: a flat name/value array, an object, or an iterable of pairs. */
export type DispatchHeaders = readonly (string | readonly string[] | Uint8Array)[] | Record<string, string | readonly string[] | undefined> | Iterable<readonly [string, string]> | null | undefined

/** What undici passes as `body`. */
export type DispatchBody = string | Uint8Array | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | Blob | null | undefined

/** The headers a connection never carries past the transport (what node:http and a fetch Request drop). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'proxy-connection', 'te', 'trailer'])

const text = (v: string | Uint8Array) => (typeof v === 'string' ? v : Buffer.from(v).toString('latin1'))

function append(headers: Headers, name: string, value: string | readonly string[] | Uint8Array | undefined) {
  if (value === undefined) return
  const key = name.toLowerCase()
  if (HOP_BY_HOP.has(key)) return
  if (Array.isArray(value)) for (const v of value as readonly string[]) headers.append(key, v)
  else headers.append(key, text(value as string | Uint8Array))
}

/**
 * The request headers of a dispatch as a fetch `Headers`, with `Host` when the client did not set one.
 * @example
 * dispatchHeaders(['accept', '*\/*', 'cookie', 'a=1'], new URL('https://app.dreadnode.io/x')).get('host') // 'app.dreadnode.io'
 */
export function dispatchHeaders(raw: DispatchHeaders, url: URL): Headers {
  const headers = new Headers()
  if (raw == null) {
    // none
  } else if (Array.isArray(raw)) {
    for (let i = 0; i < raw.length; i += 2) append(headers, text(raw[i] as string | Uint8Array), raw[i + 1] as string)
  } else if (typeof (raw as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [name, value] of raw as Iterable<readonly [string, string]>) append(headers, name, value)
  } else {
    for (const name of Object.keys(raw)) append(headers, name, (raw as Record<string, string | readonly string[] | undefined>)[name])
  }
  if (!headers.has('host')) headers.set('host', url.host)
  return headers
}

/** A body read: what the pipeline sees, and the bytes (null when there were more than the bound). */
export interface ReadBody {
  readonly buffered: BufferedBody
  readonly bytes: Uint8Array | null
  /** A stream: on a socket it would travel chunked, with no Content-Length. */
  readonly streamed: boolean
}

const EMPTY: ReadBody = { buffered: { ok: true, text: '', bytes: 0 }, bytes: new Uint8Array(0), streamed: false }
const utf8 = new TextDecoder()

function done(bytes: Uint8Array, limit: number, streamed = false): ReadBody {
  if (bytes.byteLength > limit) return { buffered: { ok: false, reason: 'too-large' }, bytes, streamed }
  return { buffered: { ok: true, text: utf8.decode(bytes), bytes: bytes.byteLength }, bytes, streamed }
}

/**
 * Reads a dispatch's body into memory. Past `limit` the pipeline sees `too-large` (as the standalone door's), and
 * the rest is still drained so the client's stream ends.
 * @example
 * const { buffered } = await readDispatchBody('{"a":1}') // { ok: true, text: '{"a":1}', bytes: 7 }
 */
export async function readDispatchBody(body: DispatchBody, limit = DEFAULT_BODY_LIMIT): Promise<ReadBody> {
  if (body == null) return EMPTY
  if (typeof body === 'string') return done(Buffer.from(body, 'utf8'), limit)
  if (body instanceof Uint8Array) return done(body, limit)
  if (typeof (body as Blob).arrayBuffer === 'function') return done(new Uint8Array(await (body as Blob).arrayBuffer()), limit)
  try {
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
      size += bytes.byteLength
      if (size <= limit) chunks.push(bytes)
    }
    if (size > limit) return { buffered: { ok: false, reason: 'too-large' }, bytes: null, streamed: true }
    return done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size), limit, true)
  } catch {
    return { buffered: { ok: false, reason: 'unreadable' }, bytes: null, streamed: true }
  }
}

/** Methods whose request undici sends with `Content-Length: 0` when it has no body. */
const EXPECTS_PAYLOAD = new Set(['POST', 'PUT', 'PATCH'])

/**
 * Adds the `Content-Length` undici's client would write on a socket when the caller set none: the size of a body of
 * known length, `0` for an empty POST/PUT/PATCH; none for a stream (sent chunked).
 * @example
 * withWireLength(new Headers(), 'PATCH', await readDispatchBody(null)).get('content-length') // '0'
 */
export function withWireLength(headers: Headers, method: string, body: ReadBody): Headers {
  if (headers.has('content-length') || body.streamed || body.bytes === null) return headers
  if (body.bytes.byteLength > 0 || EXPECTS_PAYLOAD.has(method)) headers.set('content-length', String(body.bytes.byteLength))
  return headers
}

/**
 * The pipeline's request for a dispatch whose body has been read.
 * @example
 * const request = dispatchedRequest(url, 'POST', dispatchHeaders(opts.headers, url), await readDispatchBody(opts.body))
 */
export function dispatchedRequest(url: URL, method: string, headers: Headers, body: ReadBody): BufferedRequest {
  return new BufferedRequest(url, method, headers, body.buffered)
}
