/**
 * `GET {prefix}/self-service/errors?id=` — getFlowError (contracts/kratos.md §0.2): the error a browser was
 * redirected to, `{id, error: <inner error>, created_at, updated_at}`; an unknown id is sqlcon's 404.
 */
import type { Operation } from '../platform/types.ts'
import type { KratosConfig } from './config.ts'
import { documented, internalError, jsonError, routeStart, type KratosBehaviour, type Route } from './behaviours.ts'
import { goQuery, goTime } from './go.ts'
import { FORBIDDEN, NOT_FOUND, orderedError, SESSION_INACTIVE } from './herodot.ts'
import type { KratosState, KratosStoredError } from './model.ts'
import { jsonResponse } from './responses.ts'

const route: Route = { operation: 'getFlowError', nosurf: true }

export const getFlowErrorOperation: Operation<KratosState, KratosConfig> = {
  id: route.operation,
  method: 'GET',
  path: '/self-service/errors',
  summary: 'Get User-Flow Errors (what the error UI shows)',
  run(ctx) {
    const id = goQuery(ctx.url).get('id') ?? ''
    const stored = ctx.state.errors.get('id', id)
    return stored ? { behaviour: 'found', detail: stored } : { behaviour: 'notFound' }
  },
}

export const getFlowErrorBehaviours: KratosBehaviour[] = [
  {
    id: 'kratos.getFlowError.found',
    operation: route.operation,
    status: 200,
    title: 'flowError: the stored error (inner object, reason at top level of `error`)',
    trigger: '?id= of an error stored by a browser-mode redirect',
    source: documented('§0.2 (errorx/handler.go:102-116)'),
    contentType: 'application/json',
    schema: 'flowError',
    primary: true,
    respond(ctx, raw) {
      const d = (raw as KratosStoredError | undefined) ?? { id: ctx.random.uuid(), error: orderedError(SESSION_INACTIVE), createdAt: ctx.clock.now() }
      const { headers } = routeStart(ctx, route)
      return jsonResponse(200, { id: d.id, error: d.error, created_at: goTime(d.createdAt), updated_at: goTime(d.createdAt) }, headers)
    },
  },
  jsonError({ route, name: 'notFound', status: 404, title: '404: no error with that id', trigger: 'unknown or missing ?id=', source: documented('OpenAPI getFlowError 404 (sqlcon ErrNoRows)'), example: () => NOT_FOUND }),
  jsonError({ route, name: 'forbidden', status: 403, title: '403 (documented; forced only)', trigger: 'forced only', source: documented('OpenAPI getFlowError 403'), example: () => FORBIDDEN }),
  internalError(route, 'OpenAPI getFlowError 500'),
]
