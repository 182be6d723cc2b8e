/**
 * The logout rate limit (DOC: 30 requests per hour per IP; fixed window on the platform clock) and its headers
 * (ASSUMPTION: `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` in epoch seconds on every logout
 * response; `Retry-After` in seconds on 429).
 *
 * Forced responses do not count against the limit (forcing bypasses the vendor's logic, so forcing never exhausts a
 * QA session's quota); their headers show the client's current window, and a forced 429 shows `Remaining: 0`.
 */
import type { RateLimitVerdict } from '../platform/state/rate-limit.ts'
import type { WebmixhubBehaviour } from './behaviours.ts'

/** Detail every natural logout outcome carries: the verdict of the request's own hit. */
interface RateLimitedDetail {
  rate: RateLimitVerdict
}

/**
 * Wraps a logout entry so its response carries the rate-limit headers, naturally or forced.
 * @example
 * const entries = [success, ...errors].map(withRateLimitHeaders)
 */
export function withRateLimitHeaders(behaviour: WebmixhubBehaviour): WebmixhubBehaviour {
  return {
    ...behaviour,
    async respond(ctx, raw) {
      const response = await behaviour.respond(ctx, raw)
      const rate = (raw as Partial<RateLimitedDetail> | undefined)?.rate ?? ctx.state.limiter.peek(ctx.clientIp, ctx.clock.now())
      const limited = behaviour.status === 429
      if (ctx.config.rateLimitHeaders) {
        response.headers.set('X-RateLimit-Limit', String(rate.limit))
        response.headers.set('X-RateLimit-Remaining', String(limited ? 0 : rate.remaining))
        response.headers.set('X-RateLimit-Reset', String(Math.ceil(rate.resetAt / 1000)))
      }
      if (limited) response.headers.set('Retry-After', String(rate.retryAfter))
      return response
    },
  }
}
