/**
 * The Dreadnode provider (contracts/dreadnode.md): login, refresh, `GET /api/v1/user/me` and logout, with the twelve
 * documented statuses in the canonical envelope.
 */
import type { ProviderDefinition } from '../platform/types.ts'
import { ControlError } from '../platform/control-error.ts'
import { dreadnodeSchemas } from '../../schemas/dreadnode/index.ts'
import { dreadnodeOptions, type DreadnodeConfig } from './config.ts'
import { createDreadnodeState, snapshotDreadnode, startSession, type DreadnodeState } from './model.ts'
import { loginBehaviours, loginOperation } from './login.ts'
import { logoutBehaviours, logoutOperation } from './logout.ts'
import { meBehaviours, meOperation } from './me.ts'
import { refreshBehaviours, refreshOperation } from './refresh.ts'
import { ACCESS_COOKIE, REFRESH_COOKIE } from './cookies.ts'

function findUser(state: DreadnodeState, who: unknown) {
  const key = String(who ?? '').toLowerCase()
  const user = state.users.get('email', key) ?? state.users.find((u) => u.username === key || u.id === key)[0]
  if (!user) throw new ControlError(`dreadnode has no user "${String(who)}"`, 404, { users: state.users.all().map((u) => u.email) })
  return user
}

export const dreadnode: ProviderDefinition<DreadnodeState, DreadnodeConfig, 'dreadnode'> = {
  id: 'dreadnode',
  title: 'Dreadnode platform API',
  docs: 'seeds/001_a014b5b6c3b28044.txt, contracts/dreadnode.md',
  options: dreadnodeOptions,
  operations: [loginOperation, refreshOperation, meOperation, logoutOperation],
  catalogue: [...loginBehaviours, ...refreshBehaviours, ...meBehaviours, ...logoutBehaviours],
  schemas: dreadnodeSchemas,
  createState: ({ config }) => createDreadnodeState({ config }),
  snapshot: snapshotDreadnode,
  trustForwardedFor: (config) => config.trustForwardedFor,
  async createSession(ctx, who) {
    const user = findUser(ctx.state, who)
    const tokens = await startSession(ctx.state, user, ctx.config, ctx.clock, ctx.random)
    return {
      provider: 'dreadnode',
      user: user.email,
      sessionId: tokens.session.id,
      cookies: { [ACCESS_COOKIE]: tokens.accessToken, [REFRESH_COOKIE]: tokens.refreshToken },
      headers: { Cookie: `${ACCESS_COOKIE}=${tokens.accessToken}; ${REFRESH_COOKIE}=${tokens.refreshToken}` },
    }
  },
  actions: {
    async disableUser(state, input) {
      const user = await state.users.update(findUser(state, input.user), (u) => {
        u.disabled = true
      })
      return { user: user.email, disabled: true }
    },
    async enableUser(state, input) {
      const user = await state.users.update(findUser(state, input.user), (u) => {
        u.disabled = false
      })
      return { user: user.email, disabled: false }
    },
  },
}
