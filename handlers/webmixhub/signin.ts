/**
 * `POST /auth/signin` (the sign-in page; tenant authentication only): check order client headers (optional) → tenant
 * → body → credentials. `password` checks the user's credentials; `google`, `facebook`, `apple`, `otp` and `guest`
 * sign a user in and create it when unknown. Returns signed access and refresh JWTs (an assumed response shape). A
 * public route: `x-token` is optional and never an error (`publicRouteToken` says whether a valid one revives its user).
 *
 * How the mock identifies the external account (an assumption, docs/providers/webmixhub.md#the-sign-in-response): a social `token` that is an email address, or a JWT with
 * an `email` claim (an ID token), signs in the user with that email; any other token is an opaque account id. `otp`
 * accepts any 4–8 digit code for its email. `guest` is one user per `x-device-id` (a new one per request without it).
 */
import { decodeJwt, base64url } from '../platform/crypto/jwt.ts'
import { sha256 } from '../platform/crypto/hmac-sha256.ts'
import type { Operation, Outcome, Source } from '../platform/types.ts'
import { demoTenant } from '../../fixtures/webmixhub.ts'
import type { WebmixhubConfig } from './config.ts'
import { createUser, emailLogin, issueTokens, publicUser, setStatus, type IssuedTokens, type PublicUser, type SigninMethod, type WebmixhubState, type WebmixhubTenant, type WebmixhubUser } from './model.ts'
import { gate, header, type Ctx } from './auth.ts'
import { clientHeadersBehaviour, errorBehaviour, forcedOnlyErrors, tenantBehaviours, type WebmixhubBehaviour } from './behaviours.ts'
import { documented } from './sources.ts'
import { envelope } from './envelope.ts'
import { readSigninRequest, type SigninRequest } from './signin-request.ts'
import { REPRESENTATIVE_USER } from './me.ts'
import { isEmailAddress } from '../platform/http/email-address.ts'

interface Identity {
  /** The per-tenant login key (see `WebmixhubUser.login`). */
  login: string
  email: string | null
}

const utf8 = new TextEncoder()

/** A stable id for an external token that does not reveal it (the platform's SHA-256, the same in Node and a page). */
function opaqueId(token: string): string {
  return base64url(sha256(utf8.encode(token))).slice(0, 22)
}

/** The external account a non-password sign-in names. */
function identityOf(ctx: Ctx, tenantId: string, req: Exclude<SigninRequest, { method: 'password' }>): Identity {
  const byEmail = (email: string): Identity => ({ login: emailLogin(tenantId, email), email: email.toLowerCase() })
  switch (req.method) {
    case 'otp':
      return byEmail(req.email)
    case 'guest': {
      const device = header(ctx, 'x-device-id')
      return { login: `${tenantId}|guest:${device ? `device:${opaqueId(device)}` : ctx.random.uuid()}`, email: null }
    }
    default: {
      if (isEmailAddress(req.token)) return byEmail(req.token)
      const claimed = decodeJwt(req.token)?.claims.email
      if (typeof claimed === 'string' && isEmailAddress(claimed)) return byEmail(claimed)
      return { login: `${tenantId}|${req.method}:${opaqueId(req.token)}`, email: null }
    }
  }
}

interface SigninDetail extends IssuedTokens {
  newUser: boolean
  user: PublicUser
}

/**
 * The end of a successful sign-in or sign-up: the user is `logged_in`, with fresh tokens.
 * @example
 * return signedIn(ctx, tenant, user, false)
 */
export async function signedIn(ctx: Ctx, tenant: WebmixhubTenant, user: WebmixhubUser, newUser: boolean): Promise<Outcome> {
  setStatus(ctx.state, user, 'logged_in')
  const tokens = await issueTokens(user.id, tenant, ctx.config, ctx.clock, ctx.random)
  return { behaviour: 'success', detail: { ...tokens, newUser, user: publicUser(ctx.state, user) } satisfies SigninDetail }
}

