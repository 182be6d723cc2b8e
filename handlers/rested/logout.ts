/**
 * Logout: `POST …/{authEndpoint}?key={apiKey}&logout=true` (seed page; contracts/rested.md, Logout table rows 1–6 in
 * that order: key → endpoint/key → origin/no-origin → token → 204). The token is revoked server-side.
 */
import type { Outcome } from '../platform/types.ts'
import { authenticate } from './auth.ts'
import { assumed, documented, errorBehaviour, gateBehaviours, type RestedBehaviour } from './behaviours.ts'
import { CLEARING_COOKIE } from './cookies.ts'
import { passGate, type Ctx } from './gate.ts'
import { restedNoContent } from './responses.ts'

/**
 * The natural logic of logout.
 * @example
 * await runLogout(ctx) // { behaviour: 'rested.logout.successClearingCookie' } for a live token (default config)
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

/** The 204 of an idempotent logout: no body; the clearing cookie unless `clearCookieOnLogout` is off. */
function loggedOut(ctx: Ctx): Response {
  return restedNoContent(ctx, ctx.config.clearCookieOnLogout ? [['Set-Cookie', CLEARING_COOKIE]] : [])
}

const SUCCESS_TRIGGER = 'a live access token of the project, in the __Secure-rested-access-token cookie or the Authorization header'

export const logoutBehaviours: RestedBehaviour[] = [
  {
    id: 'rested.logout.success',
    operation: 'logout',
    status: 204,
    title: 'Logged out: token revoked server-side, no body, no Set-Cookie (as documented: "Cookies: None")',
    trigger: `${SUCCESS_TRIGGER}, with clearCookieOnLogout = false`,
    source: documented('Logout table row 6 ("It returns a 204 after a successful logout"; "Cookies: None")'),
    contentType: null,
    respond: (ctx) => restedNoContent(ctx),
  },
  {
    id: 'rested.logout.successClearingCookie',
    operation: 'logout',
    status: 204,
    title: 'Logged out: token revoked server-side, no body, Set-Cookie clearing __Secure-rested-access-token',
    trigger: `${SUCCESS_TRIGGER} (clearCookieOnLogout = true, the default)`,
    source: assumed('the logout 204 also sends a Set-Cookie clearing the access cookie (the doc says "Cookies: None")', 'clearCookieOnLogout'),
    contentType: null,
    // Primary for a forced 204: it is what a successful logout sends under the default configuration, so
    // `Prefer: code=204` shows clients the response they meet by default. The documented cookie-less 204 is forced
    // by id (`example=rested.logout.success`); it is the natural one with clearCookieOnLogout = false.
    primary: true,
    respond: (ctx) => restedNoContent(ctx, [['Set-Cookie', CLEARING_COOKIE]]),
  },
  {
    id: 'rested.logout.idempotent',
    operation: 'logout',
    status: 204,
    title: 'No usable token, answered 204 anyway (clearing Set-Cookie unless clearCookieOnLogout = false)',
    trigger: 'no, unknown, expired or revoked token while unauthenticatedLogout = "idempotent"',
    source: assumed('Logout row 5: logout without a valid token answers 204 instead of 401', 'unauthenticatedLogout'),
    contentType: null,
    respond: (ctx) => loggedOut(ctx),
  },
  ...gateBehaviours('logout'),
  errorBehaviour({
    operation: 'logout',
    name: 'unauthenticated',
    status: 401,
    title: '401 no usable access token',
    trigger: 'no, unknown, expired or revoked token (unauthenticatedLogout = "reject", the default)',
    source: assumed('Logout row 5: no/unknown/revoked token is 401 {message}', 'unauthenticatedLogout'),
    primary: true,
  }),
]
