/**
 * `GET {prefix}/sessions` — listMySessions (session/handler.go:877-909): the caller's *other* active sessions (not
 * revoked, not expired, not the one making the request), newest first, with identity and devices, paginated the way
 * x/pagination.go does it (x/pagination.ts: `Link` and `X-Total-Count`). The session comes from the same three
 * sources as whoami; without one, 401 "No valid session cookie found.". CSRF does not apply (IgnorePath).
 */
import type { Operation } from '../../platform/types.ts'
import type { KratosConfig } from '../config.ts'
import { documented, entry, internalError, jsonError, routeStart, type KratosBehaviour, type Route } from '../behaviours.ts'
import { KRATOS_REFS } from '../sources.ts'
import { badBody, NO_SESSION_COOKIE } from '../x/herodot.ts'
import { isActive, sessionsOfIdentity, type KratosIdentity, type KratosSession, type KratosState } from '../model.ts'
import { pageOf, parsePagination, setPaginationHeaders, type Pagination } from '../x/pagination.ts'
import { jsonResponse } from '../x/responses.ts'
import { activeSession } from './session-auth.ts'
import { sampleSession, sessionJson } from './session-json.ts'

const route: Route = { operation: 'listMySessions', method: 'GET', nosurf: false }

/** What Kratos itself sees as the request path (the mount prefix is the proxy's). */
const KRATOS_PATH = '/sessions'

interface Listed {
  readonly identity: KratosIdentity
  readonly page: readonly KratosSession[]
  readonly total: number
  readonly pagination: Pagination
}

export const listMySessionsOperation: Operation<KratosState, KratosConfig> = {
  id: route.operation,
  method: 'GET',
  path: '/sessions',
  summary: "Get My Active Sessions: the caller's other active sessions, paginated",
  run(ctx) {
    const auth = activeSession(ctx)
    if (!auth) return { behaviour: 'unauthorized' }
    const now = ctx.clock.now()
    const others = sessionsOfIdentity(ctx.state, auth.identity.id).filter((s) => s.id !== auth.session.id && isActive(ctx.state, s, now))
    const pagination = parsePagination(ctx.url)
    const detail: Listed = { identity: auth.identity, page: pageOf(others, pagination), total: others.length, pagination }
    return { behaviour: 'listed', detail }
  },
}

export const listMySessionsBehaviours: KratosBehaviour[] = [
  entry(
    {
      route,
      name: 'listed',
      status: 200,
      title: "200: the caller's other active sessions (newest first) with Link and X-Total-Count",
      trigger: 'an active session via X-Session-Token, the session cookie or Authorization: Bearer; page_size/page_token or per_page/page',
      source: documented(KRATOS_REFS.listMySessions),
      contentType: 'application/json',
      schema: 'sessionList',
      primary: true,
    },
    (ctx, raw) => {
      // Forced: one other session of the sample identity, on a first page.
      const sample = sampleSession(ctx)
      const d = (raw as Listed | undefined) ?? { identity: sample.identity, page: [sample.session], total: 1, pagination: parsePagination(ctx.url) }
      const { headers } = routeStart(ctx, route)
      setPaginationHeaders(headers, KRATOS_PATH, ctx.url, d.total, d.pagination)
      return jsonResponse(200, d.page.map((s) => sessionJson(s, d.identity, ctx.baseUrl)), headers)
    },
  ),
  jsonError({ route, name: 'unauthorized', status: 401, title: '401 "No valid session cookie found."', trigger: 'no credentials, unknown, revoked or expired session', source: documented(KRATOS_REFS.mySessionsUnauthorized), example: () => NO_SESSION_COOKIE, primary: true }),
  jsonError({ route, name: 'badRequest', status: 400, title: '400 (documented; Kratos ignores unreadable paging parameters, so forced only)', trigger: 'forced only', source: documented(KRATOS_REFS.listMySessionsSpec), example: () => badBody('The request was malformed or contained invalid parameters') }),
  internalError(route, KRATOS_REFS.listMySessionsSpec),
]
