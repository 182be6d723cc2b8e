/**
 * The response every provider builds: a status, a `Headers` and the body as text. It is a fetch `Response` only where
 * one is needed — the msw door (`toFetchResponse`); the standalone server writes these three straight to the socket.
 *
 * Why not a `Response` all the way: undici builds a web stream for every string body and reading it back costs a
 * stream pull per request (measured ~10 µs of a ~40 µs answer); and in a browser `Set-Cookie` is a forbidden response
 * header, so `new Response(body, { headers })` drops it. A plain `Headers` (guard "none") keeps `Set-Cookie` in every
 * runtime, so the cookie jar, the journal and the HEAD twins read the same values in Node and in a page.
 */

export interface MockResponseInit {
  readonly status?: number
  readonly headers?: Headers
}

/** A built answer: what a provider's behaviour returns and the pipeline journals, stamps and hands to a door. */
export class MockResponse {
  readonly status: number
  /** A plain `Headers`: `Set-Cookie` lines stay separate and readable with `getSetCookie()`, in Node and in a page. */
  readonly headers: Headers
  /** The body text, or null for no body. */
  readonly body: string | null

  constructor(body: string | null, init: MockResponseInit = {}) {
    this.status = init.status ?? 200
    this.headers = init.headers ?? new Headers()
    this.body = body
  }

  /** The body text (`''` for none), as a `Response` would give it. */
  text(): Promise<string> {
    return Promise.resolve(this.body ?? '')
  }

  /** The body parsed as JSON, as a `Response` would give it. */
  json(): Promise<unknown> {
    return this.text().then((t) => JSON.parse(t) as unknown)
  }
}

/**
 * Builds a provider response.
 * @example
 * const headers = new Headers({ 'Content-Type': 'application/json' })
 * headers.append('Set-Cookie', 'sid=abc; Path=/; HttpOnly')
 * const response = createResponse('{}', { status: 200, headers })
 * response.headers.getSetCookie() // ['sid=abc; Path=/; HttpOnly'], in Node and in a page
 */
export function createResponse(body: string | null, init: MockResponseInit & { headers: Headers }): MockResponse {
  return new MockResponse(body, init)
}

/**
 * Statuses whose answer has no body, whatever was built (fetch refuses one; HTTP forbids it): both doors drop it.
 * @example
 * isNullBodyStatus(205) // true
 */
export function isNullBodyStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304
}

/**
 * The fetch `Response` of a built answer, for the msw door (in process and in the browser, where msw sends it).
 * @example
 * const response = toFetchResponse(createResponse('{}', { status: 200, headers: new Headers() }))
 * await response.json() // {}
 */
export function toFetchResponse(response: MockResponse): Response {
  return new Response(isNullBodyStatus(response.status) ? null : response.body, { status: response.status, headers: response.headers })
}
