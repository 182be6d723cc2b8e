/**
 * The two checks both logouts (`POST /api/v1/auth/logout`, v2's `DELETE /api/v1/user/api-keys/self`) start with:
 * the client version (426), then the logout rate limit (429, counted per client IP or per credential).
 */
import type { Outcome } from '../platform/types.ts'
import { apiKeyFrom, belowMinimumVersion, tokenFrom, type Ctx } from './auth.ts'
import { ACCESS_COOKIE } from './cookies.ts'

/**
 * The 426 or 429 outcome when one applies (the request is counted against the limit), else undefined.
 * @example
 * const stop = logoutGate(ctx)
 * if (stop) return stop
 */
export function logoutGate(ctx: Ctx): Outcome | undefined {
  if (belowMinimumVersion(ctx)) return { behaviour: 'upgradeRequired' }
  // Counted per credential (a caller without one: per IP, under the token: prefix) or per IP.
  const key = ctx.config.rateLimitBy === 'token' ? `token:${tokenFrom(ctx, ACCESS_COOKIE) ?? apiKeyFrom(ctx) ?? ctx.clientIp}` : `ip:${ctx.clientIp}`
  const limit = ctx.state.limiter.hit(key, ctx.clock.now())
  return limit.allowed ? undefined : { behaviour: 'rateLimited', detail: { retryAfter: limit.retryAfter } }
}
