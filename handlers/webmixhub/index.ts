/**
 * The WebmixHub provider (contracts/webmixhub.md): `POST /auth/signin`, `GET /auth/me` and `GET /auth/logout`, with
 * tenant (`x-tenant-token`) and user (`x-token`) authentication, user statuses and the documented re-login quirk.
 */
import type { ProviderDefinition } from '../platform/types.ts'
import { ControlError } from '../platform/control-error.ts'
import { webmixhubSchemas } from '../../schemas/webmixhub/index.ts'
import { DEMO_TENANT_TOKEN } from '../../fixtures/webmixhub.ts'
import { webmixhubOptions, type WebmixhubConfig } from './config.ts'
import { createWebmixhubState, emailLogin, issueTokens, setStatus, snapshotWebmixhub, type WebmixhubState } from './model.ts'
import { signinBehaviours, signinOperation } from './signin.ts'
import { meBehaviours, meOperation } from './me.ts'
import { logoutBehaviours, logoutOperation } from './logout.ts'

/**
 * Resolves a control-API user reference: `alice@example.com` or a user id (in the demo tenant unless `tenant` names
 * another), or `<tenant-token>:<email>`.
 */
function findUser(state: WebmixhubState, who: unknown, tenantToken: unknown = DEMO_TENANT_TOKEN) {
  const ref = String(who ?? '').trim()
  const split = ref.match(/^([^:@]+):(.+)$/)
  const token = split ? split[1] : String(tenantToken)
  const key = split ? split[2] : ref
  const tenant = state.tenants.get('token', token)
  if (!tenant) throw new ControlError(`webmixhub has no tenant "${token}"`, 404, { tenants: state.tenants.all().map((t) => t.token) })
  const byId = state.users.get('id', key)
  const user = byId?.tenantId === tenant.id ? byId : state.users.get('login', emailLogin(tenant.id, key))
  if (!user) {
    const users = state.users.find((u) => u.tenantId === tenant.id).map((u) => u.email ?? u.id)
    throw new ControlError(`webmixhub has no user "${ref}" in tenant ${tenant.token}`, 404, { users })
  }
  return { tenant, user }
}

export const webmixhub: ProviderDefinition<WebmixhubState, WebmixhubConfig, 'webmixhub'> = {
  id: 'webmixhub',
  title: 'WebmixHub API',
  docs: 'seeds/003_60d373ddafb3e9b1.txt, contracts/webmixhub.md',
  options: webmixhubOptions,
  operations: [signinOperation, meOperation, logoutOperation],
  catalogue: [...signinBehaviours, ...meBehaviours, ...logoutBehaviours],
  schemas: webmixhubSchemas,
  createState: ({ config }) => createWebmixhubState(config),
  snapshot: snapshotWebmixhub,
  trustForwardedFor: (config) => config.trustForwardedFor,
  /**
   * Signs a fixture user in without HTTP: `alice@example.com` (demo tenant) or `restricted-tenant-token:alice@example.com`.
   * The user's status becomes `logged_in`, as after `POST /auth/signin`.
   */
  async createSession(ctx, who) {
    const { tenant, user } = findUser(ctx.state, who)
    setStatus(ctx.state, user, 'logged_in')
    const tokens = await issueTokens(user.id, tenant, ctx.config, ctx.clock, ctx.random)
    return {
      provider: 'webmixhub',
      user: user.email ?? user.id,
      userId: user.id,
      tenantToken: tenant.token,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      headers: { 'x-tenant-token': tenant.token, 'x-token': tokens.accessToken },
    }
  },
  actions: {
    /** `{user, tenant?}`: removes the user, so its still-valid tokens meet "Missing user context" (500 UNEXPECTED_STATE). */
    async deleteUser(state, input) {
      const { tenant, user } = findUser(state, input.user, input.tenant ?? DEMO_TENANT_TOKEN)
      state.users.delete(user)
      state.statuses.delete(user.id)
      return { user: user.email ?? user.id, id: user.id, tenant: tenant.token, deleted: true }
    },
  },
}
