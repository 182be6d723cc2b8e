/**
 * The request as the pipeline and the providers read it (`IncomingRequest`): its method, URL and headers, and a body
 * read with `readBody`. Through the msw door it is the fetch `Request` msw hands over, body stream and all. The
 * standalone server builds a `BufferedRequest` instead: the same three fields and the body it has already read into
 * memory (bounded), with no undici `Request` behind it (building one, and its stream, cost more per request than
 * everything a logout does).
 */
/** A request body read into memory, or why it could not be. */
export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'unreadable' }

/** What the pipeline, the hooks and the providers read of a request. A fetch `Request` is one. */
export interface IncomingRequest {
  readonly method: string
  readonly url: string
  readonly headers: Headers
  /** The fetch credentials mode (a page's request); absent standalone, where no page sent it. */
  readonly credentials?: RequestCredentials
  /** Aborted when the client goes away (what ends a stream the request opened). */
  readonly signal?: AbortSignal
}

/** What the transport read: the text and its size in bytes, or why it could not. */
export type BufferedBody = (BodyResult & { ok: true; bytes: number }) | (BodyResult & { ok: false })

/** A request whose body the transport has already read: read it with `readBody`. */
export class BufferedRequest implements IncomingRequest {
  readonly method: string
  readonly url: string
  readonly headers: Headers
  /** The body as read by the transport (`too-large` when it passed the transport's bound). */
  readonly buffered: BufferedBody
  readonly signal?: AbortSignal

  constructor(url: string | URL, method: string, headers: Headers, buffered: BufferedBody, signal?: AbortSignal) {
    this.url = typeof url === 'string' ? url : url.href
    this.method = method
    this.headers = headers
    this.buffered = buffered
    if (signal) this.signal = signal
  }
}

/**
 * The same request at another URL (forcing twins stripped), keeping an already-read body.
 * @example
 * const stripped = requestWithUrl(request, new URL('http://127.0.0.1:9090/api/v1/auth/logout'))
 */
export function requestWithUrl(request: IncomingRequest, url: URL): IncomingRequest {
  if (request instanceof BufferedRequest) return new BufferedRequest(url, request.method, request.headers, request.buffered, request.signal)
  return new Request(url, request as Request)
}
