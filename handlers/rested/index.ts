/**
 * The Rested.dev provider (docs/providers/rested.md): custom-endpoint auth — register, login, the logged-in user,
 * logout — with API keys, master keys, allowed origins and the no-origin switch, plus data endpoints (secure or not)
 * where a logged-out token is shown rejected. It answers CORS itself (`cors: 'own'`): the project's rule decides.
 */
import { Type } from 'typebox'
import { actionInput, NameField } from '../platform/control/action-input.ts'
import type { ProviderDefinition } from '../platform/types.ts'
import { ControlError } from '../platform/control/control-error.ts'
import { restedSchemas } from '../../schemas/rested/index.ts'
import { RESTED_API_KEY } from '../../fixtures/rested.ts'
import { restedOptions, type RestedConfig } from './config.ts'
import { ACCESS_COOKIE, issueAccessCookie } from './cookies.ts'
import { createRestedState, findUser, issueToken, snapshotRested, type RestedState } from './model.ts'
import { restedOperations } from './operations.ts'
import { logoutBehaviours } from './logout.ts'
import { loginBehaviours } from './login.ts'
import { registerBehaviours } from './register.ts'
import { secureCreateBehaviours, secureReadBehaviours } from './secure.ts'
import { preflightBehaviours } from './preflight.ts'
import { loggedInUserBehaviours } from './logged-in-user.ts'
import { RESTED_DOC_PAGE, RESTED_PAGES } from './sources.ts'

/** A user of a project by username or email (control API); a 404 control error listing the users otherwise. */
const DeleteUserInput = Type.Object(
  { user: NameField('the username or email of the user'), project: Type.Optional(NameField('the project id or API key (default: the examples project)')) },
  { additionalProperties: false },
)

function userNamed(state: RestedState, projectId: string, who: unknown) {
  const key = String(who ?? '')
  const user = findUser(state, projectId, { username: key }) ?? findUser(state, projectId, { email: key })
  if (!user) {
    throw new ControlError(`rested has no user "${key}" in project "${projectId}"`, 404, { users: state.users.find((u) => u.projectId === projectId).map((u) => u.data.username ?? u.data.email) })
  }
  return user
}

export const rested: ProviderDefinition<RestedState, RestedConfig, 'rested'> = {
  id: 'rested',
  title: 'Rested.dev custom-endpoint authentication',
  docs: `${RESTED_DOC_PAGE} (vendor: ${RESTED_PAGES.logout})`,
  options: restedOptions,
  operations: restedOperations,
  catalogue: [...logoutBehaviours, ...loginBehaviours, ...registerBehaviours, ...loggedInUserBehaviours, ...secureReadBehaviours, ...secureCreateBehaviours, ...preflightBehaviours],
  schemas: restedSchemas,
  cors: 'own',
  createState: ({ baseUrl, limits }) => createRestedState(baseUrl, limits),
  snapshot: snapshotRested,
  liveSessions: (state, now) => state.tokens.find((t) => !state.revocations.isRevoked(t.token) && t.expiresAt > now).length,
  /** Logs a fixture user of the default project in: the token, its cookie and its Authorization header. */
  async createSession(ctx, who) {
    const project = ctx.state.projects.get('apiKey', RESTED_API_KEY)!
    const user = userNamed(ctx.state, project.id, who)
    const token = await issueToken(ctx.state, user, ctx.config.accessTokenTtl, ctx.clock, ctx.random)
    return {
      provider: 'rested',
      user: String(user.data.email ?? user.data.username),
      token: token.token,
      setCookie: issueAccessCookie(token.token, ctx.config.accessTokenTtl),
      cookies: { [ACCESS_COOKIE]: token.token },
      headers: { Authorization: `Bearer ${token.token}` },
      logoutUrl: `${ctx.baseUrl}/api/1/ce/examples/auth?key=${RESTED_API_KEY}&logout=true`,
    }
  },
  actions: {
    /**
     * `{user, project?}` (username or email; project id or API key, default the examples project): removes the user,
     * so its still-live tokens meet the logged-in-user GET's 401 "No user found".
     */
    async deleteUser(state, raw) {
      const input = actionInput('deleteUser', DeleteUserInput, raw)
      const ref = input.project ?? RESTED_API_KEY
      const project = state.projects.get('apiKey', ref) ?? state.projects.get('id', ref)
      if (!project) throw new ControlError(`rested has no project "${ref}"`, 404, { projects: state.projects.all().map((p) => p.id) })
      const user = userNamed(state, project.id, input.user)
      state.users.delete(user)
      return { user: user.data.username ?? user.data.email, uniqueId: user.uniqueId, project: project.id, deleted: true }
    },
  },
}
