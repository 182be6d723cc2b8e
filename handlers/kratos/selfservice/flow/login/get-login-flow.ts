/**
 * `GET {prefix}/self-service/login/flows?id=` — getLoginFlow (selfservice/flow/login/handler.go:728-800), what a
 * login UI calls to render the flow the browser login redirected to (`loginUiUrl?flow=<id>`). In Kratos's order: the
 * flow (an id gofrs/uuid cannot parse is the nil UUID: 404 like an unknown one) → browser flows only: the request's
 * CSRF cookie must be the one the flow was issued with (403 security_csrf_violation, nosurfx.CSRFErrorReason) →
 * expired (410 self_service_flow_expired, with where to start again in `details`) → 200 the flow. nosurf covers the
 * path (Vary: Cookie, a CSRF cookie minted when missing).
 */
import type { Operation } from '../../../../platform/types.ts'
import type { KratosConfig } from '../../../config.ts'
import { documented, entry, internalError, jsonError, routeStart, type KratosBehaviour, type Route } from '../../../behaviours.ts'
import { KRATOS_REFS } from '../../../sources.ts'
import { equalBytes } from '../../../../platform/crypto/hmac-sha256.ts'
import { maskCsrfToken, realToken, requestCsrfCookie } from '../../../x/cookies.ts'
import { csrfErrorReason } from '../../../x/csrf.ts'
import { goQuery } from '../../../x/go.ts'
import { CSRF_EXAMPLE, NOT_FOUND, type HerodotError } from '../../../x/herodot.ts'
import { parseGoUuid } from '../../../x/uuid.ts'
import type { KratosLoginFlow, KratosState } from '../../../model.ts'
import { jsonResponse } from '../../../x/responses.ts'
import type { KratosCtx } from '../../../session/session-auth.ts'
import { flowRecord } from './login.ts'
import { loginFlowJson } from './login-flow-json.ts'

const route: Route = { operation: 'getLoginFlow', method: 'GET', nosurf: true }

const GONE = { id: 'self_service_flow_expired', code: 410, status: 'Gone', message: 'The requested resource is no longer available because it has expired or is otherwise invalid.' } as const

/**
 * The 410 of an expired flow (nosurfx.ErrGone with the flow-expired id): browsers are told where to start again,
 * with the flow's return_to (flow.GetFlowExpiredRedirectURL); API clients the init endpoint.
 * @example
 * loginFlowGone(ctx, 'browser').details // { redirect_to: '<baseUrl>/self-service/login/browser', return_to: '' }
 */
export function loginFlowGone(ctx: KratosCtx, type: KratosLoginFlow['type'], returnTo = ''): HerodotError {
  if (type === 'api') {
    return { ...GONE, reason: 'The login flow has expired. Call the login flow init API endpoint to initialize a new login flow.', details: { api: `${ctx.baseUrl}/self-service/login/api` } }
  }
  const redirect = new URL(`${ctx.baseUrl}/self-service/login/browser`)
  if (returnTo !== '') redirect.searchParams.set('return_to', returnTo)
  return {
    ...GONE,
    reason: 'The login flow has expired. Redirect the user to the login flow init endpoint to initialize a new login flow.',
    details: { redirect_to: redirect.toString(), return_to: returnTo },
  }
}

/** nosurf.VerifyToken(GenerateCSRFToken(r), flow.CSRFToken): the request's CSRF cookie is the flow's. */
function csrfMatches(ctx: KratosCtx, flow: KratosLoginFlow): boolean {
  const sent = realToken(requestCsrfCookie(ctx.request, ctx.state.site.csrfCookieName))
  const issued = realToken(flow.csrfCookie)
  return sent !== null && issued !== null && equalBytes(sent, issued)
}

export const getLoginFlowOperation: Operation<KratosState, KratosConfig> = {
  id: route.operation,
  method: 'GET',
  path: '/self-service/login/flows',
  sample: '/self-service/login/flows?id=6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  summary: 'Get Login Flow: the flow a login UI renders (?id=)',
  run(ctx) {
    const parsed = parseGoUuid(goQuery(ctx.url).get('id') ?? '')
    const flow = 'uuid' in parsed ? ctx.state.loginFlows.get('id', parsed.uuid) : undefined
    if (!flow) return { behaviour: 'notFound' }
    if (flow.type === 'browser' && !csrfMatches(ctx, flow)) return { behaviour: 'csrfViolation', detail: { error: csrfErrorReason(ctx, '') } }
    if (flow.expiresAt <= ctx.clock.now()) return { behaviour: 'expired', detail: { error: loginFlowGone(ctx, flow.type) } }
    return { behaviour: 'flow', detail: flow }
  },
}

export const getLoginFlowBehaviours: KratosBehaviour[] = [
  entry(
    {
      route,
      name: 'flow',
      status: 200,
      title: 'The login flow (browser flows: with their csrf_token node)',
      trigger: '?id= of a live flow; for a browser flow, the CSRF cookie it was issued with',
      source: documented(KRATOS_REFS.getLoginFlow),
      contentType: 'application/json',
      schema: 'loginFlow',
      primary: true,
    },
    (ctx, raw) => {
      const flow = (raw as KratosLoginFlow | undefined) ?? flowRecord(ctx, 'browser')
      const { headers, csrf } = routeStart(ctx, route)
      return jsonResponse(200, loginFlowJson(flow, ctx.baseUrl, flow.type === 'browser' && csrf ? { csrf: maskCsrfToken(csrf, ctx.random) } : {}), headers)
    },
  ),
  jsonError({ route, name: 'notFound', status: 404, title: '404: no such flow', trigger: '?id= missing, not a UUID, or of no flow', source: documented(KRATOS_REFS.getLoginFlowFetch), example: () => NOT_FOUND, primary: true }),
  jsonError({
    route,
    name: 'csrfViolation',
    status: 403,
    title: '403 security_csrf_violation: a browser flow read without the CSRF cookie it was issued with',
    trigger: 'a browser flow, and no CSRF cookie or another one',
    source: documented(KRATOS_REFS.getLoginFlowCsrf),
    schema: 'errorGenericWithDetails',
    example: () => CSRF_EXAMPLE,
    primary: true,
  }),
  jsonError({
    route,
    name: 'expired',
    status: 410,
    title: '410 self_service_flow_expired, with where to start again',
    trigger: 'a flow past loginFlowLifespanSeconds (platform clock)',
    source: documented(KRATOS_REFS.getLoginFlowExpired),
    schema: 'errorGenericWithDetails',
    example: (ctx) => loginFlowGone(ctx, 'browser'),
    primary: true,
  }),
  internalError(route, KRATOS_REFS.getLoginFlowSpec),
]
