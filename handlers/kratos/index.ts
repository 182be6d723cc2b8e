/**
 * The Ory Kratos provider (docs/providers/kratos.md; Kratos mounted under `/auth` by default): the three self-service
 * logout operations with every documented status in Kratos's check order, whoami, "log out other devices" (list and
 * revoke my other sessions), the error UI endpoint, and the
 * password login flows (native and browser/SPA) so clients reach a logged-in state offline.
 */
import type { ProviderDefinition } from '../platform/types.ts'
import type { KratosCredentials } from './credentials.ts'
import { ControlError } from '../platform/control/control-error.ts'
import { kratosSchemas } from '../../schemas/kratos/index.ts'
import { kratosOptions, mountKratos, type KratosConfig } from './config.ts'
import { createKratosState, findIdentity, isActive, snapshotKratos, startSession, type KratosState } from './model.ts'
import { createBrowserLogoutFlowBehaviours, createBrowserLogoutFlowOperation } from './selfservice/flow/logout/create-browser-logout-flow.ts'
import { updateLogoutFlowBehaviours, updateLogoutFlowOperation } from './selfservice/flow/logout/update-logout-flow.ts'
import { performNativeLogoutBehaviours, performNativeLogoutOperation } from './selfservice/flow/logout/perform-native-logout.ts'
import { toSessionBehaviours, toSessionOperations } from './session/to-session.ts'
import { listMySessionsBehaviours, listMySessionsOperation } from './session/list-my-sessions.ts'
import { disableMyOtherSessionsBehaviours, disableMyOtherSessionsOperation } from './session/disable-my-other-sessions.ts'
import { disableMySessionBehaviours, disableMySessionOperation } from './session/disable-my-session.ts'
import { getFlowErrorBehaviours, getFlowErrorOperation } from './selfservice/errorx/get-flow-error.ts'
import { loginBehaviours, loginOperations } from './selfservice/flow/login/login.ts'
import { getLoginFlowBehaviours, getLoginFlowOperation } from './selfservice/flow/login/get-login-flow.ts'
import { wrongMethodBehaviours, wrongMethodOperations } from './x/wrong-methods.ts'
import { logoutUrl } from './selfservice/flow/logout/logout-urls.ts'
import { headTwin } from './x/head.ts'

/** The operations Kratos's router serves, and their catalogue. */
const routes = [
  createBrowserLogoutFlowOperation,
  updateLogoutFlowOperation,
  performNativeLogoutOperation,
  ...toSessionOperations,
  // After whoami: `DELETE /sessions/whoami` is whoami, as in Kratos's deleteMySession.
  listMySessionsOperation,
  disableMyOtherSessionsOperation,
  disableMySessionOperation,
  getFlowErrorOperation,
  ...loginOperations,
  getLoginFlowOperation,
]
const routesCatalogue = [
  ...createBrowserLogoutFlowBehaviours,
  ...updateLogoutFlowBehaviours,
  ...performNativeLogoutBehaviours,
  ...toSessionBehaviours,
  ...listMySessionsBehaviours,
  ...disableMyOtherSessionsBehaviours,
  ...disableMySessionBehaviours,
  ...getFlowErrorBehaviours,
  ...loginBehaviours,
  ...getLoginFlowBehaviours,
]
/** Every GET route answers HEAD too (Go's ServeMux). */
const heads = routes.filter((op) => op.method === 'GET').map((op) => headTwin(op, routesCatalogue))

export const kratos: ProviderDefinition<KratosState, KratosConfig, 'kratos'> = {
  id: 'kratos',
  title: 'Ory Kratos (self-service logout)',
  docs: 'docs/providers/kratos.md; https://github.com/ory/kratos/tree/b86338da04a040247a07f46100a86dcfb3875909 (source and spec/api.json)',
  options: kratosOptions,
  mount: mountKratos,
  operations: [...routes, ...heads.map((h) => h.operation), ...wrongMethodOperations],
  catalogue: [...routesCatalogue, ...heads.flatMap((h) => h.behaviours), ...wrongMethodBehaviours],
  schemas: kratosSchemas,
  // Ory's SDKs read the error id of a herodot error and whoami's identity id from these headers.
  exposeHeaders: ['Ory-Error-Id', 'X-Kratos-Authenticated-Identity-Id'],
  createState: ({ config, limits }) => createKratosState(config, limits),
  snapshot: snapshotKratos,
  liveSessions: (state, now) => state.sessions.find((s) => isActive(state, s, now)).length,
  async createSession(ctx, who): Promise<KratosCredentials> {
    const identity = findIdentity(ctx.state, String(who ?? ''))
    if (!identity) throw new ControlError(`kratos has no identity "${String(who)}"`, 404, { identities: ctx.state.identities.all().map((i) => i.email) })
    const session = await startSession(ctx.state, ctx.clock, ctx.random, {
      identity,
      via: 'control',
      ipAddress: ctx.clientIp,
      userAgent: 'logout-mocks control API',
      lifespanSeconds: ctx.config.sessionLifespanSeconds,
    })
    return {
      provider: 'kratos',
      user: identity.email,
      identityId: identity.id,
      sessionId: session.id,
      cookies: { [ctx.config.sessionCookieName]: session.cookieValue },
      headers: { Cookie: `${ctx.config.sessionCookieName}=${session.cookieValue}` },
      sessionToken: session.token,
      logoutToken: session.logoutToken,
      logoutUrl: logoutUrl(ctx.baseUrl, session.logoutToken),
      baseUrl: ctx.baseUrl,
    }
  },
}
