/**
 * Errors that come from the mock itself, never from a vendor: RFC 9457 problem details, so they can't be mistaken
 * for a provider's response (`application/problem+json`, a `urn:logout-mocks:` type).
 */
import { createResponse, type MockResponse } from './response.ts'

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
 * The problem+json body (a string), for transports that write raw bytes rather than a Response.
 * @example
 * problemJson({ kind: 'headers-too-large', title: 'Request headers too large', status: 431, detail: '…' })
 */
export function problemJson(problem: MockProblem): string {
  const { kind, title, status, detail, ...extensions } = problem
  return JSON.stringify({ type: `urn:logout-mocks:problem:${kind}`, title, status, detail, ...extensions })
}

/**
 * Builds a problem+json response.
 * @example
 * mockError({ kind: 'not-found', title: 'No mock here', status: 404, detail: 'GET /nope matches no provider' })
 */
export function mockError(problem: MockProblem, headers: HeadersInit = {}): MockResponse {
  const h = new Headers(headers)
  h.set('Content-Type', 'application/problem+json')
  h.set('X-Logout-Mocks-Error', problem.kind)
  return createResponse(problemJson(problem), { status: problem.status, headers: h })
}
