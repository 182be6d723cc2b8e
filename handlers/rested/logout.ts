/**
 * Logout: `POST …/{authEndpoint}?key={apiKey}&logout=true` (seed page; contracts/rested.md, Logout table rows 1–6 in
 * that order: key → endpoint/key → origin/no-origin → token → 204). The token is revoked server-side.
 */
import type { Outcome } from '../platform/types.ts'
import { authenticate } from './auth.ts'
import { assumed, documented, errorBehaviour, gateBehaviours, type RestedBehaviour } from './behaviours.ts'
import { CLEARING_COOKIE } from './cookies.ts'
import { checkGate, type Ctx } from './gate.ts'
import { revokeToken } from './model.ts'
import { restedNoContent } from './responses.ts'

/**
 * The natural logic of logout.
 * @example
 * await runLogout(ctx) // { behaviour: 'rested.logout.success' } for a live token
 */
export async function runLogout(ctx: Ctx): Promise<Outcome> {
  const gate = checkGate(ctx, 'auth')
  if (!gate.ok) return { behaviour: `rested.logout.${gate.failure}` }
  const caller = authenticate(ctx, gate.project)
  if (caller.kind === 'none') return { behaviour: ctx.config.unauthenticatedLogout === 'idempotent' ? 'rested.logout.idempotent' : 'rested.logout.unauthenticated' }
  await revokeToken(ctx.state, caller.token.token, ctx.clock.now())
  return { behaviour: 'rested.logout.success' }
}

/** The 204 of logout: no body; the clearing cookie unless `clearCookieOnLogout` is off. */
function loggedOut(ctx: Ctx): Response {
  return restedNoContent(ctx, ctx.config.clearCookieOnLogout ? [['Set-Cookie', CLEARING_COOKIE]] : [])
}

export const logoutBehaviours: RestedBehaviour[] = [
  {
    id: 'rested.logout.success',
    operation: 'logout',
    status: 204,
    title: 'Logged out: token revoked server-side, no body (clearing Set-Cookie: ASSUMPTION, clearCookieOnLogout)',
    trigger: 'a live access token of the project, in the __Secure-rested-access-token cookie or the Authorization header',
    source: documented('Logout table row 6 ("It returns a 204 after a successful logout")'),
    contentType: null,
    primary: true,
    respond: (ctx) => loggedOut(ctx),
  },
  {
    id: 'rested.logout.idempotent',
    operation: 'logout',
    status: 204,
    title: 'No usable token, answered 204 anyway',
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
