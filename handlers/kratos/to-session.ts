/**
 * `GET {prefix}/sessions/whoami` — toSession (contracts/kratos.md §4): the session, or 401 E9 without an id for any
 * lookup failure (no credentials, unknown, revoked — including a replayed pre-logout cookie — or expired).
 */
import type { Operation } from '../platform/types.ts'
import type { KratosConfig } from './config.ts'
import { documented, internalError, jsonError, routeStart, type KratosBehaviour, type Route } from './behaviours.ts'
import { WHOAMI_UNAUTHORIZED, type HerodotError } from './herodot.ts'
import { kratosIdentities } from '../../fixtures/kratos.ts'
import type { KratosSession, KratosState } from './model.ts'
import { jsonResponse } from './responses.ts'
import { activeSession } from './session-auth.ts'
import { sessionJson } from './session-json.ts'

const route: Route = { operation: 'toSession', nosurf: false }

export const toSessionOperation: Operation<KratosState, KratosConfig> = {
  id: route.operation,
  method: 'GET',
  path: '/sessions/whoami',
  summary: 'Check Who the Current HTTP Session Belongs To',
  run(ctx) {
    const auth = activeSession(ctx)
    return auth ? { behaviour: 'active', detail: auth } : { behaviour: 'unauthorized' }
  },
}

const AAL2_REQUIRED: HerodotError = {
  id: 'session_aal2_required',
  code: 403,
  status: 'Forbidden',
  reason: 'An active session was found but it does not fulfill the Authenticator Assurance Level, implying that the session must first be authenticated using a second factor.',
  message: 'Session does not fulfill the requested Authenticator Assurance Level',
}

export const toSessionBehaviours: KratosBehaviour[] = [
  {
    id: 'kratos.toSession.active',
    operation: route.operation,
    status: 200,
    title: 'The session, with X-Kratos-Authenticated-Identity-Id',
    trigger: 'an active session via X-Session-Token, the session cookie or Authorization: Bearer',
    source: documented('§4'),
    contentType: 'application/json',
    schema: 'session',
    primary: true,
    async respond(ctx, raw) {
      const now = ctx.clock.now()
      const fixture = kratosIdentities[0]
      const d = (raw as { session: KratosSession; identity: typeof fixture } | undefined) ?? {
        identity: { ...fixture },
        session: {
          id: ctx.random.uuid(),
          identityId: fixture.id,
          token: '',
          logoutToken: '',
          cookieValue: '',
          issuedAt: now,
          expiresAt: now + ctx.config.sessionLifespanSeconds * 1000,
          deviceId: ctx.random.uuid(),
          ipAddress: ctx.clientIp,
          userAgent: '',
          via: 'control',
        },
      }
      const { headers } = await routeStart(ctx, route)
      headers.set('X-Kratos-Authenticated-Identity-Id', d.identity.id)
      return jsonResponse(200, sessionJson(d.session, d.identity, ctx.baseUrl), headers)
    },
  },
  jsonError({ route, name: 'unauthorized', status: 401, title: 'E9 401 without id', trigger: 'no credentials, unknown, revoked (also a replayed old cookie) or expired session', source: documented('§4, §5 E9'), example: () => WHOAMI_UNAUTHORIZED, primary: true }),
  jsonError({ route, name: 'aal2Required', status: 403, title: '403 session_aal2_required', trigger: 'forced only (the mock has no second factor)', source: documented('OpenAPI toSession 403; §5 (whoami only)'), example: () => AAL2_REQUIRED }),
  internalError(route, 'OpenAPI toSession default'),
]
