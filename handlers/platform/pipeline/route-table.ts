/**
 * The routes of a platform, in msw's order of precedence: each operation, then each path's 405. The table is built
 * once and serves every lane: each route gives an msw handler for a lane (the in-process and browser door, where an
 * instance is one lane) and is a direct entry for the standalone server, which walks the table itself — method,
 * literal path prefix, then msw's own path matching so path params are the ones msw gives — and calls the operation
 * pipeline in the request's lane without msw's per-request `handler.run`.
 */
import { matchRequestUrl, type HttpHandler } from 'msw'
import { createMethodNotAllowedHandler, createOperationHandler } from './operation-handler.ts'
import { methodNotAllowed, runOperation, type Answer, type Exchange, type LaneRuntime, type OperationRuntime } from './operation-pipeline.ts'
import type { Operation, RequestContext } from '../types.ts'
import type { IncomingRequest } from '../http/buffered-request.ts'

type Params = RequestContext['params']

export interface Route {
  /** The same route as an msw handler answering in `lane`. */
  handler(lane: LaneRuntime): HttpHandler
  /** The literal start of the path (up to its first parameter or wildcard): a cheap filter before matching. */
  readonly prefix: string
  /** The method served, or null for any (the 405 route). */
  readonly method: string | null
  /** The path params when the URL matches, else undefined. */
  match(url: URL): Params | undefined
  answer(ex: Exchange): Answer | undefined | Promise<Answer | undefined>
}

export interface RouteTable {
  /** The msw handlers answering in `lane`, in precedence order. */
  handlers(lane: LaneRuntime): HttpHandler[]
  /** The answer of the first route that matches and answers in `lane`, as msw's `getResponse` over the handlers would pick it. */
  dispatch(request: IncomingRequest, url: URL, socketIp: string | undefined, lane: LaneRuntime): Promise<Answer | undefined>
}

const NO_PARAMS: Params = Object.freeze({})
/** Characters with a meaning in msw's path syntax: a path without them matches only itself. */
const PATTERN_SYNTAX = /[:*?()+{}\\]/

function matcher(rt: OperationRuntime, path: string): Pick<Route, 'prefix' | 'match'> {
  const base = new URL(rt.baseUrl)
  const basePath = base.pathname.replace(/\/$/, '')
  const absolute = rt.baseUrl + path
  const literal = !PATTERN_SYNTAX.test(path)
  const fullPath = basePath + path
  return {
    prefix: basePath + path.split(/[:*]/)[0],
    match(url) {
      // The exact literal path is a match msw would make too; anything else (case, trailing slash, encodings,
      // patterns) is left to msw's matcher.
      if (literal && url.pathname === fullPath && url.origin === base.origin) return NO_PARAMS
      const m = matchRequestUrl(url, absolute)
      return m.matches ? (m.params as Params) : undefined
    },
  }
}

/**
 * The route of one operation on its path, or on one of its `aliases`.
 * @example
 * const route = operationRoute(runtime, runtime.provider.operations[0])
 */
export function operationRoute(rt: OperationRuntime, op: Operation, path: string = op.path): Route {
  return { handler: (lane) => createOperationHandler(rt, op, lane, path), method: op.method, ...matcher(rt, path), answer: (ex) => runOperation(rt, op, ex) }
}

/**
 * The 405 route of one path, for the methods its operations do not declare.
 * @example
 * const route = methodNotAllowedRoute(runtime, '/api/v1/auth/logout', ['POST'])
 */
export function methodNotAllowedRoute(rt: OperationRuntime, path: string, allowed: readonly string[]): Route {
  const unique = [...new Set(allowed)]
  return { handler: (lane) => createMethodNotAllowedHandler(rt, path, unique, lane), method: null, ...matcher(rt, path), answer: (ex) => methodNotAllowed(rt, path, unique, ex) }
}

/**
 * @example
 * const table = createRouteTable([operationRoute(runtime, op), methodNotAllowedRoute(runtime, op.path, [op.method])])
 * setupServer(...table.handlers(lane))                        // in process
 * await table.dispatch(request, new URL(request.url), '10.0.0.7', lane) // standalone
 */
export function createRouteTable(routes: readonly Route[]): RouteTable {
  return {
    handlers: (lane) => routes.map((r) => r.handler(lane)),
    async dispatch(request, url, socketIp, lane) {
      const pathname = url.pathname
      const method = request.method
      for (const route of routes) {
        if (!pathname.startsWith(route.prefix) || (route.method !== null && route.method !== method)) continue
        const params = route.match(url)
        if (!params) continue
        const pending = route.answer({ request, url, params, socketIp, lane })
        const answer = pending instanceof Promise ? await pending : pending
        if (answer) return answer
      }
      return undefined
    },
  }
}
