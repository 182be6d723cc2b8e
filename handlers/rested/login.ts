/**
 * Login: `POST …/{authEndpoint}?key=…&login=true[&noATCookie=true][&dataOnly=true]` (the login page).
 * Check order: project gate (rows 1–4) → Content-Type → empty body → JSON → username/email rules → password →
 * credentials → token in the `__Secure-rested-access-token` cookie, or in the `Authorization` response header with
 * `noATCookie=true`. Wrong credentials: 401 "Invalid credentials." (the login page's twin on yawe.dev).
 */
import type { Outcome } from '../platform/types.ts'
import { bodyBehaviours, credentialBehaviours, errorBehaviour, gateBehaviours, type RestedBehaviour } from './behaviours.ts'
import { documented } from './sources.ts'
import { issueAccessCookie } from './cookies.ts'
import { readCredentials } from './credentials.ts'
import type { Ctx } from './gate.ts'
import { findUser, issueToken, type RestedUser } from './model.ts'
import { restedJson } from './responses.ts'
import { userRecord } from './users.ts'

/** The token of forced login responses: well-formed, never issued (so it authenticates nothing). */
const FORCED_TOKEN = '0'.repeat(64)

interface LoginDetail {
  readonly user: RestedUser
  readonly token: string
}

/** The success entry's name for the two flags: `success`, `successNoATCookie`, `successDataOnly`, `successNoATCookieDataOnly`. */
const successName = (noCookie: boolean, dataOnly: boolean) => `success${noCookie ? 'NoATCookie' : ''}${dataOnly ? 'DataOnly' : ''}`

/**
 * The natural logic of login.
 * @example
 * await runLogin(ctx) // { behaviour: 'rested.login.success', detail: { user, token } }
 */
export async function runLogin(ctx: Ctx): Promise<Outcome> {
  const read = await readCredentials(ctx, 'login')
  if (!read.ok) return read.outcome
  const user = findUser(ctx.state, read.project.id, read.credentials)
  if (!user || user.password !== read.credentials.password) return { behaviour: 'rested.login.invalidCredentials' }
  const token = await issueToken(ctx.state, user, ctx.config.accessTokenTtl, ctx.clock, ctx.random)
  const name = successName(ctx.url.searchParams.get('noATCookie') === 'true', ctx.url.searchParams.get('dataOnly') === 'true')
  return { behaviour: `rested.login.${name}`, detail: { user, token: token.token } satisfies LoginDetail }
}

function successBehaviour(noCookie: boolean, dataOnly: boolean): RestedBehaviour {
  const name = successName(noCookie, dataOnly)
  const where = noCookie ? 'the Authorization response header (exposed to browsers)' : 'the httpOnly cookie __Secure-rested-access-token'
  return {
    id: `rested.login.${name}`,
    operation: 'login',
    status: 200,
    title: `Logged in: token in ${where}; body ${dataOnly ? 'the user data only' : '{uniqueId, data, createdAt, updatedAt}'}`,
    trigger: `valid credentials${noCookie ? ' with noATCookie=true' : ''}${dataOnly ? ' with dataOnly=true' : ''}`,
    source: documented('yaweLogin', [
      { what: 'the login body is the stored record, password included as register shows it (docs/providers/rested.md#login-success)', option: 'passwordInLoginBodies' },
      { what: 'status 200 and the Authorization "Bearer <token>" form (docs/providers/rested.md#login-success)' },
      { what: 'cookie attributes and Max-Age (docs/providers/rested.md#the-access-cookie-and-its-lifetime)', option: 'accessTokenTtl' },
    ]),
    contentType: 'application/json',
    schema: dataOnly ? 'userData' : 'userRecord',
    primary: !noCookie && !dataOnly,
    respond(ctx, raw) {
      const d = raw as LoginDetail | undefined
      const record = userRecord(ctx, d?.user, ctx.config.passwordInLoginBodies)
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
  ...gateBehaviours('login', 'login'),
  ...bodyBehaviours('login', 'login'),
  ...credentialBehaviours('login'),
  errorBehaviour({
    operation: 'login',
    name: 'invalidCredentials',
    status: 401,
    title: '401 "Invalid credentials." (wrong username/email or password)',
    trigger: 'unknown user in the project or wrong password',
    source: documented('yaweLogin'),
    primary: true,
  }),
]
