/**
 * `GET {prefix}/self-service/logout?token=…&return_to=…` — updateLogoutFlow (selfservice/flow/logout/handler.go), in Kratos's
 * order: (a) token present → (b) active session → (c) token matches → revoke + clear cookie → regenerate CSRF →
 * return_to → 204 / 303. A disallowed return_to (row f) comes after the revoke: the user is logged out anyway.
 */
import type { Operation } from '../../../../platform/types.ts'
import type { KratosConfig } from '../../../config.ts'
import { browserError, documented, entry, internalError, jsonError, routeStart, type KratosBehaviour, type Route } from '../../../behaviours.ts'
import { KRATOS_REFS } from '../../../sources.ts'
import { goQuery } from '../../../x/go.ts'
import { INTERNAL_ERROR, LOGOUT_TOKEN_MISMATCH, LOGOUT_TOKEN_MISSING, SESSION_INACTIVE } from '../../../x/herodot.ts'
import type { KratosState } from '../../../model.ts'
import { isJsonRequest } from '../../../x/negotiation.ts'
import { noContent, seeOther, seeOtherDeclaration } from '../../../x/responses.ts'
import { secureRedirectTo } from '../../../x/return-to.ts'
import { returnToErrors } from '../../../x/return-to-errors.ts'
import { activeSession, purgeFromRequest, type KratosCtx } from '../../../session/session-auth.ts'
import { clearsSiteData, logoutCookies } from './logout-urls.ts'

const route: Route = { operation: 'updateLogoutFlow', method: 'GET', nosurf: true }

export const updateLogoutFlowOperation: Operation<KratosState, KratosConfig> = {
  id: route.operation,
  method: 'GET',
  path: '/self-service/logout',
  summary: 'Update Logout Flow: revoke the session of the cookie when the logout token matches',
  async run(ctx) {
    const suffix = isJsonRequest(ctx.request) ? '' : 'Browser'
    const query = goQuery(ctx.url)
    const token = query.get('token') ?? ''
    if (token === '') return { behaviour: `tokenMissing${suffix}` }
    const auth = activeSession(ctx)
    if (!auth) return { behaviour: `sessionInactive${suffix}` }
    if (auth.session.logoutToken !== token) return { behaviour: `tokenMismatch${suffix}` }
    // The verdict is reached before the revoke (it reads nothing the revoke changes), so nothing can fail after it.
    const returnTo = query.get('return_to') ?? ''
    const verdict = secureRedirectTo(returnTo, ctx.state.site.logoutRedirect)
    const cleared = await purgeFromRequest(ctx)
    const setCookies = logoutCookies(ctx, route, cleared)
    if (!verdict.ok) return { behaviour: `${verdict.behaviour}${suffix}`, detail: { error: verdict.error, setCookies } }
    if (suffix === '') return { behaviour: 'loggedOut', detail: { setCookies } }
    return { behaviour: returnTo === '' ? 'loggedOutBrowser' : 'loggedOutBrowserReturnTo', detail: { setCookies, location: verdict.url } }
  },
}

interface LoggedOutDetail {
  setCookies: readonly string[]
  location?: string
}

interface LoggedOutSpec {
  readonly name: string
  readonly status: 204 | 303
  readonly title: string
  readonly trigger: string
  /** Where a forced 303 points. */
  readonly forcedLocation?: (ctx: KratosCtx) => string
  readonly primary?: boolean
}

/** The success builders: cookies of the purge, optional Clear-Site-Data, then 204 or 303. */
function loggedOut(spec: LoggedOutSpec): KratosBehaviour {
  return entry({ ...spec, route, source: documented(KRATOS_REFS.logoutDone), ...(spec.status === 303 ? seeOtherDeclaration(route.method) : { contentType: null }), primary: spec.primary ?? true }, (ctx, raw) => {
    const d = (raw as LoggedOutDetail | undefined) ?? { setCookies: logoutCookies(ctx, route, true), location: spec.forcedLocation?.(ctx) }
    const { headers } = routeStart(ctx, route, d.setCookies)
    if (clearsSiteData(ctx)) headers.set('Clear-Site-Data', '"cookies", "storage", "cache"')
    return spec.status === 204 ? noContent(headers) : seeOther(d.location!, ctx.request, headers)
  })
}

export const updateLogoutFlowBehaviours: KratosBehaviour[] = [
  loggedOut({
    name: 'loggedOut',
    status: 204,
    title: 'Logged out (JSON client): session revoked, cookie cleared, CSRF cookie regenerated',
    trigger: 'rows d/e, JSON client: valid token and session, return_to absent or allowed (ignored)',
  }),
  loggedOut({
    name: 'loggedOutBrowser',
    status: 303,
    title: '303 to the logout default return URL; cookie cleared',
    trigger: 'row d, browser: valid token and session, no return_to',
    forcedLocation: (ctx) => ctx.state.site.logoutReturnUrl,
  }),
  loggedOut({
    name: 'loggedOutBrowserReturnTo',
    status: 303,
    title: '303 to the allowed return_to; cookie cleared',
    trigger: 'row e, browser: valid token and session, allowed return_to',
    forcedLocation: (ctx) => `${ctx.baseUrl}/self-service/login/browser`,
    primary: false,
  }),
  jsonError({ route, name: 'tokenMissing', status: 400, title: 'E2 400: token missing', trigger: 'row a, JSON client: no or empty ?token= (checked before the session)', source: documented(KRATOS_REFS.logoutTokenMissing), example: () => LOGOUT_TOKEN_MISSING, primary: true }),
  browserError({ route, name: 'tokenMissingBrowser', title: '303 to the error UI with E2 stored', trigger: 'row a, browser', source: documented(KRATOS_REFS.forward), example: () => LOGOUT_TOKEN_MISSING }),
  jsonError({ route, name: 'sessionInactive', status: 401, title: 'E1 401 session_inactive', trigger: 'row b, JSON client: no cookie, unknown, revoked or expired session (a second use of a logout URL)', source: documented(KRATOS_REFS.logoutSessionInactive), example: () => SESSION_INACTIVE }),
  browserError({ route, name: 'sessionInactiveBrowser', title: '303 to the error UI with E1 stored', trigger: 'row b, browser', source: documented(KRATOS_REFS.forward), example: () => SESSION_INACTIVE }),
  jsonError({ route, name: 'tokenMismatch', status: 403, title: 'E3 403: logout token does not match the session', trigger: 'row c, JSON client: garbage token or another session’s token', source: documented(KRATOS_REFS.logoutTokenMismatch), example: () => LOGOUT_TOKEN_MISMATCH }),
  browserError({ route, name: 'tokenMismatchBrowser', title: '303 to the error UI with E3 stored', trigger: 'row c, browser', source: documented(KRATOS_REFS.forward), example: () => LOGOUT_TOKEN_MISMATCH }),
  ...returnToErrors({ route, primary: false, afterLogout: (ctx) => logoutCookies(ctx, route, true) }),
  // PurgeFromRequest failing (a store error while revoking) is forwarded like every other error: herodot 500 for JSON
  // clients, the error stored and a 303 to the error UI for browsers. The mock's store does not fail: forced only.
  internalError(route, KRATOS_REFS.logoutRevokeFailure),
  browserError({ route, name: 'internalErrorBrowser', title: '303 to the error UI with the 500 stored', trigger: 'forced only (a store failure while revoking), browser', source: documented(KRATOS_REFS.logoutRevokeFailure), example: () => INTERNAL_ERROR }),
]
