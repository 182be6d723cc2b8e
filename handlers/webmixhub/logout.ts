/**
 * `GET /auth/logout` (contracts/webmixhub.md, rows 1–9 in this order): rate limit → client headers (only with
 * `requireClientHeaders`) → tenant → user token → capability → user context → logged out. The user's status becomes
 * `logged_out`; the token stays valid (DOC), so a later authenticated request logs the user back in (see me.ts).
 */
import type { Operation, Outcome } from '../platform/types.ts'
import type { WebmixhubConfig } from './config.ts'
import { setStatus, type WebmixhubState } from './model.ts'
import { gate, type Ctx } from './auth.ts'
import { authenticatedBehaviours, documented, errorBehaviour, type WebmixhubBehaviour } from './behaviours.ts'
import { envelope } from './envelope.ts'
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
    source: documented('Logout — Response 200 OK', true),
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
    source: (line) => documented(`Rate Limiting — Per IP, 30 requests, 1 hour; Logout row 1 — ${line} (headers: ASSUMPTION)`, true),
  }),
  errorBehaviour({
    operation: 'logout',
    name: 'restrictedCapability',
    code: 'RESTRICTED_CAPABILITY',
    trigger: 'the tenant (fixture restricted-tenant-token) or the user (fixture carol@example.com in demo-tenant-token) has logout restricted',
    source: (line) => documented(`Logout row 6 — ${line}; the page: 403 Forbidden, Restricted Capability`, true),
  }),
  ...authenticatedBehaviours('logout', {
    unexpectedState: (line) => documented(`Logout row 7 — ${line}`, true),
    internalServer: (line) => documented(`Logout row 8 — ${line}`, true),
  }),
]

/** Every logout entry, each answering with the rate-limit headers. */
export const logoutBehaviours: WebmixhubBehaviour[] = entries.map(withRateLimitHeaders)
