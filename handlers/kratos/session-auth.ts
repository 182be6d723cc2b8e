/**
 * Where a request's session comes from (session/manager_http.go, contracts/kratos.md §0.4): `X-Session-Token`, then
 * the session cookie, then `Authorization: Bearer`. Only an existing, unrevoked, unexpired session counts.
 */
import { parseCookies } from '../platform/cookies.ts'
import type { RequestContext } from '../platform/types.ts'
import type { KratosConfig } from './config.ts'
import { isActive, type KratosIdentity, type KratosSession, type KratosState } from './model.ts'

export type KratosCtx = RequestContext<KratosState, KratosConfig>

export type Credential = { via: 'header' | 'bearer'; token: string } | { via: 'cookie'; value: string }

/** `Authorization: Bearer <token>` (scheme case-insensitive). */
export function bearerToken(request: Request): string | null {
  const m = /^bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')
  return m ? m[1].trim() : null
}

/** The session cookie's value, if the request has one. */
export function sessionCookieValue(ctx: KratosCtx): string | undefined {
  return parseCookies(ctx.request.headers.get('cookie'))[ctx.config.sessionCookieName]
}

/** The credential Kratos would read, in its order. */
export function credentialOf(ctx: KratosCtx): Credential | null {
  const header = ctx.request.headers.get('x-session-token')
  if (header) return { via: 'header', token: header }
  const cookie = sessionCookieValue(ctx)
  if (cookie !== undefined) return { via: 'cookie', value: cookie }
  const bearer = bearerToken(ctx.request)
  return bearer ? { via: 'bearer', token: bearer } : null
}

/** The session a credential points to (active or not), through an index. */
export function sessionOf(state: KratosState, credential: Credential | null): KratosSession | undefined {
  if (!credential) return undefined
  return credential.via === 'cookie' ? state.sessions.get('cookieValue', credential.value) : state.sessions.get('token', credential.token)
}

export interface Authenticated {
  session: KratosSession
  identity: KratosIdentity
  credential: Credential
}

/**
 * The request's active session, or null (no credential, unknown, revoked or expired: all `session_inactive`).
 * @example
 * const auth = activeSession(ctx)
 * if (!auth) return { behaviour: 'sessionInactive' }
 */
export function activeSession(ctx: KratosCtx): Authenticated | null {
  const credential = credentialOf(ctx)
  const session = sessionOf(ctx.state, credential)
  if (!credential || !session || !isActive(ctx.state, session, ctx.clock.now())) return null
  const identity = ctx.state.identities.get('id', session.identityId)
  return identity ? { session, identity, credential } : null
}
