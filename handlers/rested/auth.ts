/**
 * Who is calling: the access token from the `__Secure-rested-access-token` cookie or the `Authorization` header
 * (`Bearer <t>` or bare `<t>`: the docs echo the stored header value unchanged), resolved to a live token of the
 * request's project. Unknown, expired, revoked or other-project tokens are all "no valid token".
 */
import { parseCookies } from '../platform/cookies.ts'
import type { Ctx } from './gate.ts'
import { ACCESS_COOKIE } from './cookies.ts'
import { isRevoked, type RestedProject, type RestedToken, type RestedUser } from './model.ts'

/**
 * The token the request carries: the cookie first, else the `Authorization` header.
 * @example
 * tokenFrom(ctx) // 'ab12…' for `Authorization: Bearer ab12…` or `Authorization: ab12…`
 */
export function tokenFrom(ctx: Ctx): string | undefined {
  const cookie = parseCookies(ctx.request.headers.get('cookie'))[ACCESS_COOKIE]
  if (cookie !== undefined && cookie !== '') return cookie
  const header = ctx.request.headers.get('authorization')?.trim()
  if (!header) return undefined
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)
  if (bearer) return bearer[1]
  return /\s/.test(header) ? undefined : header
}

export type Caller = { readonly kind: 'ok'; readonly token: RestedToken; readonly user: RestedUser } | { readonly kind: 'none' }

/**
 * Authenticates the request against a project.
 * @example
 * const caller = authenticate(ctx, gate.project)
 * if (caller.kind === 'none') return { behaviour: 'rested.logout.unauthenticated' }
 */
export function authenticate(ctx: Ctx, project: RestedProject): Caller {
  const value = tokenFrom(ctx)
  if (value === undefined) return { kind: 'none' }
  const token = ctx.state.tokens.get('token', value)
  if (!token || token.projectId !== project.id || token.expiresAt <= ctx.clock.now() || isRevoked(ctx.state, value)) return { kind: 'none' }
  const user = ctx.state.users.get('uniqueId', token.userId)
  return user ? { kind: 'ok', token, user } : { kind: 'none' }
}
