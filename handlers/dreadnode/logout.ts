/**
 * `POST /api/v1/auth/logout` — "Log out the current user by clearing auth cookies", in this check order: client
 * version (426) → rate limit (429) → malformed JSON body (400) → malformed cookie (422) → authentication (401, cookie
 * or `X-API-Key`) → disabled user (403) → 200.
 */
import type { Operation } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import { sessionExpiresAt, type DreadnodeState } from './model.ts'
import { authenticateTokenOrKey, cookieErrors } from './auth.ts'
import { readJsonBody } from './body.ts'
import { errorBehaviours, jsonOk, type DreadnodeBehaviour } from './behaviours.ts'
import { assumed, documented } from './sources.ts'
import { ACCESS_COOKIE, CLEARING_COOKIES, REFRESH_COOKIE } from './cookies.ts'
import { logoutGate } from './logout-gate.ts'

export const logoutOperation: Operation<DreadnodeState, DreadnodeConfig> = {
  id: 'logout',
  method: 'POST',
  path: '/api/v1/auth/logout',
  aliases: ['/api/auth/logout'],
  summary: 'Log out the current user by clearing auth cookies',
  async run(ctx) {
    const stop = logoutGate(ctx)
    if (stop) return stop
    const body = await readJsonBody(ctx)
    if (body.kind === 'bad') return { behaviour: 'invalidRequest', detail: { detail: body.detail } }
    const errors = cookieErrors(ctx, [ACCESS_COOKIE, REFRESH_COOKIE])
    if (errors.length > 0) return { behaviour: 'validationError', detail: { errors } }
    const caller = authenticateTokenOrKey(ctx, ACCESS_COOKIE)
    if (caller.kind !== 'ok' && caller.kind !== 'key') return { behaviour: ctx.config.unauthenticatedLogout === 'idempotent' ? 'idempotent' : 'unauthenticated' }
    if (caller.user.disabled) return { behaviour: 'forbidden' }
    if (caller.kind === 'key') return { behaviour: 'apiKey' }
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
    trigger: 'a valid access_token cookie (or Bearer token) of an enabled user',
    source: documented('logout', [{ what: 'body {} and the clearing cookies\' attributes' }]),
    contentType: 'application/json',
    schema: 'logoutSuccess',
    primary: true,
    respond: () => jsonOk({}, CLEARING_COOKIES),
  },
  {
    id: 'dreadnode.logout.apiKey',
    operation: 'logout',
    status: 200,
    title: 'Called with X-API-Key only: answered 200, cookies cleared, nothing revoked (the key stays valid)',
    trigger: 'no access token but a live X-API-Key of an enabled user',
    source: assumed('assumptions'),
    contentType: 'application/json',
    schema: 'logoutSuccess',
    respond: () => jsonOk({}, CLEARING_COOKIES),
  },
  {
    id: 'dreadnode.logout.idempotent',
    operation: 'logout',
    status: 200,
    title: 'No valid session, answered 200 and cookies cleared anyway',
    trigger: 'no/expired/revoked/forged access_token while unauthenticatedLogout = "idempotent"',
    source: assumed('assumptions', 'unauthenticatedLogout'),
    contentType: 'application/json',
    schema: 'logoutSuccess',
    respond: () => jsonOk({}, CLEARING_COOKIES),
  },
  ...errorBehaviours('logout', {
    400: 'a body sent with Content-Type: application/json that is not valid JSON (or over 1 MiB)',
    401: 'access_token cookie missing, expired, revoked or with an invalid signature, or an unknown / revoked X-API-Key (unauthenticatedLogout = "reject", the default)',
    403: 'the token or key belongs to a disabled user (fixture disabled@example.com)',
    422: 'access_token or refresh_token cookie present but not a JWT',
    426: 'client version (User-Agent dreadnode-sdk/<v> or dreadnode-cli/<v>, or clientVersionHeader) below minClientVersion',
    429: 'more than rateLimit logout requests in rateLimitWindowMs from one client IP (or credential)',
  }),
]
