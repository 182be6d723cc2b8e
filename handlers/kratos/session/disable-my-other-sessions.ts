/**
 * `DELETE {prefix}/sessions` — disableMyOtherSessions (session/handler.go:726-742): revokes every other session of
 * the caller's identity and answers `{"count": n}`. Revoking is the logout's own mechanism (the revocation log), so
 * whoami, the logout flow, the list and the native logout all see it at once.
 *
 * `n` is what Kratos's SQL returns (persister_session.go:486-492, 578-605): on PostgreSQL and CockroachDB (Ory
 * Network) the count of every *matching* row — the identity's other sessions, already revoked or expired ones
 * included — and SQLite's changes() counts the same rows. The mock counts the other sessions it still holds.
 */
import type { Operation } from '../../platform/types.ts'
import type { KratosConfig } from '../config.ts'
import { documented, entry, internalError, jsonError, routeStart, type KratosBehaviour, type Route } from '../behaviours.ts'
import { KRATOS_REFS } from '../sources.ts'
import { badBody, NO_SESSION_COOKIE } from '../x/herodot.ts'
import { sessionsOfIdentity, type KratosState } from '../model.ts'
import { jsonResponse } from '../x/responses.ts'
import { activeSession } from './session-auth.ts'

const route: Route = { operation: 'disableMyOtherSessions', method: 'DELETE', nosurf: false }

export const disableMyOtherSessionsOperation: Operation<KratosState, KratosConfig> = {
  id: route.operation,
  method: 'DELETE',
  path: '/sessions',
  summary: 'Disable my other sessions: revoke every session of the identity but the current one, {"count": n}',
  async run(ctx) {
    const auth = activeSession(ctx)
    if (!auth) return { behaviour: 'unauthorized' }
    const now = ctx.clock.now()
    const others = sessionsOfIdentity(ctx.state, auth.identity.id).filter((s) => s.id !== auth.session.id)
    for (const s of others) await ctx.state.revocations.revoke(s.id, now, 'revoked', s.expiresAt)
    return { behaviour: 'revoked', detail: others.length }
  },
}

export const disableMyOtherSessionsBehaviours: KratosBehaviour[] = [
  entry(
    {
      route,
      name: 'revoked',
      status: 200,
      title: '200 {"count": n}: every other session of the identity revoked (n counts already inactive ones too)',
      trigger: 'an active session via X-Session-Token, the session cookie or Authorization: Bearer',
      source: documented(KRATOS_REFS.disableMyOtherSessions),
      contentType: 'application/json',
      schema: 'deleteMySessionsCount',
      primary: true,
    },
    (ctx, raw) => jsonResponse(200, { count: typeof raw === 'number' ? raw : 0 }, routeStart(ctx, route).headers),
  ),
  jsonError({ route, name: 'unauthorized', status: 401, title: '401 "No valid session cookie found."', trigger: 'no credentials, unknown, revoked or expired session', source: documented(KRATOS_REFS.disableMyOtherSessionsUnauthorized), example: () => NO_SESSION_COOKIE, primary: true }),
  jsonError({ route, name: 'badRequest', status: 400, title: '400 (documented; nothing in the handler produces it, so forced only)', trigger: 'forced only', source: documented(KRATOS_REFS.disableMyOtherSessionsSpec), example: () => badBody('The request was malformed or contained invalid parameters') }),
  internalError(route, KRATOS_REFS.disableMyOtherSessionsCount),
]
