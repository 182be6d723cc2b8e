/**
 * `GET /auth/logout` (the logout page), in this order: rate limit → client headers (only with `requireClientHeaders`)
 * → tenant → user token → capability → user context → logged out. Its 429 and 500 keep the logout page's wording
 * ("Too many requests", "Something went wrong on our side."), not the error table's. The user's status becomes
 * `logged_out`; the token stays valid (DOC), so a later authenticated request logs the user back in (see me.ts).
 */
import type { Operation, Outcome } from '../platform/types.ts'
import type { WebmixhubConfig } from './config.ts'
import { setStatus, type WebmixhubState } from './model.ts'
import { gate, type Ctx } from './auth.ts'
import { authenticatedBehaviours, errorBehaviour, type WebmixhubBehaviour } from './behaviours.ts'
import { envelope, LOGOUT_WORDING } from './envelope.ts'
import { documented } from './sources.ts'
import { withRateLimitHeaders } from './rate-limit.ts'

/** Rows 2–9, once the request has been counted against the rate limit. */
async function logOut(ctx: Ctx): Promise<Outcome> {
  const caller = await gate(ctx, { user: true })
  if ('behaviour' in caller) return caller
  // A deleted user's own restrictions are unknown: only the tenant's can answer 403 before the 500.
  if (caller.tenant.restrictedCapabilities.includes('logout') || caller.user?.restrictedCapabilities.includes('logout')) {
    return { behaviour: 'restrictedCapability' }
  }
  if (!caller.user) return { behaviour: 'unexpectedState' }
  setStatus(ctx.state, caller.user, 'logged_out')
  return { behaviour: 'success' }
}

export const logoutOperation: Operation<WebmixhubState, WebmixhubConfig> = {
  id: 'logout',
  method: 'GET',
  path: '/auth/logout',
  summary: 'Sign out the current user: status → logged_out (the token is not invalidated)',
  async run(ctx) {
    const rate = ctx.state.limiter.hit(ctx.clientIp, ctx.clock.now())
    if (!rate.allowed) return { behaviour: 'tooManyRequests', detail: { rate } }
    const outcome = await logOut(ctx)
    // Every natural outcome carries the verdict of this request's own hit, for the rate-limit headers.
    return { behaviour: outcome.behaviour, detail: { ...(outcome.detail as object | undefined), rate } }
  },
}

const entries: WebmixhubBehaviour[] = [
  {
    id: 'webmixhub.logout.success',
    operation: 'logout',
    status: 200,
    title: 'Logged out: {meta, data:{success:true}}; user status → logged_out, token still valid',
    trigger: 'valid tenant and access token of an existing user, logout not restricted (idempotent: 200 again on repeat)',
    source: documented('logout'),
    contentType: 'application/json',
    schema: 'logoutSuccess',
    primary: true,
    respond: (ctx) => envelope(ctx, 200, { data: { success: true } }),
  },
  errorBehaviour({
    operation: 'logout',
    name: 'tooManyRequests',
    code: 'TOO_MANY_REQUESTS',
    trigger: 'more than rateLimit (30) logout requests from one client IP within the fixed rateLimitWindowMs (1 hour) window',
    source: documented('logout', [
      { what: 'X-RateLimit-Limit/Remaining/Reset on every logout response, Retry-After on the 429 (docs/providers/webmixhub.md#rate-limit-headers-and-window)', option: 'rateLimitHeaders' },
      { what: 'a fixed window per client IP on the platform clock (docs/providers/webmixhub.md#rate-limit-headers-and-window)', option: 'rateLimitWindowMs' },
    ]),
    message: LOGOUT_WORDING.TOO_MANY_REQUESTS,
  }),
  errorBehaviour({
    operation: 'logout',
    name: 'restrictedCapability',
    code: 'RESTRICTED_CAPABILITY',
    trigger: 'the tenant (fixture restricted-tenant-token) or the user (fixture carol@example.com in demo-tenant-token) has logout restricted',
    source: documented('logout'),
  }),
  ...authenticatedBehaviours('logout', {
    unexpectedState: documented('logout'),
    internalServer: documented('logout'),
    wording: LOGOUT_WORDING,
  }),
]

/** Every logout entry, each answering with the rate-limit headers. */
export const logoutBehaviours: WebmixhubBehaviour[] = entries.map(withRateLimitHeaders)
