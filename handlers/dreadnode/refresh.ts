/**
 * `POST /api/v1/auth/refresh` (ASSUMPTION path of the documented `refresh_token` operation): rotates both cookies.
 * A refresh token whose session was logged out gets 401.
 */
import type { Operation } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import { sessionExpiresAt, startSession, type DreadnodeState } from './model.ts'
import { authenticate, malformedCookie } from './auth.ts'
import { assumed, errorBehaviours, jsonOk, type DreadnodeBehaviour } from './behaviours.ts'
import { ACCESS_COOKIE, REFRESH_COOKIE, issueCookie } from './cookies.ts'

export const refreshOperation: Operation<DreadnodeState, DreadnodeConfig> = {
  id: 'refresh',
  method: 'POST',
  path: '/api/v1/auth/refresh',
  summary: "Refresh the user's access token (rotates both cookies)",
  async run(ctx) {
    const malformed = malformedCookie(ctx, [REFRESH_COOKIE])
    if (malformed) return { behaviour: 'validationError', detail: { errors: [{ loc: ['cookie', malformed], msg: 'Malformed token: not a JWT', type: 'value_error.jwt' }] } }
    const caller = await authenticate(ctx, REFRESH_COOKIE)
    if (caller.kind !== 'ok') return { behaviour: 'unauthenticated' }
    if (caller.user.disabled) return { behaviour: 'forbidden' }
    await ctx.state.revocations.revoke(caller.session.id, ctx.clock.now(), 'refresh', sessionExpiresAt(caller.session, ctx.config))
    const tokens = await startSession(ctx.state, caller.user, ctx.config, ctx.clock, ctx.random)
    return { behaviour: 'success', detail: tokens }
  },
}

export const refreshBehaviours: DreadnodeBehaviour[] = [
  {
    id: 'dreadnode.refresh.success',
    operation: 'refresh',
    status: 200,
    title: 'Tokens rotated: new access_token and refresh_token cookies',
    trigger: 'a valid refresh_token cookie of a live session',
    source: assumed('refresh path and body {}; the operation itself is documented as refresh_token'),
    contentType: 'application/json',
    schema: 'logoutSuccess',
    primary: true,
    respond(ctx, raw) {
      const d = raw as { accessToken: string; refreshToken: string } | undefined
      if (!d) return jsonOk({})
      return jsonOk({}, [issueCookie(ACCESS_COOKIE, d.accessToken, ctx.config.accessTokenTtl), issueCookie(REFRESH_COOKIE, d.refreshToken, ctx.config.refreshTokenTtl)])
    },
  },
  ...errorBehaviours('refresh', {
    401: 'refresh_token missing, expired, forged, or its session logged out / already rotated',
    403: 'the session belongs to a disabled user',
    422: 'refresh_token cookie present but not a JWT',
  }),
]
