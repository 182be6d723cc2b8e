/**
 * The user's API keys (v2 SDK): minting one with the bearer access JWT (`POST /api/v1/user/api-keys`), and v2's logout,
 * `DELETE /api/v1/user/api-keys/self`, which revokes the key that authenticates the request when it was created with
 * `allow_self_revoke` — after which that key gets 401 everywhere.
 */
import type { Operation } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import type { DreadnodeState } from './model.ts'
import { authenticate, authenticateApiKey, cookieErrors } from './auth.ts'
import { checkFields, readJsonBody } from './body.ts'
import { errorBehaviours, jsonOk, namedError, type DreadnodeBehaviour } from './behaviours.ts'
import { assumed, documented } from './sources.ts'
import { ACCESS_COOKIE } from './cookies.ts'
import { logoutGate } from './logout-gate.ts'
import { API_KEY_PREFIX, type DreadnodeApiKey } from './api-keys.ts'
import { dreadnodeUsers } from '../../fixtures/dreadnode.ts'

type Op = Operation<DreadnodeState, DreadnodeConfig>

export const mintApiKeyOperation: Op = {
  id: 'mintApiKey',
  method: 'POST',
  path: '/api/v1/user/api-keys',
  aliases: ['/api/user/api-keys'],
  requestBody: { schema: 'apiKeyRequest', required: true },
  summary: 'Mint an API key for the current user (Authorization: Bearer <access JWT>)',
  async run(ctx) {
    const body = await readJsonBody(ctx)
    if (body.kind === 'bad') return { behaviour: 'invalidRequest', detail: { detail: body.detail } }
    const fields = checkFields(body, { name: { type: 'string', required: true }, allow_self_revoke: { type: 'boolean', required: false } })
    const errors = [...cookieErrors(ctx, [ACCESS_COOKIE]), ...fields.errors]
    if (errors.length > 0) return { behaviour: 'validationError', detail: { errors } }
    const caller = authenticate(ctx, ACCESS_COOKIE)
    if (caller.kind !== 'ok') return { behaviour: 'unauthenticated' }
    if (caller.user.disabled) return { behaviour: 'forbidden' }
    if (ctx.state.apiKeys.countFor(caller.user.id) >= ctx.config.maxApiKeysPerUser) {
      return { behaviour: 'invalidRequest', detail: { detail: `API key limit reached: at most ${ctx.config.maxApiKeysPerUser} keys per user` } }
    }
    const { name, allow_self_revoke } = fields.value as { name: string; allow_self_revoke?: boolean }
    return { behaviour: 'success', detail: ctx.state.apiKeys.mint({ userId: caller.user.id, name, allowSelfRevoke: allow_self_revoke ?? false, now: ctx.clock.now() }) }
  },
}

export const revokeOwnApiKeyOperation: Op = {
  id: 'revokeOwnApiKey',
  method: 'DELETE',
  path: '/api/v1/user/api-keys/self',
  aliases: ['/api/user/api-keys/self'],
  summary: 'Log out (v2 SDK): revoke the API key that authenticates this request',
  run(ctx) {
    const stop = logoutGate(ctx)
    if (stop) return stop
    const caller = authenticateApiKey(ctx)
    if (caller.kind !== 'key') return { behaviour: 'unauthenticated' }
    if (caller.user.disabled) return { behaviour: 'forbidden' }
    if (!caller.apiKey.allowSelfRevoke) return { behaviour: 'notSelfRevocable' }
    ctx.state.apiKeys.revoke(caller.apiKey)
    return { behaviour: 'success' }
  },
}

/** A representative key for a forced 200 (it authenticates nothing). */
const SAMPLE_KEY: DreadnodeApiKey = {
  id: '00000000-0000-4000-8000-0000000000b1',
  key: `${API_KEY_PREFIX}forcedsampleforcedsampleforcedsample0000`,
  userId: dreadnodeUsers[0].id,
  name: 'sample',
  allowSelfRevoke: true,
  createdAt: 0,
}

export const userApiKeyBehaviours: DreadnodeBehaviour[] = [
  {
    id: 'dreadnode.mintApiKey.success',
    operation: 'mintApiKey',
    status: 200,
    title: 'A new API key (shown once)',
    trigger: 'a valid access token (Bearer or cookie) of an enabled user and a body {name, allow_self_revoke?}',
    source: documented('sdkV2', [
      { what: 'response fields other than key (id, name, allow_self_revoke, created_at); allow_self_revoke defaults to false' },
      { what: 'at most maxApiKeysPerUser live keys per user', option: 'maxApiKeysPerUser' },
    ]),
    contentType: 'application/json',
    schema: 'apiKey',
    primary: true,
    respond(_ctx, raw) {
      const k = (raw as DreadnodeApiKey | undefined) ?? SAMPLE_KEY
      return jsonOk({ id: k.id, name: k.name, key: k.key, allow_self_revoke: k.allowSelfRevoke, created_at: new Date(k.createdAt).toISOString() })
    },
  },
  ...errorBehaviours('mintApiKey', {
    400: 'a body that is not valid JSON (or over 1 MiB), or the user already has maxApiKeysPerUser keys',
    401: 'access token missing, expired, forged or its session logged out (an X-API-Key does not mint keys)',
    403: 'the session belongs to a disabled user',
    422: 'name missing or not a string, allow_self_revoke not a boolean, or an access_token cookie that is not a JWT',
  }),
  {
    id: 'dreadnode.revokeOwnApiKey.success',
    operation: 'revokeOwnApiKey',
    status: 200,
    title: 'Logged out: the API key is revoked (401 everywhere from now on)',
    trigger: 'a live X-API-Key created with allow_self_revoke of an enabled user',
    source: documented('sdkV2', [{ what: 'body {}' }]),
    contentType: 'application/json',
    schema: 'logoutSuccess',
    primary: true,
    respond: () => jsonOk({}),
  },
  namedError({
    operation: 'revokeOwnApiKey',
    name: 'notSelfRevocable',
    status: 403,
    title: 'The key was created without allow_self_revoke: it stays valid',
    trigger: 'a live X-API-Key created with allow_self_revoke false (the default)',
    source: assumed('assumptions'),
    detail: 'This API key cannot revoke itself (created without allow_self_revoke)',
  }),
  ...errorBehaviours('revokeOwnApiKey', {
    401: 'X-API-Key missing, unknown or already revoked',
    403: 'the key belongs to a disabled user',
    426: 'client version (User-Agent dreadnode-sdk/<v> or dreadnode-cli/<v>, or clientVersionHeader) below minClientVersion',
    429: 'more than rateLimit logout requests in rateLimitWindowMs from one client IP (or credential)',
  }),
]
