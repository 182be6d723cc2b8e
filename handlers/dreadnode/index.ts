/**
 * The Dreadnode provider (docs/providers/dreadnode.md): login, the device-code login, refresh, the current user
 * (`GET /api/v1/user`), API keys, and both logouts — `POST /api/v1/auth/logout` and v2's
 * `DELETE /api/v1/user/api-keys/self` — with the twelve documented statuses in the canonical envelope.
 */
import type { ProviderDefinition } from '../platform/types.ts'
import type { DreadnodeCredentials } from './credentials.ts'
import { ControlError } from '../platform/control/control-error.ts'
import { actionInput, NameField } from '../platform/control/action-input.ts'
import { Type } from 'typebox'
import { dreadnodeSchemas } from '../../schemas/dreadnode/index.ts'
import { dreadnodeOptions, type DreadnodeConfig } from './config.ts'
import { createDreadnodeState, sessionExpiresAt, snapshotDreadnode, startSession, type DreadnodeState } from './model.ts'
import { loginBehaviours, loginOperation } from './login.ts'
import { logoutBehaviours, logoutOperation } from './logout.ts'
import { userBehaviours, userOperation } from './user.ts'
import { refreshBehaviours, refreshOperation } from './refresh.ts'
import { deviceCodeOperation, deviceCodeStatusOperation, deviceLoginBehaviours, deviceTokenOperation } from './device-login.ts'
import { mintApiKeyOperation, revokeOwnApiKeyOperation, userApiKeyBehaviours } from './user-api-keys.ts'
import { ACCESS_COOKIE, REFRESH_COOKIE } from './cookies.ts'
import { findUser } from './users.ts'
import { API_KEY_HEADER } from './auth.ts'

const USER = NameField('the email, username or id of the user')
const UserInput = Type.Object({ user: USER }, { additionalProperties: false })
const ApproveInput = Type.Object({ user: Type.Optional(USER), deviceCode: Type.Optional(NameField('the device_code')), userCode: Type.Optional(NameField('the user_code')) }, { additionalProperties: false })
const ApiKeyInput = Type.Object({ user: USER, name: Type.Optional(Type.String({ maxLength: 1024 })), allowSelfRevoke: Type.Optional(Type.Boolean()) }, { additionalProperties: false })

/** The device code an `approveDeviceCode` input names, by `deviceCode` or by `userCode`. */
function namedDeviceCode(state: DreadnodeState, input: Record<string, unknown>, now: number) {
  const by = typeof input.deviceCode === 'string' ? 'deviceCode' : typeof input.userCode === 'string' ? 'userCode' : undefined
  if (!by) throw new ControlError('approveDeviceCode needs {"deviceCode": "<device_code>"} or {"userCode": "<user_code>"}, and "user"')
  const value = input[by] as string
  const found = state.deviceCodes.find(value, now, by)
  if (found.kind === 'live') return found.code
  const pending = state.deviceCodes.all(now).filter((c) => c.approvedUserId === null)
  const why = found.kind === 'expired' ? 'has expired' : 'is unknown (never issued, already exchanged, or dropped)'
  throw new ControlError(`dreadnode: ${by} "${value}" ${why}`, 404, { pendingUserCodes: pending.map((c) => c.userCode) })
}

export const dreadnode: ProviderDefinition<DreadnodeState, DreadnodeConfig, 'dreadnode'> = {
  id: 'dreadnode',
  title: 'Dreadnode platform API',
  docs: 'https://docs.dreadnode.io/api/operations/logout/, docs/providers/dreadnode.md',
  options: dreadnodeOptions,
  operations: [
    loginOperation,
    deviceCodeOperation,
    deviceTokenOperation,
    deviceCodeStatusOperation,
    refreshOperation,
    userOperation,
    mintApiKeyOperation,
    revokeOwnApiKeyOperation,
    logoutOperation,
  ],
  catalogue: [...loginBehaviours, ...deviceLoginBehaviours, ...refreshBehaviours, ...userBehaviours, ...userApiKeyBehaviours, ...logoutBehaviours],
  schemas: dreadnodeSchemas,
  createState: ({ config, random, limits }) => createDreadnodeState({ config, random, limits }),
  snapshot: snapshotDreadnode,
  liveSessions: (state, now, config) => state.sessions.find((s) => !state.revocations.isRevoked(s.id) && sessionExpiresAt(s, config) > now).length,
  trustForwardedFor: (config) => config.trustForwardedFor,
  async createSession(ctx, who): Promise<DreadnodeCredentials> {
    const user = findUser(ctx.state, who)
    const tokens = await startSession(ctx.state, user, ctx.config, ctx.clock, ctx.random)
    return {
      provider: 'dreadnode',
      user: user.email,
      sessionId: tokens.session.id,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      cookies: { [ACCESS_COOKIE]: tokens.accessToken, [REFRESH_COOKIE]: tokens.refreshToken },
      headers: { Cookie: `${ACCESS_COOKIE}=${tokens.accessToken}; ${REFRESH_COOKIE}=${tokens.refreshToken}` },
      /** For `POST /api/v1/user/api-keys`, which the v2 SDK calls with the bearer access JWT. */
      bearerHeaders: { Authorization: `Bearer ${tokens.accessToken}` },
    }
  },
  actions: {
    async disableUser(state, raw) {
      const input = actionInput('disableUser', UserInput, raw)
      const user = await state.users.update(findUser(state, input.user), (u) => {
        u.disabled = true
      })
      return { user: user.email, disabled: true }
    },
    async enableUser(state, raw) {
      const input = actionInput('enableUser', UserInput, raw)
      const user = await state.users.update(findUser(state, input.user), (u) => {
        u.disabled = false
      })
      return { user: user.email, disabled: false }
    },
    /** What the person does in the browser: approve a pending device code for a user. */
    async approveDeviceCode(state, raw, ctx) {
      const input = actionInput('approveDeviceCode', ApproveInput, raw)
      const code = namedDeviceCode(state, input, ctx.clock.now())
      if (input.user === undefined) throw new ControlError('approveDeviceCode needs "user": the email, username or id to approve the code for')
      const user = findUser(state, input.user)
      code.approvedUserId = user.id
      return { deviceCode: code.deviceCode, userCode: code.userCode, user: user.email, approved: true, expiresAt: new Date(code.expiresAt).toISOString() }
    },
    /** An API key for a user without going through HTTP (what `POST /api/v1/user/api-keys` mints). */
    async createApiKey(state, raw, ctx) {
      const input = actionInput('createApiKey', ApiKeyInput, raw)
      const user = findUser(state, input.user)
      if (state.apiKeys.countFor(user.id) >= ctx.config.maxApiKeysPerUser) throw new ControlError(`${user.email} already has maxApiKeysPerUser (${ctx.config.maxApiKeysPerUser}) keys`, 409)
      const k = state.apiKeys.mint({ userId: user.id, name: input.name ?? 'mock', allowSelfRevoke: input.allowSelfRevoke ?? true, now: ctx.clock.now() })
      return { user: user.email, id: k.id, key: k.key, allowSelfRevoke: k.allowSelfRevoke, headers: { [API_KEY_HEADER]: k.key } }
    },
  },
}
