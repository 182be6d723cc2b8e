/**
 * The Ory Kratos provider (docs/providers/kratos.md; Kratos mounted under `/auth` by default): the three self-service
 * logout operations with every documented status in Kratos's check order, whoami, the error UI endpoint, and the
 * password login flows (native and browser/SPA) so clients reach a logged-in state offline.
 */
import type { ProviderDefinition } from '../platform/types.ts'
import type { KratosCredentials } from './credentials.ts'
import { ControlError } from '../platform/control/control-error.ts'
import { kratosSchemas } from '../../schemas/kratos/index.ts'
import { kratosOptions, mountKratos, type KratosConfig } from './config.ts'
import { createKratosState, findIdentity, snapshotKratos, startSession, type KratosState } from './model.ts'
import { createBrowserLogoutFlowBehaviours, createBrowserLogoutFlowOperation } from './create-browser-logout-flow.ts'
import { updateLogoutFlowBehaviours, updateLogoutFlowOperation } from './update-logout-flow.ts'
import { performNativeLogoutBehaviours, performNativeLogoutOperation } from './perform-native-logout.ts'
import { toSessionBehaviours, toSessionOperations } from './to-session.ts'
import { getFlowErrorBehaviours, getFlowErrorOperation } from './get-flow-error.ts'
import { loginBehaviours, loginOperations } from './login.ts'
import { wrongMethodBehaviours, wrongMethodOperations } from './wrong-methods.ts'
import { logoutUrl } from './logout-urls.ts'
import { headTwin } from './head.ts'

/** The operations Kratos's router serves, and their catalogue. */
const routes = [
  createBrowserLogoutFlowOperation,
  updateLogoutFlowOperation,
  performNativeLogoutOperation,
  ...toSessionOperations,
  getFlowErrorOperation,
  ...loginOperations,
]
const routesCatalogue = [
  ...createBrowserLogoutFlowBehaviours,
  ...updateLogoutFlowBehaviours,
  ...performNativeLogoutBehaviours,
  ...toSessionBehaviours,
  ...getFlowErrorBehaviours,
  ...loginBehaviours,
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
