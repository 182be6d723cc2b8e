/**
 * Logout: `POST …/{authEndpoint}?key={apiKey}&logout=true` (the logout page). Check order: key → endpoint/key →
 * origin/no-origin → token → 204 with no body and, as documented, no cookie ("Cookies: None"; the clearing cookie is
 * the option `clearCookieOnLogout`). The token is revoked server-side: the logged-in-user GET and every secure
 * endpoint refuse it afterwards.
 */
import type { MockResponse } from '../platform/http/response.ts'
import type { Outcome } from '../platform/types.ts'
import { authenticate } from './auth.ts'
import { errorBehaviour, gateBehaviours, type RestedBehaviour } from './behaviours.ts'
import { assumed, documented } from './sources.ts'
import { CLEARING_COOKIE } from './cookies.ts'
import { passGate, type Ctx } from './gate.ts'
import { restedNoContent } from './responses.ts'

/**
 * The natural logic of logout.
 * @example
 * await runLogout(ctx) // { behaviour: 'rested.logout.success' } for a live token (default config)
 */
export async function runLogout(ctx: Ctx): Promise<Outcome> {
  const gate = passGate(ctx, 'logout', 'auth')
  if (!gate.ok) return gate.outcome
  // The first live token presented (cookie, then Authorization header) is the one logged out: see `authenticate`.
  const caller = authenticate(ctx, gate.project)
  if (caller.kind === 'none') return { behaviour: ctx.config.unauthenticatedLogout === 'idempotent' ? 'rested.logout.idempotent' : 'rested.logout.unauthenticated' }
  await ctx.state.revocations.revoke(caller.token.token, ctx.clock.now(), 'logout', caller.token.expiresAt)
  return { behaviour: ctx.config.clearCookieOnLogout ? 'rested.logout.successClearingCookie' : 'rested.logout.success' }
}

/** The 204 of an idempotent logout: no body; the clearing cookie when `clearCookieOnLogout` is on. */
function loggedOut(ctx: Ctx): MockResponse {
  return restedNoContent(ctx, ctx.config.clearCookieOnLogout ? [['Set-Cookie', CLEARING_COOKIE]] : [])
}

const SUCCESS_TRIGGER = 'a live access token of the project, in the __Secure-rested-access-token cookie or the Authorization header'

export const logoutBehaviours: RestedBehaviour[] = [
  {
    id: 'rested.logout.success',
    operation: 'logout',
    status: 204,
    title: 'Logged out: token revoked server-side, no body, no Set-Cookie (as documented: "Cookies: None")',
    trigger: `${SUCCESS_TRIGGER} (clearCookieOnLogout = false, the default)`,
    source: documented('logout'),
    contentType: null,
    primary: true,
    respond: (ctx) => restedNoContent(ctx),
  },
  {
    id: 'rested.logout.successClearingCookie',
    operation: 'logout',
    status: 204,
    title: 'Logged out: token revoked server-side, no body, Set-Cookie clearing __Secure-rested-access-token',
    trigger: `${SUCCESS_TRIGGER}, with clearCookieOnLogout = true`,
    source: assumed('a-clearing-cookie-on-logout', 'clearCookieOnLogout'),
    contentType: null,
    respond: (ctx) => restedNoContent(ctx, [['Set-Cookie', CLEARING_COOKIE]]),
  },
  {
    id: 'rested.logout.idempotent',
    operation: 'logout',
    status: 204,
    title: 'No usable token, answered 204 anyway (with the clearing Set-Cookie when clearCookieOnLogout = true)',
    trigger: 'no, unknown, expired or revoked token while unauthenticatedLogout = "idempotent"',
    source: assumed('logout-without-a-usable-token', 'unauthenticatedLogout'),
    contentType: null,
    respond: (ctx) => loggedOut(ctx),
  },
  ...gateBehaviours('logout', 'logout'),
  errorBehaviour({
    operation: 'logout',
    name: 'unauthenticated',
    status: 401,
    title: '401 no usable access token',
    trigger: 'no, unknown, expired or revoked token (unauthenticatedLogout = "reject", the default)',
    source: assumed('logout-without-a-usable-token', 'unauthenticatedLogout'),
    primary: true,
  }),
]
