/**
 * The response every provider builds: a `Response` that remembers its `Set-Cookie` values in every runtime.
 *
 * In a browser `Set-Cookie` is a forbidden response header: `new Response(body, { headers })` silently drops it, so a
 * response built in the page (behind `setupWorker`) can no longer tell the cookie jar what it sets. Built here, the
 * values are kept on the response itself (as msw's `HttpResponse` does for its own store) and `setCookiesOf` reads
 * them back; in Node, where the header survives, both paths give the same list.
 */

const SET_COOKIES = Symbol('logout-mocks.setCookies')

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
  return response
}

/**
 * The `Set-Cookie` values of a response: the ones `createResponse` kept, else the header list.
 * @example
 * setCookiesOf(new Response(null, { headers: { 'Set-Cookie': 'a=1' } })) // ['a=1'] in Node, [] in a browser
 */
export function setCookiesOf(response: Response): string[] {
  return (Reflect.get(response, SET_COOKIES) as string[] | undefined) ?? response.headers.getSetCookie()
}
