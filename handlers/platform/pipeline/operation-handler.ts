/**
 * The msw front door of an operation: an msw request handler (the declaration, and the in-process and browser
 * surface) that hands the request to the operation pipeline and applies the answer's delay and fault the msw way.
 * The standalone server's route table calls the same pipeline without going through msw (see route-table.ts).
 */
import { http, HttpResponse, delay as mswDelay, type HttpHandler } from 'msw'
import { methodNotAllowed, runOperation, type Answer, type LaneRuntime, type OperationRuntime } from './operation-pipeline.ts'
import { toFetchResponse } from '../http/response.ts'
import type { Operation, RequestContext } from '../types.ts'

export type { OperationRuntime } from './operation-pipeline.ts'

/** An answer as msw sends it: after its delay, or a network error for a fault. */
async function toMswResponse(answer: Answer | undefined): Promise<Response | undefined> {
  if (!answer) return undefined
  if (answer.delayMs > 0) await mswDelay(answer.delayMs)
  if (answer.fault === 'hang') await mswDelay('infinite')
  if (answer.fault === 'network-error' || answer.fault === 'connection-reset') return HttpResponse.error()
  return toFetchResponse(answer.response)
}

/**
 * Builds the msw handler of one operation on its path (or one of its `aliases`), answering in the given lane (an
 * instance's own).
 * @example
 * const handler = createOperationHandler(runtime, runtime.provider.operations[0], lane)
 * setupServer(handler)
 */
export function createOperationHandler(rt: OperationRuntime, op: Operation, lane: LaneRuntime, path: string = op.path): HttpHandler {
  const method = op.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options'
  return http[method](rt.baseUrl + path, async ({ request, params }) =>
    toMswResponse(await runOperation(rt, op, { request, url: new URL(request.url), params: params as RequestContext['params'], socketIp: undefined, lane })),
  )
}

/**
 * The msw handler answering a method no operation declares on a path the provider serves (a mock 405).
 * @example
 * createMethodNotAllowedHandler(runtime, '/api/v1/auth/logout', ['POST'], lane)
 */
export function createMethodNotAllowedHandler(rt: OperationRuntime, path: string, allowed: readonly string[], lane: LaneRuntime): HttpHandler {
  return http.all(rt.baseUrl + path, ({ request }) => {
    const answer = methodNotAllowed(rt, path, allowed, { request, url: new URL(request.url), params: {}, socketIp: undefined, lane })
    return answer && toFetchResponse(answer.response)
  })
}
