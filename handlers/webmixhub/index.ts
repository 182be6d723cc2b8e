/**
 * The WebmixHub provider (docs/providers/webmixhub.md): `POST /auth/signin`, `POST /auth/signup`, `GET /auth/me` and
 * `GET /auth/logout`, with
 * tenant (`x-tenant-token`) and user (`x-token`) authentication, user statuses and the documented re-login quirk.
 */
import { Type } from 'typebox'
import { actionInput, NameField } from '../platform/control/action-input.ts'
import type { ProviderDefinition } from '../platform/types.ts'
import { ControlError } from '../platform/control/control-error.ts'
import { webmixhubSchemas } from '../../schemas/webmixhub/index.ts'
import { DEMO_TENANT_TOKEN, webmixhubUsers } from '../../fixtures/webmixhub.ts'
import { webmixhubOptions, type WebmixhubConfig } from './config.ts'
import { createWebmixhubState, emailLogin, issueTokens, setStatus, snapshotWebmixhub, type WebmixhubState } from './model.ts'
import { signinBehaviours, signinOperation } from './signin.ts'
import { meBehaviours, meOperation } from './me.ts'
import { logoutBehaviours, logoutOperation } from './logout.ts'
import { signupBehaviours, signupOperation } from './signup.ts'
import { WEBMIXHUB_DOC_PAGE, WEBMIXHUB_PAGES } from './sources.ts'

/**
 * Resolves a control-API user reference: `alice@example.com`, a fixture username (`alice`, as every provider accepts
 * it) or a user id (in the demo tenant unless `tenant` names another), or `<tenant-token>:<any of those>`.
 */
function findUser(state: WebmixhubState, who: unknown, tenantToken: unknown = DEMO_TENANT_TOKEN) {
  const ref = String(who ?? '').trim()
  const split = ref.match(/^([^:@]+):(.+)$/)
  const token = split ? split[1] : String(tenantToken)
  const key = split ? split[2] : ref
  const tenant = state.tenants.get('token', token)
  if (!tenant) throw new ControlError(`webmixhub has no tenant "${token}"`, 404, { tenants: state.tenants.all().map((t) => t.token) })
  const byId = state.users.get('id', key)
  const email = key.includes('@') ? key : webmixhubUsers.find((u) => u.username === key && u.tenantToken === tenant.token)?.email
  const user = byId?.tenantId === tenant.id ? byId : email !== undefined ? state.users.get('login', emailLogin(tenant.id, email)) : undefined
  if (!user) {
    const users = state.users.find((u) => u.tenantId === tenant.id).map((u) => u.email ?? u.id)
    throw new ControlError(`webmixhub has no user "${ref}" in tenant ${tenant.token}`, 404, { users })
  }
  return { tenant, user }
}

const DeleteUserInput = Type.Object(
  { user: NameField('the email or id of the user'), tenant: Type.Optional(NameField('the tenant token (default: the demo tenant)')) },
  { additionalProperties: false },
)

export const webmixhub: ProviderDefinition<WebmixhubState, WebmixhubConfig, 'webmixhub'> = {
  id: 'webmixhub',
  title: 'WebmixHub API',
  docs: `${WEBMIXHUB_DOC_PAGE} (vendor: ${WEBMIXHUB_PAGES.logout})`,
  options: webmixhubOptions,
  operations: [signinOperation, signupOperation, meOperation, logoutOperation],
  catalogue: [...signinBehaviours, ...signupBehaviours, ...meBehaviours, ...logoutBehaviours],
  schemas: webmixhubSchemas,
  // The request id the envelope echoes (requestIdHeader), for a browser client to read.
  exposeHeaders: ['X-Request-Id'],
  createState: ({ config, limits }) => createWebmixhubState(config, limits),
  snapshot: snapshotWebmixhub,
  liveSessions: (state) => [...state.statuses.values()].filter((s) => s === 'logged_in').length,
  trustForwardedFor: (config) => config.trustForwardedFor,
  /**
   * Signs a fixture user in without HTTP: `alice` or `alice@example.com` (demo tenant), or
   * `restricted-tenant-token:alice@example.com`.
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
    async deleteUser(state, raw) {
      const input = actionInput('deleteUser', DeleteUserInput, raw)
      const { tenant, user } = findUser(state, input.user, input.tenant ?? DEMO_TENANT_TOKEN)
      state.users.delete(user)
      state.statuses.delete(user.id)
      return { user: user.email ?? user.id, id: user.id, tenant: tenant.token, deleted: true }
    },
  },
}
