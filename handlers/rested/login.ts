/**
 * Login: `POST …/{authEndpoint}?key=…&login=true[&noATCookie=true][&dataOnly=true]` (contracts/rested.md, Login).
 * Check order: project gate (rows 1–4) → Content-Type → empty body → JSON → username/email rules → password →
 * credentials → token in the `__Secure-rested-access-token` cookie, or in the `Authorization` response header with
 * `noATCookie=true`.
 */
import type { Outcome } from '../platform/types.ts'
import { assumed, bodyBehaviours, documented, errorBehaviour, gateBehaviours, type RestedBehaviour } from './behaviours.ts'
import { readJsonObject } from './body.ts'
import { issueAccessCookie } from './cookies.ts'
import { credentialsOf } from './credentials.ts'
import { checkGate, type Ctx } from './gate.ts'
import { issueToken, scoped, type RestedUser } from './model.ts'
import { restedJson } from './responses.ts'
import { REPRESENTATIVE_USER, userRecord } from './users.ts'

/** The token of forced login responses: well-formed, never issued (so it authenticates nothing). */
export const FORCED_TOKEN = '0'.repeat(64)

interface LoginDetail {
  readonly user: RestedUser
  readonly token: string
}

/**
 * The natural logic of login.
 * @example
 * await runLogin(ctx) // { behaviour: 'rested.login.success', detail: { user, token } }
 */
export async function runLogin(ctx: Ctx): Promise<Outcome> {
  const gate = checkGate(ctx, 'auth')
  if (!gate.ok) return { behaviour: `rested.login.${gate.failure}` }
  const body = await readJsonObject(ctx)
  if (!body.ok) return { behaviour: `rested.login.${body.failure}` }
  const creds = credentialsOf(body.value)
  if (!creds.ok) return { behaviour: `rested.login.${creds.failure}`, detail: { message: creds.message } }
  const key = creds.username !== undefined ? scoped(gate.project.id, creds.username) : scoped(gate.project.id, creds.email!.toLowerCase())
  const user = creds.username !== undefined ? ctx.state.users.get('usernameKey', key) : ctx.state.users.get('emailKey', key)
  if (!user || user.password !== creds.password) return { behaviour: 'rested.login.invalidCredentials' }
  const token = await issueToken(ctx.state, user, ctx.config.accessTokenTtl, ctx.clock, ctx.random)
  const noCookie = ctx.url.searchParams.get('noATCookie') === 'true'
  const dataOnly = ctx.url.searchParams.get('dataOnly') === 'true'
  const name = `success${noCookie ? 'NoATCookie' : ''}${dataOnly ? 'DataOnly' : ''}`
  return { behaviour: `rested.login.${name}`, detail: { user, token: token.token } satisfies LoginDetail }
}

function successBehaviour(noCookie: boolean, dataOnly: boolean): RestedBehaviour {
  const name = `success${noCookie ? 'NoATCookie' : ''}${dataOnly ? 'DataOnly' : ''}`
  const where = noCookie ? 'the Authorization response header (exposed to browsers)' : 'the httpOnly cookie __Secure-rested-access-token'
  return {
    id: `rested.login.${name}`,
    operation: 'login',
    status: 200,
    title: `Logged in: token in ${where}; body ${dataOnly ? 'the user data only' : '{uniqueId, data}'}`,
    trigger: `valid credentials${noCookie ? ' with noATCookie=true' : ''}${dataOnly ? ' with dataOnly=true' : ''}`,
    source: assumed(
      `Login success body (${dataOnly ? 'dataOnly=true: just the data object' : '{uniqueId, data} as on the register page'}), status 200, cookie Max-Age and Authorization "Bearer <token>" form`,
      'accessTokenTtl',
    ),
    contentType: 'application/json',
    schema: dataOnly ? 'userData' : 'userRecord',
    primary: !noCookie && !dataOnly,
    respond(ctx, raw) {
      const d = raw as LoginDetail | undefined
      const record = d ? userRecord(d.user) : { uniqueId: REPRESENTATIVE_USER.uniqueId, data: { ...REPRESENTATIVE_USER.data } }
      const token = d?.token ?? FORCED_TOKEN
      const header: [string, string] = noCookie ? ['Authorization', `Bearer ${token}`] : ['Set-Cookie', issueAccessCookie(token, ctx.config.accessTokenTtl)]
      return restedJson(ctx, 200, dataOnly ? record.data : record, [header])
    },
  }
}

export const loginBehaviours: RestedBehaviour[] = [
  successBehaviour(false, false),
  successBehaviour(false, true),
  successBehaviour(true, false),
  successBehaviour(true, true),
  ...gateBehaviours('login'),
  ...bodyBehaviours('login', 'Login'),
  errorBehaviour({
    operation: 'login',
    name: 'usernameEmailRules',
    status: 400,
    title: '400 username/email rules',
    trigger: 'both username and email, neither, an empty/non-string username, or an invalid email',
    source: documented('Login: 400 username/email rules (one of username/email, not both)'),
  }),
  errorBehaviour({
    operation: 'login',
    name: 'missingPassword',
    status: 400,
    title: '400 password missing',
    trigger: 'no password, or not a non-empty string',
    source: assumed('a missing password is a 400 like the documented body rules'),
  }),
  errorBehaviour({
    operation: 'login',
    name: 'invalidCredentials',
    status: 401,
    title: '401 wrong username/email or password',
    trigger: 'unknown user in the project or wrong password',
    source: assumed('wrong credentials answer 401 {message} (the docs list no status for it)'),
    primary: true,
  }),
]