export const signinOperation: Operation<WebmixhubState, WebmixhubConfig> = {
  id: 'signin',
  method: 'POST',
  path: '/auth/signin',
  summary: 'Sign in with password, google, facebook, apple, otp or guest; returns access and refresh JWTs',
  async run(ctx) {
    const caller = await gate(ctx, { user: false })
    if ('behaviour' in caller) return caller
    const { tenant } = caller
    const parsed = await readSigninRequest(ctx)
    if (!parsed.ok) return { behaviour: 'validationError', detail: { validation: parsed.validation } }
    const req = parsed.value
    let user: WebmixhubUser | undefined
    let newUser = false
    if (req.method === 'password') {
      user = ctx.state.users.get('login', emailLogin(tenant.id, req.email))
      if (!user || user.password === null || user.password !== req.password) return { behaviour: 'invalidCredentials' }
    } else {
      const identity = identityOf(ctx, tenant.id, req)
      user = ctx.state.users.get('login', identity.login)
      if (!user) {
        newUser = true
        user = await createUser(ctx.state, ctx, { tenantId: tenant.id, login: identity.login, email: identity.email, password: null, createdWith: req.method as SigninMethod })
      }
    }
    return signedIn(ctx, tenant, user, newUser)
  },
}

/** Tokens of a forced 200: well-formed JWTs signed with a secret no tenant has, so they authenticate nobody. */
const FORCED_TOKEN_SECRET = 'webmixhub-forced-example-not-a-tenant-secret'

/**
 * The 200 of sign-in and sign-up: `{meta, data:{accessToken, refreshToken, newUser, user}}`; forced, `user` is the
 * representative one with tokens that authenticate nobody.
 * @example
 * signedInBehaviour('signup', { user: NEW_USER, newUser: true, title: '…', trigger: '…', source: assumed('the-sign-up-endpoint') })
 */
export function signedInBehaviour(operation: string, spec: { user: PublicUser; newUser: boolean; title: string; trigger: string; source: Source }): WebmixhubBehaviour {
  return {
    id: `webmixhub.${operation}.success`,
    operation,
    status: 200,
    title: spec.title,
    trigger: spec.trigger,
    source: spec.source,
    contentType: 'application/json',
    schema: 'signinSuccess',
    primary: true,
    async respond(ctx, raw) {
      let d = raw as SigninDetail | undefined
      if (!d) {
        const tokens = await issueTokens(spec.user.id, { id: demoTenant.id, jwtSecret: FORCED_TOKEN_SECRET }, ctx.config, ctx.clock, ctx.random)
        d = { ...tokens, newUser: spec.newUser, user: spec.user }
      }
      return envelope(ctx, 200, { data: { accessToken: d.accessToken, refreshToken: d.refreshToken, newUser: d.newUser, user: d.user } })
    },
  }
}

const PUBLIC_ROUTE = 'x-token optional, never an error (a stale, expired or foreign one is ignored; with publicRouteToken "relogin" a valid one marks its user logged_in)'

export const signinBehaviours: WebmixhubBehaviour[] = [
  signedInBehaviour('signin', {
    user: REPRESENTATIVE_USER,
    newUser: false,
    title: 'Signed in: {meta, data:{accessToken, refreshToken, newUser, user:{id, email, status}}}',
    trigger: `valid tenant and body: password of an existing user, or any google/facebook/apple/otp/guest sign-in (unknown users are created, newUser true); ${PUBLIC_ROUTE}`,
    source: documented('signin', [
      { what: 'the body {accessToken, refreshToken, newUser, user:{id, email, status}} (docs/providers/webmixhub.md#the-sign-in-response)' },
      { what: 'what a valid optional x-token does (docs/providers/webmixhub.md#public-routes-ignore-x-token)', option: 'publicRouteToken' },
    ]),
  }),
  errorBehaviour({
    operation: 'signin',
    name: 'validationError',
    code: 'VALIDATION_ERROR',
    primary: true,
    trigger: 'body not a JSON object, method missing or unknown, a required field missing, email malformed, password shorter than 8 characters, facebook without tokenType',
    source: documented('signin'),
    forcedValidation: { password: 'password must be at least 8 characters' },
  }),
  clientHeadersBehaviour('signin'),
  ...tenantBehaviours('signin'),
  errorBehaviour({
    operation: 'signin',
    name: 'invalidCredentials',
    code: 'INVALID_CREDENTIALS',
    primary: true,
    trigger: 'method password with an unknown email, a wrong password, or an account created without a password',
    source: documented('signin'),
  }),
  ...forcedOnlyErrors('signin'),
]
