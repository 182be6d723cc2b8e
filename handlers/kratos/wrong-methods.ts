/**
 * Methods Kratos does not route on the logout paths, answered as Kratos does (contracts/kratos.md §0.5, §3):
 * - unsafe methods on the browser logout paths hit nosurf first → 403 `security_csrf_violation` (always JSON). An
 *   approximation: one that would pass nosurf (valid CSRF cookie and token) still gets the 403 here, with nosurf's
 *   mismatch reason, where Kratos would route it on to its router's 404/405;
 * - other methods on `/self-service/logout/api` (CSRF-ignored) reach Go's ServeMux → 405 `Method Not Allowed`.
 */
import type { HttpMethod, Operation } from '../platform/types.ts'
import type { KratosConfig } from './config.ts'
import { documented, jsonError, methodSuffix, routeStart, type KratosBehaviour, type Route } from './behaviours.ts'
import { csrfErrorReason } from './csrf.ts'
import { CSRF_EXAMPLE } from './herodot.ts'
import type { KratosState } from './model.ts'
import { createResponse } from '../platform/response.ts'

type Op = Operation<KratosState, KratosConfig>

/** An unsafe method on a nosurf-protected path: the CSRF failure handler answers. */
function csrfRejected(method: HttpMethod, path: string, base: string): { operation: Op; behaviour: KratosBehaviour } {
  const route: Route = { operation: `${base}${methodSuffix(method)}`, nosurf: true }
  return {
    operation: { id: route.operation, method, path, summary: `${method} ${path}: rejected by nosurf before routing`, run: (ctx) => ({ behaviour: 'csrfViolation', detail: { error: csrfErrorReason(ctx, '') } }) },
    behaviour: jsonError({
      route,
      name: 'csrfViolation',
      status: 403,
      title: '403 security_csrf_violation (nosurf runs before the router)',
      trigger: `any ${method} (no cookie, no CSRF cookie, token not sent, or mismatch) — also one that would pass nosurf, see the assumption`,
      source: documented('§0.5', [`a ${method} with a valid CSRF cookie and token passes nosurf in Kratos and reaches the router (404/405); the mock answers it 403 with the mismatch reason`]),
      schema: 'errorGenericWithDetails',
      example: () => CSRF_EXAMPLE,
    }),
  }
}

/** A method Go's ServeMux does not route on a CSRF-ignored path: plain-text 405 with Allow. */
function methodNotAllowed(method: HttpMethod, path: string, base: string, allow: string): { operation: Op; behaviour: KratosBehaviour } {
  const route: Route = { operation: `${base}${methodSuffix(method)}`, nosurf: false }
  return {
    operation: { id: route.operation, method, path, summary: `${method} ${path}: not routed (405)`, run: () => ({ behaviour: 'methodNotAllowed' }) },
    behaviour: {
      id: `kratos.${route.operation}.methodNotAllowed`,
      operation: route.operation,
      status: 405,
      title: '405 Method Not Allowed from Go’s ServeMux',
      trigger: `any ${method}`,
      source: documented('§3 (other methods go to the router, 405)'),
      contentType: 'text/plain',
      respond(ctx) {
        const { headers } = routeStart(ctx, route)
        headers.delete('Cache-Control')
        headers.set('Allow', allow)
        headers.set('Content-Type', 'text/plain; charset=utf-8')
        headers.set('X-Content-Type-Options', 'nosniff')
        return createResponse('Method Not Allowed\n', { status: 405, headers })
      },
    },
  }
}

const UNSAFE: HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE']
const parts = [
  ...UNSAFE.map((m) => csrfRejected(m, '/self-service/logout', 'updateLogoutFlowWrongMethod')),
  ...UNSAFE.map((m) => csrfRejected(m, '/self-service/logout/browser', 'createBrowserLogoutFlowWrongMethod')),
  ...(['GET', 'POST', 'PUT', 'PATCH'] as HttpMethod[]).map((m) => methodNotAllowed(m, '/self-service/logout/api', 'performNativeLogoutWrongMethod', 'DELETE')),
]

export const wrongMethodOperations: Op[] = parts.map((p) => p.operation)
export const wrongMethodBehaviours: KratosBehaviour[] = parts.map((p) => p.behaviour)
