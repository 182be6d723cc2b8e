/**
 * `POST /api/v1/auth/refresh` (path ASSUMPTION of the documented `refresh_token` operation): takes the refresh cookie
 * (or `X-API-Key`) and a JSON body, answers an access token with the caller's organization, and rotates both cookies.
 * A refresh token whose session was logged out or already rotated gets 401.
 */
import type { Operation } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import { sampleTokens, sessionExpiresAt, startSession, type DreadnodeState } from './model.ts'
import { authenticateTokenOrKey, cookieErrors } from './auth.ts'
import { checkFields, readJsonBody } from './body.ts'
import { errorBehaviours, jsonOk, type DreadnodeBehaviour } from './behaviours.ts'
import { documented } from './sources.ts'
import { ACCESS_COOKIE, REFRESH_COOKIE, issueCookie } from './cookies.ts'
import { DREADNODE_ORGANIZATION } from '../../fixtures/dreadnode.ts'

export const refreshOperation: Operation<DreadnodeState, DreadnodeConfig> = {
  id: 'refresh',
  method: 'POST',
  path: '/api/v1/auth/refresh',
  aliases: ['/api/auth/refresh'],
  requestBody: { schema: 'refreshRequest', required: (config) => config.refreshBody === 'required' },
  summary: "Refresh the user's access token (an access token with organization info; rotates both cookies)",
  async run(ctx) {
    const body = await readJsonBody(ctx)
    if (body.kind === 'bad') return { behaviour: 'invalidRequest', detail: { detail: body.detail } }
    // FastAPI validates every parameter before answering: cookie and body errors come together.
    const errors = [...cookieErrors(ctx, [REFRESH_COOKIE]), ...checkFields(body, {}, { optional: ctx.config.refreshBody === 'optional' }).errors]
    if (errors.length > 0) return { behaviour: 'validationError', detail: { errors } }
    const caller = authenticateTokenOrKey(ctx, REFRESH_COOKIE)
    if (caller.kind !== 'ok' && caller.kind !== 'key') return { behaviour: 'unauthenticated' }
    if (caller.user.disabled) return { behaviour: 'forbidden' }
    if (caller.kind === 'ok') await ctx.state.revocations.revoke(caller.session.id, ctx.clock.now(), 'refresh', sessionExpiresAt(caller.session, ctx.config))
    const tokens = await startSession(ctx.state, caller.user, ctx.config, ctx.clock, ctx.random)
    return { behaviour: 'success', detail: tokens }
  },
}

export const refreshBehaviours: DreadnodeBehaviour[] = [
  {
    id: 'dreadnode.refresh.success',
    operation: 'refresh',
    status: 200,
    title: 'An access token with organization info; new access_token and refresh_token cookies',
    trigger: 'a valid refresh_token cookie of a live session (or a live X-API-Key), with no body or a JSON object',
    source: documented('refresh', [
      { what: 'path POST /api/v1/auth/refresh' },
      { what: 'field names {access_token, token_type: "bearer", organization: {id, name, key}}' },
      { what: 'the body may be left out', option: 'refreshBody' },
      { what: 'an X-API-Key caller gets a new session (cookies set as for a refresh token)' },
    ]),
    contentType: 'application/json',
    schema: 'accessToken',
    primary: true,
    async respond(ctx, raw) {
      const d = (raw as { accessToken: string; refreshToken: string } | undefined) ?? (await sampleTokens(ctx.config))
      const body = { access_token: d.accessToken, token_type: 'bearer', organization: DREADNODE_ORGANIZATION }
      if (!raw) return jsonOk(body)
      return jsonOk(body, [issueCookie(ACCESS_COOKIE, d.accessToken, ctx.config.accessTokenTtl), issueCookie(REFRESH_COOKIE, d.refreshToken, ctx.config.refreshTokenTtl)])
    },
  },
  ...errorBehaviours(
    'refresh',
    {
      400: 'a body sent with Content-Type: application/json that is not valid JSON (or over 1 MiB)',
      401: 'refresh_token missing, expired, forged, or its session logged out / already rotated; or an unknown / revoked X-API-Key',
      403: 'the session or key belongs to a disabled user',
      422: 'refresh_token cookie present but not a JWT, a body that is not a JSON object, or no body while refreshBody = "required"',
    },
    'refresh',
  ),
]
