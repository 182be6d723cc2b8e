/**
 * A fetch `Request` whose body the transport has already read into memory (bounded), so the providers' `readBody`
 * takes the bytes as they are instead of pulling them through a web stream. The standalone server builds these; in
 * process and in the browser requests keep their streams and `readBody` reads those.
 */
import type { BodyResult } from './body.ts'

/** A request carrying its already-read body. Its own `body` stream is empty: read it with `readBody`. */
export class BufferedRequest extends Request {
  /** The body as read by the transport (`too-large` when it passed the transport's bound). */
  readonly buffered: BufferedBody

  constructor(input: string | URL, init: RequestInit, buffered: BufferedBody) {
    super(input, { ...init, body: null })
    this.buffered = buffered
  }
}

/** What the transport read: the text and its size in bytes, or why it could not. */
export type BufferedBody = (BodyResult & { ok: true; bytes: number }) | (BodyResult & { ok: false })

/**
 * The same request at another URL (forcing twins stripped), keeping an already-read body.
 * @example
 * const stripped = requestWithUrl(request, new URL('http://127.0.0.1:9090/api/v1/auth/logout'))
 */
export function requestWithUrl(request: Request, url: URL): Request {
  if (request instanceof BufferedRequest) return new BufferedRequest(url, { method: request.method, headers: request.headers }, request.buffered)
  return new Request(url, request)
}
