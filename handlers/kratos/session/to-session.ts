/**
 * `{prefix}/sessions/whoami` — toSession (session/handler.go): the session, or 401 E9 without an id for any
 * lookup failure (no credentials, unknown, revoked — including a replayed pre-logout cookie — or expired). Kratos
 * routes the same handler for GET, HEAD, POST, PUT, PATCH, CONNECT, OPTIONS and TRACE, and `DELETE /sessions/{id}`
 * hands the id `whoami` to it as well. The mock serves GET, POST, PUT, PATCH, DELETE and OPTIONS here, each an
 * operation of its own so that every one can be forced, and HEAD as the GET's twin (head.ts). CONNECT and TRACE are
 * left out: fetch cannot send them. An OPTIONS that is a CORS preflight is left to the platform's CORS, as Kratos's
 * CORS middleware (when enabled) answers preflights before the router.
 */
import { isPreflight } from '../../platform/pipeline/forcing.ts'
import type { HttpMethod, Operation } from '../../platform/types.ts'
import type { KratosConfig } from '../config.ts'
import { documented, internalError, jsonError, methodSuffix, sessionSuccess, type KratosBehaviour, type Route } from '../behaviours.ts'
import { KRATOS_REFS } from '../sources.ts'
import { AAL2_REQUIRED, tokenizerTemplateUnknown, WHOAMI_UNAUTHORIZED } from '../x/herodot.ts'
import { goQuery } from '../x/go.ts'
import type { KratosState } from '../model.ts'
import { jsonResponse } from '../x/responses.ts'
import { activeSession, type KratosCtx } from './session-auth.ts'
import { sessionJson } from './session-json.ts'

type Op = Operation<KratosState, KratosConfig>

/** The whoami operation and catalogue for one method (`toSession` for GET, `toSession<Method>` otherwise). */
function whoami(method: HttpMethod): { operation: Op; behaviours: KratosBehaviour[] } {
  const route: Route = { operation: method === 'GET' ? 'toSession' : `toSession${methodSuffix(method)}`, method, nosurf: false }
  const operation: Op = {
    id: route.operation,
    method,
    path: '/sessions/whoami',
    summary: `Check Who the Current HTTP Session Belongs To (${method})`,
    ...(method === 'OPTIONS' ? { accepts: (ctx: KratosCtx) => !isPreflight(ctx.request) } : {}),
    run(ctx) {
      const auth = activeSession(ctx)
      if (!auth) return { behaviour: 'unauthorized' }
      // The mock configures no tokenizer templates (session.whoami.tokenizer.templates): every name is unknown.
      const template = goQuery(ctx.url).get('tokenize_as') ?? ''
      if (template !== '') return { behaviour: 'tokenizeTemplateUnknown', detail: { error: tokenizerTemplateUnknown(template) } }
      return { behaviour: 'active', detail: auth }
    },
  }
  const behaviours: KratosBehaviour[] = [
    sessionSuccess({
      route,
      name: 'active',
      status: 200,
      title: 'The session, with X-Kratos-Authenticated-Identity-Id',
      trigger: 'an active session via X-Session-Token, the session cookie or Authorization: Bearer (in that order)',
      source: documented(method === 'DELETE' ? KRATOS_REFS.whoamiDelete : method === 'GET' ? KRATOS_REFS.whoamiActive : KRATOS_REFS.whoamiMethods),
      contentType: 'application/json',
      schema: 'session',
      primary: true,
      build(ctx, d, headers) {
        headers.set('X-Kratos-Authenticated-Identity-Id', d.identity.id)
        return jsonResponse(200, sessionJson(d.session, d.identity, ctx.baseUrl), headers)
      },
    }),
    jsonError({ route, name: 'unauthorized', status: 401, title: 'E9 401 without id', trigger: 'no credentials, unknown, revoked (also a replayed old cookie) or expired session', source: documented(KRATOS_REFS.whoamiUnauthorized), example: () => WHOAMI_UNAUTHORIZED, primary: true }),
    jsonError({
      route,
      name: 'tokenizeTemplateUnknown',
      status: 400,
      title: '400: ?tokenize_as= names no tokenizer template',
      trigger: 'an active session and a non-empty ?tokenize_as= (the mock configures no templates)',
      source: documented(KRATOS_REFS.whoamiTokenize),
      example: () => tokenizerTemplateUnknown('jwt_example_template'),
      primary: true,
    }),
    jsonError({ route, name: 'aal2Required', status: 403, title: '403 session_aal2_required', trigger: 'forced only (the mock has no second factor)', source: documented(KRATOS_REFS.whoamiSpec), example: () => AAL2_REQUIRED }),
    internalError(route, KRATOS_REFS.whoamiSpec),
  ]
  return { operation, behaviours }
}

const methods = (['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const).map(whoami)

export const toSessionOperations: Op[] = methods.map((m) => m.operation)
export const toSessionBehaviours: KratosBehaviour[] = methods.flatMap((m) => m.behaviours)
