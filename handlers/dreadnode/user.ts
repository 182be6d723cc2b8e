/**
 * `GET /api/v1/user`: the current user, as both of Dreadnode's SDKs read it (the v2 `User` model's field names).
 * Authenticated by the access token (cookie or `Authorization: Bearer`) or by `X-API-Key`; a logged-out session or a
 * revoked key gets the canonical 401.
 */
import type { Operation } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import { publicUser, type DreadnodeState, type DreadnodeUser } from './model.ts'
import { authenticateTokenOrKey, cookieErrors } from './auth.ts'
import { errorBehaviours, jsonOk, type DreadnodeBehaviour } from './behaviours.ts'
import { documented } from './sources.ts'
import { ACCESS_COOKIE } from './cookies.ts'
import { alice } from '../../fixtures/users.ts'
import { dreadnodeUsers } from '../../fixtures/dreadnode.ts'

/** The body a forced 200 shows: the first fixture user. */
export const SAMPLE_USER = publicUser({ ...alice, id: dreadnodeUsers[0].id })

export const userOperation: Operation<DreadnodeState, DreadnodeConfig> = {
  id: 'user',
  method: 'GET',
  path: '/api/v1/user',
  summary: 'The current user (access token cookie, Bearer token or X-API-Key)',
  async run(ctx) {
    const errors = cookieErrors(ctx, [ACCESS_COOKIE])
    if (errors.length > 0) return { behaviour: 'validationError', detail: { errors } }
    const caller = authenticateTokenOrKey(ctx, ACCESS_COOKIE)
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
    title: 'The current user',
    trigger: 'a valid access_token (cookie or Authorization: Bearer) of a live session, or a live X-API-Key',
    source: documented('sdkV2', [{ what: 'first_name/last_name split from the fixture name; no further User fields' }]),
    contentType: 'application/json',
    schema: 'user',
    primary: true,
    respond: (_ctx, raw) => jsonOk(raw ? publicUser(raw as DreadnodeUser) : SAMPLE_USER),
  },
  ...errorBehaviours('user', {
    401: 'access_token missing, expired, forged, or its session logged out; or an unknown / revoked X-API-Key',
    403: 'the session or key belongs to a disabled user',
    422: 'access_token cookie present but not a JWT',
  }),
]
