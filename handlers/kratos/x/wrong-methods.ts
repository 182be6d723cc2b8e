/**
 * Methods Kratos does not route on its paths, answered as Kratos answers them:
 * - an unsafe method (POST, PUT, PATCH, DELETE) on a GET path nosurf covers meets nosurf first: without the CSRF cookie
 *   and a masked token for it, 403 `security_csrf_violation` (always JSON); with them, nosurf lets it through and
 *   Go's ServeMux answers 405 with `Allow: GET, HEAD`;
 * - a safe method nobody registered (OPTIONS on a GET route) goes through nosurf to the ServeMux: 405;
 * - any other method on the CSRF-ignored `/self-service/logout/api` reaches the ServeMux: 405 `Allow: DELETE`.
 * A CORS preflight is not a wrong method: it is left to the platform's CORS (Kratos's CORS middleware, when enabled,
 * answers preflights before the router).
 */
import { isPreflight } from '../../platform/pipeline/forcing.ts'
import type { HttpMethod, Operation } from '../../platform/types.ts'
import type { KratosConfig } from '../config.ts'
import { documented, entry, jsonError, methodSuffix, routeStart, type KratosBehaviour, type Route } from '../behaviours.ts'
import { nosurfCheck } from './csrf.ts'
import { CSRF_EXAMPLE } from './herodot.ts'
import { withoutBody } from './head.ts'
import type { KratosState } from '../model.ts'
import { KRATOS_REFS } from '../sources.ts'
import { createResponse } from '../../platform/http/response.ts'

type Op = Operation<KratosState, KratosConfig>

/** What Go's ServeMux allows on a GET-only path (a GET pattern also serves HEAD). */
const GET_ONLY = 'GET, HEAD'

/**
 * Go's ServeMux 405: `Allow`, then `http.Error`'s plain-text body with `X-Content-Type-Options: nosniff`.
 * @example
 * methodNotAllowed(route, 'GET, HEAD', 'OPTIONS without CORS preflight headers')
 */
export function methodNotAllowed(route: Route, allow: string, trigger: string): KratosBehaviour {
  return entry(
    {
      route,
      name: 'methodNotAllowed',
      status: 405,
      title: `405 Method Not Allowed from Go’s ServeMux, Allow: ${allow}`,
      trigger,
      source: documented(KRATOS_REFS.serveMux405),
      // A HEAD answer carries the headers only (Go eats the body).
      contentType: route.method === 'HEAD' ? null : 'text/plain',
    },
    (ctx) => {
      const { headers } = routeStart(ctx, route)
      headers.set('Allow', allow)
      headers.set('Content-Type', 'text/plain; charset=utf-8')
      headers.set('X-Content-Type-Options', 'nosniff')
      const response = createResponse('Method Not Allowed\n', { status: 405, headers })
      return route.method === 'HEAD' ? withoutBody(response) : response
    },
  )
}

interface WrongMethod {
  readonly operation: Op
  readonly behaviours: KratosBehaviour[]
}

/** An unsafe method on a nosurf-protected GET path: the CSRF failure, or — with a valid token — the router's 405. */
function unsafeMethod(method: HttpMethod, path: string, base: string): WrongMethod {
  const route: Route = { operation: `${base}${methodSuffix(method)}`, method, nosurf: true }
  return {
    operation: {
      id: route.operation,
      method,
      path,
      summary: `${method} ${path}: nosurf's CSRF check, then Go's ServeMux (405)`,
      async run(ctx) {
        const error = await nosurfCheck(ctx)
        return error ? { behaviour: 'csrfViolation', detail: { error } } : { behaviour: 'methodNotAllowed' }
      },
    },
    behaviours: [
      jsonError({
        route,
        name: 'csrfViolation',
        status: 403,
        title: '403 security_csrf_violation (nosurf runs before the router)',
        trigger: `a ${method} without the CSRF cookie, or without a masked token for it in X-CSRF-Token or the csrf_token form field`,
        source: documented(KRATOS_REFS.csrfFailure),
        schema: 'errorGenericWithDetails',
        example: () => CSRF_EXAMPLE,
      }),
      methodNotAllowed(route, GET_ONLY, `a ${method} with the CSRF cookie and a masked token for it (a flow's csrf_token) in X-CSRF-Token or the csrf_token form field`),
    ],
  }
}

/** A method the ServeMux does not route on `path`, with nosurf in front or not; CORS preflights are declined. */
function unrouted(method: HttpMethod, path: string, base: string, allow: string, nosurf: boolean): WrongMethod {
  const route: Route = { operation: `${base}${methodSuffix(method)}`, method, nosurf }
  return {
    operation: {
      id: route.operation,
      method,
      path,
      summary: `${method} ${path}: not routed (405)`,
      accepts: (ctx) => !isPreflight(ctx.request),
      run: () => ({ behaviour: 'methodNotAllowed' }),
    },
    behaviours: [methodNotAllowed(route, allow, method === 'OPTIONS' ? 'an OPTIONS that is not a CORS preflight' : `any ${method}`)],
  }
}

const UNSAFE: HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE']

/** The browser-facing GET routes behind nosurf, by the base of their wrong-method operation ids. */
const GET_ROUTES: readonly [path: string, base: string][] = [
  ['/self-service/logout', 'updateLogoutFlowWrongMethod'],
  ['/self-service/logout/browser', 'createBrowserLogoutFlowWrongMethod'],
  ['/self-service/errors', 'getFlowErrorWrongMethod'],
  ['/self-service/login/browser', 'createBrowserLoginFlowWrongMethod'],
]

const parts: WrongMethod[] = [
  ...GET_ROUTES.flatMap(([path, base]) => [...UNSAFE.map((m) => unsafeMethod(m, path, base)), unrouted('OPTIONS', path, base, GET_ONLY, true)]),
  // `/self-service/login/api` is IgnorePath'd: no CSRF check, no nosurf headers or cookie on its 405.
  ...[...UNSAFE, 'OPTIONS' as const].map((m) => unrouted(m, '/self-service/login/api', 'createNativeLoginFlowWrongMethod', GET_ONLY, false)),
  ...(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'OPTIONS'] as HttpMethod[]).map((m) => unrouted(m, '/self-service/logout/api', 'performNativeLogoutWrongMethod', 'DELETE', false)),
]

export const wrongMethodOperations: Op[] = parts.map((p) => p.operation)
export const wrongMethodBehaviours: KratosBehaviour[] = parts.flatMap((p) => p.behaviours)
