/**
 * The Ory Kratos provider (contracts/kratos.md; seed 002, Kratos mounted under `/auth`): the three self-service
 * logout operations with every documented status in Kratos's check order, whoami, the error UI endpoint, and the
 * password login flows (native and browser/SPA) so clients reach a logged-in state offline.
 */
import type { ProviderDefinition } from '../platform/types.ts'
import { ControlError } from '../platform/control-error.ts'
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

export const kratos: ProviderDefinition<KratosState, KratosConfig, 'kratos'> = {
  id: 'kratos',
  title: 'Ory Kratos (self-service logout)',
  docs: 'seeds/002_e86fa6b6e25164a4.txt, contracts/kratos.md, contracts/ory-kratos-openapi.json',
  options: kratosOptions,
  mount: mountKratos,
  operations: [
    createBrowserLogoutFlowOperation,
    updateLogoutFlowOperation,
    performNativeLogoutOperation,
    ...toSessionOperations,
    getFlowErrorOperation,
    ...loginOperations,
    ...wrongMethodOperations,
  ],
  catalogue: [
    ...createBrowserLogoutFlowBehaviours,
    ...updateLogoutFlowBehaviours,
    ...performNativeLogoutBehaviours,
    ...toSessionBehaviours,
    ...getFlowErrorBehaviours,
    ...loginBehaviours,
    ...wrongMethodBehaviours,
  ],
  schemas: kratosSchemas,
  createState: ({ config }) => createKratosState(config),
  snapshot: snapshotKratos,
  async createSession(ctx, who) {
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
