/**
 * Who is calling: the access token from the `__Secure-rested-access-token` cookie or the `Authorization` header
 * (`Bearer <t>` or bare `<t>`: the docs echo the stored header value unchanged), resolved to a live token of the
 * request's project, with the reason when it is not live (the logged-in-user GET names it; other operations only
 * need "no valid token").
 */
import { bearerToken } from '../platform/http/authorization.ts'
import { parseCookies } from '../platform/http/cookies.ts'
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

/** What one presented token is worth: a live caller, or why not. */
export type TokenVerdict =
  | { readonly kind: 'ok'; readonly token: RestedToken; readonly user: RestedUser }
  | { readonly kind: 'missing' | 'unknown' | 'revoked' | 'expired' | 'noUser' }

type Caller = Extract<TokenVerdict, { kind: 'ok' }> | { readonly kind: 'none' }

/** One token against a project: unknown (never issued, or another project's), revoked, expired, its user gone, or live. */
function verdictOf(ctx: Ctx, project: RestedProject, value: string): TokenVerdict {
  const token = ctx.state.tokens.get('token', value)
  if (!token || token.projectId !== project.id) return { kind: 'unknown' }
  if (ctx.state.revocations.isRevoked(value)) return { kind: 'revoked' }
  if (token.expiresAt <= ctx.clock.now()) return { kind: 'expired' }
  const user = ctx.state.users.get('uniqueId', token.userId)
  return user ? { kind: 'ok', token, user } : { kind: 'noUser' }
}

/**
 * The verdict on the tokens a request presents: the first LIVE one (cookie before header), else what is wrong with
 * the first one presented, else `missing`.
 *
 * The docs say the token comes from the cookie OR the Authorization header, and say nothing of a request carrying
 * both. DECISION: a dead token does not hide a live one — a browser whose stale cookie survived a logout while the
 * app sends a fresh `Authorization` header is authenticated by the header. When both are live the cookie wins, and
 * logout revokes that one token only: the header's token is a session of its own and stays valid.
 * @example
 * inspectTokens(ctx, gate.project).kind // 'revoked' for a logged-out cookie
 */
export function inspectTokens(ctx: Ctx, project: RestedProject): TokenVerdict {
  const verdicts = presentedTokens(ctx).map((value) => verdictOf(ctx, project, value))
  return verdicts.find((v) => v.kind === 'ok') ?? verdicts[0] ?? { kind: 'missing' }
}

/**
 * Authenticates the request against a project with the first live token it presents (see `inspectTokens`).
 * @example
 * const caller = authenticate(ctx, gate.project)
 * if (caller.kind === 'none') return { behaviour: 'rested.logout.unauthenticated' }
 */
export function authenticate(ctx: Ctx, project: RestedProject): Caller {
  const verdict = inspectTokens(ctx, project)
  return verdict.kind === 'ok' ? verdict : { kind: 'none' }
}
