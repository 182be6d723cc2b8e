/**
 * `{prefix}/sessions/whoami` — toSession (contracts/kratos.md §4): the session, or 401 E9 without an id for any
 * lookup failure (no credentials, unknown, revoked — including a replayed pre-logout cookie — or expired). Kratos
 * routes the same handler for GET, HEAD, POST, PUT and PATCH (and CONNECT, OPTIONS, TRACE); the mock serves GET,
 * POST, PUT and PATCH, each an operation of its own so that every one can be forced. HEAD is left out: the platform's
 * answers to a bad forcing directive are problem bodies, which a HEAD response cannot carry.
 */
import type { HttpMethod, Operation } from '../platform/types.ts'
import type { KratosConfig } from './config.ts'
import { documented, internalError, jsonError, methodSuffix, sessionSuccess, type KratosBehaviour, type Route } from './behaviours.ts'
import { AAL2_REQUIRED, WHOAMI_UNAUTHORIZED } from './herodot.ts'
import type { KratosState } from './model.ts'
import { jsonResponse } from './responses.ts'
import { activeSession } from './session-auth.ts'
import { sessionJson } from './session-json.ts'

type Op = Operation<KratosState, KratosConfig>

/** The whoami operation and catalogue for one method (`toSession` for GET, `toSession<Method>` otherwise). */
function whoami(method: HttpMethod): { operation: Op; behaviours: KratosBehaviour[] } {
  const route: Route = { operation: method === 'GET' ? 'toSession' : `toSession${methodSuffix(method)}`, nosurf: false }
  const operation: Op = {
    id: route.operation,
    method,
    path: '/sessions/whoami',
    summary: `Check Who the Current HTTP Session Belongs To (${method})`,
    run(ctx) {
      const auth = activeSession(ctx)
      return auth ? { behaviour: 'active', detail: auth } : { behaviour: 'unauthorized' }
    },
  }
  const behaviours: KratosBehaviour[] = [
    sessionSuccess({
      route,
      name: 'active',
      status: 200,
      title: 'The session, with X-Kratos-Authenticated-Identity-Id',
      trigger: 'an active session via X-Session-Token, the session cookie or Authorization: Bearer (§0.4 order)',
      source: documented('§4'),
      contentType: 'application/json',
      schema: 'session',
      primary: true,
      build(ctx, d, headers) {
        headers.set('X-Kratos-Authenticated-Identity-Id', d.identity.id)
        return jsonResponse(200, sessionJson(d.session, d.identity, ctx.baseUrl), headers)
      },
    }),
    jsonError({ route, name: 'unauthorized', status: 401, title: 'E9 401 without id', trigger: 'no credentials, unknown, revoked (also a replayed old cookie) or expired session', source: documented('§4, §5 E9'), example: () => WHOAMI_UNAUTHORIZED, primary: true }),
    jsonError({ route, name: 'aal2Required', status: 403, title: '403 session_aal2_required', trigger: 'forced only (the mock has no second factor)', source: documented('OpenAPI toSession 403; §5 (whoami only)'), example: () => AAL2_REQUIRED }),
    internalError(route, 'OpenAPI toSession default'),
  ]
  return { operation, behaviours }
}

const methods = (['GET', 'POST', 'PUT', 'PATCH'] as const).map(whoami)

export const toSessionOperations: Op[] = methods.map((m) => m.operation)
export const toSessionBehaviours: KratosBehaviour[] = methods.flatMap((m) => m.behaviours)
