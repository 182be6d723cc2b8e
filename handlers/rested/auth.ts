/**
 * Who is calling: the access token from the `__Secure-rested-access-token` cookie or the `Authorization` header
 * (`Bearer <t>` or bare `<t>`: the docs echo the stored header value unchanged), resolved to a live token of the
 * request's project. Unknown, expired, revoked or other-project tokens are all "no valid token".
 */
import { bearerToken } from '../platform/authorization.ts'
import { parseCookies } from '../platform/cookies.ts'
import type { Ctx } from './gate.ts'
import { ACCESS_COOKIE } from './cookies.ts'
import type { RestedProject, RestedToken, RestedUser } from './model.ts'

/** The `Authorization` header's token: `Bearer <t>`, else a bare `<t>` (one word, no scheme). */
function headerToken(headers: Headers): string | undefined {
  const bearer = bearerToken(headers)
  if (bearer !== undefined) return bearer
  const header = headers.get('authorization')?.trim()
  return header && !/\s/.test(header) ? header : undefined
}

/** The tokens the request presents, in the order they are tried: the cookie, then the `Authorization` header. */
function presentedTokens(ctx: Ctx): string[] {
  const cookie = parseCookies(ctx.request.headers.get('cookie'))[ACCESS_COOKIE]
  const header = headerToken(ctx.request.headers)
  return [cookie, header].filter((t): t is string => t !== undefined && t !== '')
}

type Caller = { readonly kind: 'ok'; readonly token: RestedToken; readonly user: RestedUser } | { readonly kind: 'none' }

/** The live token of the project behind `value`, with its user, or undefined. */
function liveCaller(ctx: Ctx, project: RestedProject, value: string): Caller | undefined {
  const token = ctx.state.tokens.get('token', value)
  if (!token || token.projectId !== project.id || token.expiresAt <= ctx.clock.now() || ctx.state.revocations.isRevoked(value)) return undefined
  const user = ctx.state.users.get('uniqueId', token.userId)
  return user ? { kind: 'ok', token, user } : undefined
}

/**
 * Authenticates the request against a project with the first LIVE token it presents, cookie before header.
 *
 * The contract says the token comes from the cookie OR the Authorization header, and says nothing of a request
 * carrying both. DECISION: a dead token does not hide a live one — a browser whose stale cookie survived a logout
 * while the app sends a fresh `Authorization` header is authenticated by the header. When both are live the cookie
 * wins, and logout revokes that one token only: the header's token is a session of its own and stays valid.
 * @example
 * const caller = authenticate(ctx, gate.project)
 * if (caller.kind === 'none') return { behaviour: 'rested.logout.unauthenticated' }
 */
export function authenticate(ctx: Ctx, project: RestedProject): Caller {
  for (const value of presentedTokens(ctx)) {
    const caller = liveCaller(ctx, project, value)
    if (caller) return caller
  }
  return { kind: 'none' }
}
