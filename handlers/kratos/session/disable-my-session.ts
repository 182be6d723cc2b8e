/**
 * `DELETE {prefix}/sessions/{id}` — disableMySession (session/handler.go:789-821), in Kratos's order: the id
 * `whoami` is whoami (to-session.ts declares that path first, so it wins); then the caller's session (401 "No valid
 * session cookie found."); then gofrs/uuid parses the id (400, the parse error as message); the caller's own session
 * is refused (400 "cannot revoke current session": use the logout flow); anything else is revoked *if* it is one of
 * the caller's identity's sessions — another identity's session or an unknown id is a silent no-op, still 204
 * (persister_session.go:474-484; handler_test.go "should not error on unknown or revoked session").
 */
import type { Operation } from '../../platform/types.ts'
import type { KratosConfig } from '../config.ts'
import { documented, internalError, jsonError, routeStart, type KratosBehaviour, type Route } from '../behaviours.ts'
import { KRATOS_REFS } from '../sources.ts'
import { CANNOT_REVOKE_CURRENT, NO_SESSION_COOKIE, uuidParseError } from '../x/herodot.ts'
import type { KratosState } from '../model.ts'
import { noContent } from '../x/responses.ts'
import { parseGoUuid } from '../x/uuid.ts'
import { activeSession, type KratosCtx } from './session-auth.ts'

const route: Route = { operation: 'disableMySession', method: 'DELETE', nosurf: false }

/** `r.PathValue("id")`: the last path segment, unescaped. */
function pathId(ctx: KratosCtx): string {
  const raw = ctx.url.pathname.slice(ctx.url.pathname.lastIndexOf('/') + 1)
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

export const disableMySessionOperation: Operation<KratosState, KratosConfig> = {
  id: route.operation,
  method: 'DELETE',
  path: '/sessions/:id',
  sample: '/sessions/6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  summary: "Disable one of my sessions: revoke another of the identity's sessions by id",
  async run(ctx) {
    const auth = activeSession(ctx)
    if (!auth) return { behaviour: 'unauthorized' }
    const parsed = parseGoUuid(pathId(ctx))
    if ('error' in parsed) return { behaviour: 'unparsableId', detail: { error: uuidParseError(parsed.error) } }
    if (parsed.uuid === auth.session.id) return { behaviour: 'currentSession' }
    const target = ctx.state.sessions.get('id', parsed.uuid)
    if (target && target.identityId === auth.identity.id) await ctx.state.revocations.revoke(target.id, ctx.clock.now(), 'revoked', target.expiresAt)
    return { behaviour: 'revoked' }
  },
}

export const disableMySessionBehaviours: KratosBehaviour[] = [
  {
    id: 'kratos.disableMySession.revoked',
    operation: route.operation,
    status: 204,
    title: "204: the session is revoked if it is one of the identity's (another identity's or an unknown id: nothing, still 204)",
    trigger: "an active session and the id of another session (of the same identity, or of none: a no-op)",
    source: documented(KRATOS_REFS.disableMySessionDone),
    contentType: null,
    primary: true,
    respond: (ctx) => noContent(routeStart(ctx, route).headers),
  },
  jsonError({ route, name: 'unauthorized', status: 401, title: '401 "No valid session cookie found."', trigger: 'no credentials, unknown, revoked or expired session (checked before the id)', source: documented(KRATOS_REFS.disableMySessionUnauthorized), example: () => NO_SESSION_COOKIE, primary: true }),
  jsonError({ route, name: 'unparsableId', status: 400, title: "400: the id is not a UUID (gofrs/uuid's error as message)", trigger: 'an active session and an id gofrs/uuid cannot parse', source: documented(KRATOS_REFS.disableMySessionUuid), example: () => uuidParseError('uuid: incorrect UUID length 3 in string "abc"'), primary: true }),
  jsonError({ route, name: 'currentSession', status: 400, title: '400 "cannot revoke current session" (use the logout flow instead)', trigger: "the id of the caller's own session", source: documented(KRATOS_REFS.disableMySessionCurrent), example: () => CANNOT_REVOKE_CURRENT }),
  internalError(route, KRATOS_REFS.disableMySessionSpec),
]
