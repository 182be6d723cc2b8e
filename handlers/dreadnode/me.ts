/**
 * `GET /api/v1/user/me` (ASSUMPTION path): a protected call, to show a revoked access token is rejected.
 */
import type { Operation } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import type { DreadnodeState, DreadnodeUser } from './model.ts'
import { authenticate, malformedCookie } from './auth.ts'
import { assumed, errorBehaviours, jsonOk, type DreadnodeBehaviour } from './behaviours.ts'
import { ACCESS_COOKIE } from './cookies.ts'
import { publicUser } from './login.ts'

export const meOperation: Operation<DreadnodeState, DreadnodeConfig> = {
  id: 'me',
  method: 'GET',
  path: '/api/v1/user/me',
  summary: 'The current user (protected)',
  async run(ctx) {
    const malformed = malformedCookie(ctx, [ACCESS_COOKIE])
    if (malformed) return { behaviour: 'validationError', detail: { errors: [{ loc: ['cookie', malformed], msg: 'Malformed token: not a JWT', type: 'value_error.jwt' }] } }
    const caller = await authenticate(ctx, ACCESS_COOKIE)
    if (caller.kind !== 'ok') return { behaviour: 'unauthenticated' }
    if (caller.user.disabled) return { behaviour: 'forbidden' }
    return { behaviour: 'success', detail: caller.user }
  },
}

export const meBehaviours: DreadnodeBehaviour[] = [
  {
    id: 'dreadnode.me.success',
    operation: 'me',
    status: 200,
    title: 'The current user',
    trigger: 'a valid access_token (cookie or Authorization: Bearer) of a live session',
    source: assumed('GET /api/v1/user/me path and user shape'),
    contentType: 'application/json',
    schema: 'user',
    primary: true,
    respond: (_ctx, raw) =>
      jsonOk(raw ? publicUser(raw as DreadnodeUser) : { id: '00000000-0000-4000-8000-000000000001', email: 'alice@example.com', username: 'alice', name: 'Alice Example' }),
  },
  ...errorBehaviours('me', {
    401: 'access_token missing, expired, forged, or its session logged out',
    403: 'the session belongs to a disabled user',
    422: 'access_token cookie present but not a JWT',
  }),
]
