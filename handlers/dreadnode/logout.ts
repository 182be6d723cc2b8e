/**
 * `POST /api/v1/auth/logout` — "Log out the current user by clearing auth cookies" (contracts/dreadnode.md, table rows
 * 1–6 in that order: version → rate limit → malformed request → malformed cookie → authentication → disabled → 200).
 */
import type { Operation } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import { sessionExpiresAt, type DreadnodeState } from './model.ts'
import { authenticate, belowMinimumVersion, malformedCookie, tokenFrom, type Ctx } from './auth.ts'
import { readJsonBody } from './body.ts'
import { assumed, documented, errorBehaviours, jsonOk, type DreadnodeBehaviour } from './behaviours.ts'
import { ACCESS_COOKIE, CLEARING_COOKIES, REFRESH_COOKIE } from './cookies.ts'

/** Counts the request against the logout limit and returns the verdict. */
function rateLimit(ctx: Ctx) {
  const key = ctx.config.rateLimitBy === 'token' ? `token:${tokenFrom(ctx, ACCESS_COOKIE) ?? ctx.clientIp}` : `ip:${ctx.clientIp}`
  return ctx.state.limiter.hit(key, ctx.clock.now())
}

export const logoutOperation: Operation<DreadnodeState, DreadnodeConfig> = {
  id: 'logout',
  method: 'POST',
  path: '/api/v1/auth/logout',
  summary: 'Log out the current user by clearing auth cookies',
  async run(ctx) {
    if (belowMinimumVersion(ctx)) return { behaviour: 'upgradeRequired' }
    const limit = rateLimit(ctx)
    if (!limit.allowed) return { behaviour: 'rateLimited', detail: { retryAfter: limit.retryAfter } }
    const body = await readJsonBody(ctx)
    if (body.kind === 'bad') return { behaviour: 'invalidRequest', detail: { detail: body.detail } }
    const malformed = malformedCookie(ctx, [ACCESS_COOKIE, REFRESH_COOKIE])
    if (malformed) {
      return { behaviour: 'validationError', detail: { errors: [{ loc: ['cookie', malformed], msg: 'Malformed token: not a JWT', type: 'value_error.jwt' }] } }
    }
    const caller = await authenticate(ctx, ACCESS_COOKIE)
    if (caller.kind !== 'ok') return { behaviour: ctx.config.unauthenticatedLogout === 'idempotent' ? 'idempotent' : 'unauthenticated' }
    if (caller.user.disabled) return { behaviour: 'forbidden' }
    await ctx.state.revocations.revoke(caller.session.id, ctx.clock.now(), 'logout', sessionExpiresAt(caller.session, ctx.config))
    return { behaviour: 'success' }
  },
}

export const logoutBehaviours: DreadnodeBehaviour[] = [
  {
    id: 'dreadnode.logout.success',
    operation: 'logout',
    status: 200,
    title: 'Logged out: session revoked server-side, both cookies cleared',
    trigger: 'a valid access_token cookie of an enabled user',
    source: documented('— 200 Successful Response (body {} and cookie attributes: ASSUMPTION)'),
    contentType: 'application/json',
    schema: 'logoutSuccess',
    primary: true,
    respond: () => jsonOk({}, CLEARING_COOKIES),
  },
  {
    id: 'dreadnode.logout.idempotent',
    operation: 'logout',
    status: 200,
    title: 'No valid session, answered 200 and cookies cleared anyway',
    trigger: 'no/expired/revoked/forged access_token while unauthenticatedLogout = "idempotent"',
    source: assumed('logout without a valid session answers 200 instead of 401', 'unauthenticatedLogout'),
    contentType: 'application/json',
    schema: 'logoutSuccess',
    respond: () => jsonOk({}, CLEARING_COOKIES),
  },
  ...errorBehaviours('logout', {
    400: 'a body sent with Content-Type: application/json that is not valid JSON (or over 1 MiB)',
    401: 'access_token cookie missing, expired, revoked or with an invalid signature (unauthenticatedLogout = "reject", the default)',
    403: 'the token belongs to a disabled user (fixture disabled@example.com)',
    422: 'access_token or refresh_token cookie present but not a JWT',
    426: 'client version (User-Agent dreadnode-sdk/<v> or clientVersionHeader) below minClientVersion',
    429: 'more than rateLimit logout requests in rateLimitWindowMs from one client IP (or token)',
  }),
]
