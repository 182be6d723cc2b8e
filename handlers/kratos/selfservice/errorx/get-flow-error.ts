/**
 * `GET {prefix}/self-service/errors?error=` (or `?id=`) — getFlowError (selfservice/errorx/handler.go): the error a
 * browser was redirected to, `{id, error: <inner error>, created_at, updated_at}`, or the `stub:500` one; an unknown
 * id is sqlcon's 404.
 */
import type { Operation } from '../../../platform/types.ts'
import type { KratosConfig } from '../../config.ts'
import { documented, internalError, jsonError, routeStart, type KratosBehaviour, type Route } from '../../behaviours.ts'
import { KRATOS_REFS } from '../../sources.ts'
import { goQuery, goTime } from '../../x/go.ts'
import { FORBIDDEN, INTERNAL_ERROR, NOT_FOUND, orderedError, SESSION_INACTIVE, type HerodotError } from '../../x/herodot.ts'
import type { KratosState, KratosStoredError } from '../../model.ts'
import { jsonResponse } from '../../x/responses.ts'

const route: Route = { operation: 'getFlowError', method: 'GET', nosurf: true }

/** The one stub id the error endpoint answers for UI development. */
const STUB_500 = 'stub:500'
/** The stub's error: herodot's ErrInternalServerError with the reason "This is a stub error.". */
const STUB_ERROR: HerodotError = { ...INTERNAL_ERROR, reason: 'This is a stub error.' }
/** Go's zero `time.Time` in JSON: the stub container is never stored, so its timestamps are unset. */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z'

export const getFlowErrorOperation: Operation<KratosState, KratosConfig> = {
  id: route.operation,
  method: 'GET',
  path: '/self-service/errors',
  summary: 'Get User-Flow Errors (what the error UI shows)',
  run(ctx) {
    // `cmp.Or(query "error", query "id")`: the first non-empty of the two.
    const query = goQuery(ctx.url)
    const id = query.get('error') || query.get('id') || ''
    if (id === STUB_500) return { behaviour: 'stub500' }
    const stored = ctx.state.errors.get('id', id.toLowerCase())
    return stored ? { behaviour: 'found', detail: stored } : { behaviour: 'notFound' }
  },
}

export const getFlowErrorBehaviours: KratosBehaviour[] = [
  {
    id: 'kratos.getFlowError.found',
    operation: route.operation,
    status: 200,
    title: 'flowError: the stored error (inner object, reason at top level of `error`)',
    trigger: '?error= or ?id= (the first non-empty) of an error stored by a browser-mode redirect; readable any number of times',
    source: documented(KRATOS_REFS.errorUiFetch),
    contentType: 'application/json',
    schema: 'flowError',
    primary: true,
    respond(ctx, raw) {
      const d = (raw as KratosStoredError | undefined) ?? { id: ctx.random.uuid(), error: orderedError(SESSION_INACTIVE), createdAt: ctx.clock.now() }
      const { headers } = routeStart(ctx, route)
      return jsonResponse(200, { id: d.id, error: d.error, created_at: goTime(d.createdAt), updated_at: goTime(d.createdAt) }, headers)
    },
  },
  {
    id: 'kratos.getFlowError.stub500',
    operation: route.operation,
    status: 200,
    title: 'flowError of the stub 500 (a fresh id, zero timestamps), for building an error UI',
    trigger: '?id=stub:500 (or ?error=stub:500)',
    source: documented(KRATOS_REFS.errorUiStub),
    contentType: 'application/json',
    schema: 'flowError',
    respond(ctx) {
      const { headers } = routeStart(ctx, route)
      return jsonResponse(200, { id: ctx.random.uuid(), error: orderedError(STUB_ERROR), created_at: GO_ZERO_TIME, updated_at: GO_ZERO_TIME }, headers)
    },
  },
  jsonError({ route, name: 'notFound', status: 404, title: '404: no error with that id', trigger: 'unknown or missing ?error= / ?id=', source: documented(KRATOS_REFS.errorUiFetch), example: () => NOT_FOUND }),
  jsonError({ route, name: 'forbidden', status: 403, title: '403 (documented; forced only)', trigger: 'forced only', source: documented(KRATOS_REFS.errorUiSpec), example: () => FORBIDDEN }),
  internalError(route, KRATOS_REFS.errorUiSpec),
]
