/**
 * The response every provider builds: a `Response` that remembers its `Set-Cookie` values in every runtime.
 *
 * In a browser `Set-Cookie` is a forbidden response header: `new Response(body, { headers })` silently drops it, so a
 * response built in the page (behind `setupWorker`) can no longer tell the cookie jar what it sets. Built here, the
 * values are kept on the response itself (as msw's `HttpResponse` does for its own store) and `setCookiesOf` reads
 * them back; in Node, where the header survives, both paths give the same list.
 */

const SET_COOKIES = Symbol('logout-mocks.setCookies')
const BODY_TEXT = Symbol('logout-mocks.bodyText')

/**
 * Builds a response whose `Set-Cookie` values survive the browser's forbidden-header filter.
 * @example
 * const headers = new Headers({ 'Content-Type': 'application/json' })
 * headers.append('Set-Cookie', 'sid=abc; Path=/; HttpOnly')
 * const response = createResponse('{}', { status: 200, headers })
 * setCookiesOf(response) // ['sid=abc; Path=/; HttpOnly'], in Node and in a page
 */
export function createResponse(body: BodyInit | null, init: ResponseInit & { headers: Headers }): Response {
  const response = new Response(body, init)
  const cookies = init.headers.getSetCookie()
  if (cookies.length > 0) Object.defineProperty(response, SET_COOKIES, { value: cookies })
  // The text is kept too, so the journal can show the body without cloning the response (undici's clone() tees the
  // stream and, measured, keeps kilobytes per response alive).
  if (typeof body === 'string') Object.defineProperty(response, BODY_TEXT, { value: body })
  return response
}

/**
 * The body text of a response built with `createResponse` from a string; null for no body; undefined when unknown
 * (a stream, or a response built elsewhere).
 * @example
 * responseText(createResponse('{}', { status: 200, headers: new Headers() })) // '{}'
 */
export function responseText(response: Response): string | null | undefined {
  if (response.body === null) return null
  return Reflect.get(response, BODY_TEXT) as string | undefined
}

/**
 * The `Set-Cookie` values of a response: the ones `createResponse` kept, else the header list.
 * @example
 * setCookiesOf(new Response(null, { headers: { 'Set-Cookie': 'a=1' } })) // ['a=1'] in Node, [] in a browser
 */
export function setCookiesOf(response: Response): string[] {
  return (Reflect.get(response, SET_COOKIES) as string[] | undefined) ?? response.headers.getSetCookie()
}
