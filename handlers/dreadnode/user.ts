/**
 * `GET /api/v1/user` and `GET /api/user` (v1's clients call the unversioned path: dreadnode/api/client.py:92-94,
 * 263-268): the current user with the v2 `User` model's field names and the `api_key: {key}` v1's `UserResponse`
 * requires. Authenticated by the access token (cookie or `Authorization: Bearer`) or by `X-API-Key`; a logged-out
 * session or a revoked key gets the canonical 401. An expired access cookie beside a live refresh cookie is rotated
 * (option `rotateOnExpiredAccess`): the user, and two fresh cookies.
 */
import type { Operation } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import { publicUser, sampleTokens, type DreadnodeState, type DreadnodeUser } from './model.ts'
import { authenticateTokenOrKey, cookieErrors, rotateExpiredAccess } from './auth.ts'
import { errorBehaviours, jsonOk, type DreadnodeBehaviour } from './behaviours.ts'
import { assumed, documented } from './sources.ts'
import { ACCESS_COOKIE, REFRESH_COOKIE, issueCookie } from './cookies.ts'
import { alice } from '../../fixtures/users.ts'
import { dreadnodeUsers } from '../../fixtures/dreadnode.ts'

/**
 * The body a forced 200 shows: the first fixture user.
 * @example
 * jsonOk(sampleUser(ctx.config))
 */
export const sampleUser = (config: DreadnodeConfig) => publicUser({ ...alice, id: dreadnodeUsers[0].id }, config.jwtSecret)

export const userOperation: Operation<DreadnodeState, DreadnodeConfig> = {
  id: 'user',
  method: 'GET',
  path: '/api/v1/user',
  aliases: ['/api/user'],
  summary: 'The current user (access token cookie, Bearer token or X-API-Key)',
  async run(ctx) {
    const errors = cookieErrors(ctx, [ACCESS_COOKIE])
    if (errors.length > 0) return { behaviour: 'validationError', detail: { errors } }
    const caller = authenticateTokenOrKey(ctx, ACCESS_COOKIE)
    const rotated = await rotateExpiredAccess(ctx, caller)
    if (rotated) return rotated.user.disabled ? { behaviour: 'forbidden' } : { behaviour: 'rotated', detail: { user: rotated.user, ...rotated.rotated } }
    if (caller.kind !== 'ok' && caller.kind !== 'key') return { behaviour: 'unauthenticated' }
    if (caller.user.disabled) return { behaviour: 'forbidden' }
    return { behaviour: 'success', detail: caller.user }
  },
}

export const userBehaviours: DreadnodeBehaviour[] = [
  {
    id: 'dreadnode.user.success',
    operation: 'user',
    status: 200,
    title: 'The current user, with the api_key v1 clients store',
    trigger: 'a valid access_token (cookie or Authorization: Bearer) of a live session, or a live X-API-Key',
    source: documented('sdkV1UserModel', [
      { what: 'first_name/last_name/full_name: the v2 User model (https://pypi.org/project/dreadnode/), split from the fixture name' },
      { what: "api_key.key: the user's personal key (derived from the id; it authenticates X-API-Key)" },
    ]),
    contentType: 'application/json',
    schema: 'user',
    primary: true,
    respond: (ctx, raw) => jsonOk(raw ? publicUser(raw as DreadnodeUser, ctx.config.jwtSecret) : sampleUser(ctx.config)),
  },
  {
    id: 'dreadnode.user.rotated',
    operation: 'user',
    status: 200,
    title: 'Expired access cookie, live refresh cookie: the current user, and both cookies rotated',
    trigger: 'an expired access_token cookie with a valid refresh_token cookie of a live session (rotateOnExpiredAccess = true, the default)',
    source: assumed('assumptions', 'rotateOnExpiredAccess'),
    contentType: 'application/json',
    schema: 'user',
    async respond(ctx, raw) {
      const d = (raw as { user: DreadnodeUser; accessToken: string; refreshToken: string } | undefined) ?? { user: undefined, ...(await sampleTokens(ctx.config)) }
      const body = d.user ? publicUser(d.user, ctx.config.jwtSecret) : sampleUser(ctx.config)
      return jsonOk(body, [issueCookie(ACCESS_COOKIE, d.accessToken, ctx.config.accessTokenTtl), issueCookie(REFRESH_COOKIE, d.refreshToken, ctx.config.refreshTokenTtl)])
    },
  },
  ...errorBehaviours('user', {
    401: 'access_token missing, expired (and no live refresh_token cookie to rotate), forged, or its session logged out; or an unknown / revoked X-API-Key',
    403: 'the session or key belongs to a disabled user',
    422: 'access_token cookie present but not a JWT',
  }),
]
