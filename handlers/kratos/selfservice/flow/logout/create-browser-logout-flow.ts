/**
 * `GET {prefix}/self-service/logout/browser` — createBrowserLogoutFlow (selfservice/flow/logout/handler.go): session first, then
 * return_to; success is 200 JSON for everyone, errors are JSON or a 303 to the error UI.
 */
import type { Operation } from '../../../../platform/types.ts'
import type { KratosConfig } from '../../../config.ts'
import { browserError, documented, internalError, jsonError, routeStart, type KratosBehaviour, type Route } from '../../../behaviours.ts'
import { KRATOS_REFS } from '../../../sources.ts'
import { goQuery } from '../../../x/go.ts'
import { SESSION_INACTIVE } from '../../../x/herodot.ts'
import type { KratosState } from '../../../model.ts'
import { isJsonRequest } from '../../../x/negotiation.ts'
import { jsonResponse } from '../../../x/responses.ts'
import { secureRedirectTo } from '../../../x/return-to.ts'
import { returnToErrors } from '../../../x/return-to-errors.ts'
import { activeSession } from '../../../session/session-auth.ts'
import { logoutUrl } from './logout-urls.ts'

const route: Route = { operation: 'createBrowserLogoutFlow', method: 'GET', nosurf: true }

export const createBrowserLogoutFlowOperation: Operation<KratosState, KratosConfig> = {
  id: route.operation,
  method: 'GET',
  path: '/self-service/logout/browser',
  summary: 'Create a Browser Logout URL (logout_url + logout_token) for the session in the cookie',
  run(ctx) {
    const suffix = isJsonRequest(ctx.request) ? '' : 'Browser'
    const auth = activeSession(ctx)
    if (!auth) return { behaviour: `sessionInactive${suffix}` }
    const returnTo = goQuery(ctx.url).get('return_to') ?? ''
    if (returnTo === '') return { behaviour: 'created', detail: { logoutToken: auth.session.logoutToken } }
    const verdict = secureRedirectTo(returnTo, ctx.state.site.logoutRedirect)
    if (!verdict.ok) return { behaviour: `${verdict.behaviour}${suffix}`, detail: { error: verdict.error } }
    return { behaviour: 'created', detail: { logoutToken: auth.session.logoutToken, returnTo: verdict.url } }
  },
}

export const createBrowserLogoutFlowBehaviours: KratosBehaviour[] = [
  {
    id: 'kratos.createBrowserLogoutFlow.created',
    operation: route.operation,
    status: 200,
    title: 'logoutFlow: logout_url (with the validated return_to) and the session’s stable logout_token',
    trigger: 'an active session (cookie, X-Session-Token or Bearer); return_to absent or allowed — JSON and browsers alike',
    source: documented(KRATOS_REFS.logoutBrowserCreated),
    contentType: 'application/json',
    schema: 'logoutFlow',
    primary: true,
    respond(ctx, raw) {
      const d = (raw ?? { logoutToken: `ory_lo_${ctx.random.string(32)}` }) as { logoutToken: string; returnTo?: string }
      const { headers } = routeStart(ctx, route)
      return jsonResponse(200, { logout_url: logoutUrl(ctx.baseUrl, d.logoutToken, d.returnTo), logout_token: d.logoutToken }, headers)
    },
  },
  jsonError({
    route,
    name: 'sessionInactive',
    status: 401,
    title: 'E1 401 session_inactive',
    trigger: 'JSON client (Accept: application/json) without an active session: no cookie, unknown, revoked or expired',
    source: documented(KRATOS_REFS.logoutBrowserSession),
    example: () => SESSION_INACTIVE,
    primary: true,
  }),
  browserError({
    route,
    name: 'sessionInactiveBrowser',
    title: '303 to the error UI with E1 stored',
    trigger: 'browser (not a JSON client) without an active session',
    source: documented(KRATOS_REFS.forward),
    example: () => SESSION_INACTIVE,
    primary: true,
  }),
  ...returnToErrors({ route, primary: true }),
  internalError(route, KRATOS_REFS.logoutBrowserSpec),
]
