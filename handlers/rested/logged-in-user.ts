/**
 * The logged-in user: `GET …/{authEndpoint}?key=…[&dataOnly=true][&masterKey=…]` (the get-logged-in-user page:
 * "Authentication endpoints are secured by default"). The token comes from the cookie or the `Authorization` header,
 * exactly as logout takes it. Check order: the project checks (400/403, as on every page) → the token: none →
 * 401 "Missing Access Token"; never issued or another project's → 401 "Invalid credentials"; expired → 401 "Token
 * expired"; its user deleted → 401 "No user found"; a logged-out (revoked) token → the reason `revokedTokenReason`
 * picks ("Invalid credentials" by default). This is the check a frontend makes after logout.
 *
 * A valid `masterKey` skips the key and origin checks as everywhere; the user is still the token's, so without a
 * token there is nobody to return (docs/providers/rested.md#the-logged-in-user-with-a-master-key).
 */
import type { Outcome } from '../platform/types.ts'
import { inspectTokens, type TokenVerdict } from './auth.ts'
import { errorBehaviour, gateBehaviours, type RestedBehaviour } from './behaviours.ts'
import { passGate, type Ctx } from './gate.ts'
import type { RestedUser } from './model.ts'
import { MESSAGES } from './messages.ts'
import { restedJson } from './responses.ts'
import { documented } from './sources.ts'
import { userRecord } from './users.ts'

type Failure = Exclude<TokenVerdict['kind'], 'ok'>

/** The entry a dead token leads to. */
function failureEntry(ctx: Ctx, kind: Failure): string {
  switch (kind) {
    case 'missing':
      return 'missingAccessToken'
    case 'unknown':
      return 'invalidCredentials'
    case 'expired':
      return 'tokenExpired'
    case 'noUser':
      return 'noUserFound'
    case 'revoked':
      return ctx.config.revokedTokenReason
  }
}

/**
 * The natural logic of the logged-in-user GET.
 * @example
 * runLoggedInUser(ctx) // { behaviour: 'rested.loggedInUser.success', detail: user }
 */
export function runLoggedInUser(ctx: Ctx): Outcome {
  const gate = passGate(ctx, 'loggedInUser', 'auth')
  if (!gate.ok) return gate.outcome
  const verdict = inspectTokens(ctx, gate.project)
  if (verdict.kind !== 'ok') return { behaviour: `rested.loggedInUser.${failureEntry(ctx, verdict.kind)}` }
  const dataOnly = ctx.url.searchParams.get('dataOnly') === 'true'
  return { behaviour: dataOnly ? 'rested.loggedInUser.successDataOnly' : 'rested.loggedInUser.success', detail: verdict.user }
}

const PASSWORD = { what: 'the record includes the password, as register shows it (docs/providers/rested.md#login-success)', option: 'passwordInLoginBodies' }

function success(dataOnly: boolean): RestedBehaviour {
  return {
    id: `rested.loggedInUser.${dataOnly ? 'successDataOnly' : 'success'}`,
    operation: 'loggedInUser',
    status: 200,
    title: dataOnly ? "The logged-in user's data object only" : 'The logged-in user: {uniqueId, data, createdAt, updatedAt}',
    trigger: `GET on the auth endpoint with a live token (cookie or Authorization)${dataOnly ? ' and dataOnly=true' : ''}`,
    source: documented('yaweLoggedInUser', [{ what: 'status 200 (docs/providers/rested.md#success-status-200)' }, PASSWORD]),
    contentType: 'application/json',
    schema: dataOnly ? 'userData' : 'userRecord',
    primary: !dataOnly,
    respond(ctx, raw) {
      const record = userRecord(ctx, raw as RestedUser | undefined, ctx.config.passwordInLoginBodies)
      return restedJson(ctx, 200, dataOnly ? record.data : record)
    },
  }
}

const REVOKED = {
  what: 'which of the two a logged-out (revoked) token gets (docs/providers/rested.md#a-revoked-token-on-the-logged-in-user)',
  option: 'revokedTokenReason',
}

const MASTER_KEY = { what: 'a valid masterKey does not stand in for the token (docs/providers/rested.md#the-logged-in-user-with-a-master-key)' }

/**
 * One of the four documented 401s; the two a revoked token may reach carry the assumption that picks between them,
 * the missing token the master-key assumption.
 */
function unauthorized(name: 'missingAccessToken' | 'invalidCredentials' | 'tokenExpired' | 'noUserFound', title: string, trigger: string, primary = false): RestedBehaviour {
  const revocable = name === 'invalidCredentials' || name === 'tokenExpired'
  return errorBehaviour({
    operation: 'loggedInUser',
    name,
    status: 401,
    title,
    trigger,
    source: documented('yaweLoggedInUser', revocable ? [REVOKED] : name === 'missingAccessToken' ? [MASTER_KEY] : []),
    primary,
    // The page's "Invalid credentials" (login's reason ends with a full stop).
    message: name === 'invalidCredentials' ? MESSAGES.invalidToken : undefined,
  })
}

const revokedWhen = (reason: string) => `a logged-out (revoked) token while revokedTokenReason = "${reason}"`

export const loggedInUserBehaviours: RestedBehaviour[] = [
  success(false),
  success(true),
  ...gateBehaviours('loggedInUser', 'yaweLoggedInUser'),
  unauthorized('missingAccessToken', '401 Missing Access Token', 'no __Secure-rested-access-token cookie and no Authorization header (a valid masterKey does not stand in for it)', true),
  unauthorized('invalidCredentials', '401 Invalid credentials', `a token never issued, or issued by another project; ${revokedWhen('invalidCredentials')} (the default)`),
  unauthorized('tokenExpired', '401 Token expired', `a token past accessTokenTtl on the platform clock; ${revokedWhen('tokenExpired')}`),
  unauthorized('noUserFound', '401 No user found', 'a live token whose user was deleted (control action deleteUser)'),
]
