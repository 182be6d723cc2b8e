/**
 * Errors that come from the mock itself, never from a vendor: RFC 9457 problem details, so they can't be mistaken
 * for a provider's response (`application/problem+json`, a `urn:logout-mocks:` type).
 */
export interface MockProblem {
  /** Short slug: `unknown-forced-status`, `not-found`, … */
  readonly kind: string
  readonly title: string
  readonly status: number
  readonly detail: string
  /** Extra members (valid choices, allowed methods…). */
  readonly [extension: string]: unknown
}

/**
 * Builds a problem+json response.
 * @example
 * mockError({ kind: 'not-found', title: 'No mock here', status: 404, detail: 'GET /nope matches no provider' })
 */
export function mockError(problem: MockProblem, headers: HeadersInit = {}): Response {
  const { kind, title, status, detail, ...extensions } = problem
  const body = JSON.stringify({ type: `urn:logout-mocks:problem:${kind}`, title, status, detail, ...extensions })
  const h = new Headers(headers)
  h.set('Content-Type', 'application/problem+json')
  h.set('X-Logout-Mocks-Error', kind)
  return new Response(body, { status, headers: h })
}
