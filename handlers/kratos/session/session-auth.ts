/**
 * Kratos's session manager for HTTP requests (session/manager_http.go):
 * - `extractToken`: `X-Session-Token`, else the session cookie, else `Authorization: Bearer`. The Bearer fallback
 *   also applies when a cookie is sent but yields no session token (gorilla cannot decode it: for the mock, a cookie
 *   value no session ever had). A cookie that decodes — a session that exists, even revoked or expired — is used and
 *   never falls back.
 * - `PurgeFromRequest`: revokes the Bearer token if one is sent (no cookie touched), else the cookie's session.
 */
import { bearerToken } from '../../platform/http/authorization.ts'
import { parseCookies } from '../../platform/http/cookies.ts'
import type { RequestContext } from '../../platform/types.ts'
import type { KratosConfig } from '../config.ts'
import { isActive, type KratosSession, type KratosState, type SessionWithIdentity } from '../model.ts'

export type KratosCtx = RequestContext<KratosState, KratosConfig>

/** The session the cookie decodes to (active or not), if the request has a cookie Kratos could decode. */
function cookieSession(ctx: KratosCtx): KratosSession | undefined {
  const value = parseCookies(ctx.request.headers.get('cookie'))[ctx.config.sessionCookieName]
  return value === undefined ? undefined : ctx.state.sessions.get('cookieValue', value)
}

/** The session `extractToken` leads to (active or not), through indexes only. */
function sessionOf(ctx: KratosCtx): KratosSession | undefined {
  const header = ctx.request.headers.get('x-session-token')
  if (header) return ctx.state.sessions.get('token', header)
  const fromCookie = cookieSession(ctx)
  if (fromCookie) return fromCookie
  const bearer = bearerToken(ctx.request.headers)
  return bearer ? ctx.state.sessions.get('token', bearer) : undefined
}

/**
 * The request's active session, or null (no credential, unknown, revoked or expired: all `session_inactive`).
 * @example
 * const auth = activeSession(ctx)
 * if (!auth) return { behaviour: 'sessionInactive' }
 */
export function activeSession(ctx: KratosCtx): SessionWithIdentity | null {
  const session = sessionOf(ctx)
  if (!session || !isActive(ctx.state, session, ctx.clock.now())) return null
  const identity = ctx.state.identities.get('id', session.identityId)
  return identity ? { session, identity } : null
}

/**
 * `PurgeFromRequest`: a Bearer token is revoked without touching cookies; otherwise the cookie's session is revoked
 * and the cookie must be cleared; a session that came only through X-Session-Token is not revoked at all.
 * Returns whether the session cookie is to be cleared.
 * @example
 * const clearCookie = await purgeFromRequest(ctx)
 */
export async function purgeFromRequest(ctx: KratosCtx): Promise<boolean> {
  const now = ctx.clock.now()
  const bearer = bearerToken(ctx.request.headers)
  if (bearer) {
    const s = ctx.state.sessions.get('token', bearer)
    if (s) await ctx.state.revocations.revoke(s.id, now, 'logout', s.expiresAt)
    return false
  }
  const s = cookieSession(ctx)
  if (!s) return false
  await ctx.state.revocations.revoke(s.id, now, 'logout', s.expiresAt)
  return true
}
