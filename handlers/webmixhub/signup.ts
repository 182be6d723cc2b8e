/**
 * `POST /auth/signup` (the Auth overview lists it: "Create new user account", tenant authentication; its body and
 * response are not shown, so they are assumed: docs/providers/webmixhub.md#the-sign-up-endpoint). Check order: client
 * headers (optional) → tenant → body `{email, password}` (password ≥ 8, as on sign-in) → an email already registered
 * in the tenant → 409 CONFLICT → the sign-in response with `newUser: true`, the user `logged_in`. A public route:
 * `x-token` is optional and never an error (`publicRouteToken`).
 */
import type { Operation } from '../platform/types.ts'
import type { WebmixhubConfig } from './config.ts'
import { createUser, emailLogin, type PublicUser, type WebmixhubState } from './model.ts'
import { gate } from './auth.ts'
import { clientHeadersBehaviour, errorBehaviour, forcedOnlyErrors, tenantBehaviours, type WebmixhubBehaviour } from './behaviours.ts'
import { readSignupRequest } from './signin-request.ts'
import { signedIn, signedInBehaviour } from './signin.ts'
import { assumed } from './sources.ts'

export const signupOperation: Operation<WebmixhubState, WebmixhubConfig> = {
  id: 'signup',
  method: 'POST',
  path: '/auth/signup',
  summary: 'Create a user account with email and password; returns the sign-in response with newUser true',
  async run(ctx) {
    const caller = await gate(ctx, { user: false })
    if ('behaviour' in caller) return caller
    const { tenant } = caller
    const parsed = await readSignupRequest(ctx)
    if (!parsed.ok) return { behaviour: 'validationError', detail: { validation: parsed.validation } }
    const login = emailLogin(tenant.id, parsed.value.email)
    if (ctx.state.users.get('login', login)) return { behaviour: 'conflict' }
    const user = await createUser(ctx.state, ctx, { tenantId: tenant.id, login, email: parsed.value.email.toLowerCase(), password: parsed.value.password, createdWith: 'password' })
    return signedIn(ctx, tenant, user, true)
  },
}

/** The user a forced sign-up 200 shows: a new account, signed in. */
const NEW_USER: PublicUser = { id: '00000000-0000-4000-8000-000000001099', email: 'new-user@example.com', status: 'logged_in' }

export const signupBehaviours: WebmixhubBehaviour[] = [
  signedInBehaviour('signup', {
    user: NEW_USER,
    newUser: true,
    title: 'Signed up: the sign-in response {meta, data:{accessToken, refreshToken, newUser:true, user}}',
    trigger: 'valid tenant, an email not yet registered in it and a password of 8 characters or more; x-token optional, never an error (see publicRouteToken)',
    source: assumed('the-sign-up-endpoint'),
  }),
  errorBehaviour({
    operation: 'signup',
    name: 'validationError',
    code: 'VALIDATION_ERROR',
    primary: true,
    trigger: 'body not a JSON object, email missing or malformed, password missing or shorter than 8 characters, a method other than password',
    source: assumed('the-sign-up-endpoint'),
    forcedValidation: { password: 'password must be at least 8 characters' },
  }),
  clientHeadersBehaviour('signup'),
  ...tenantBehaviours('signup'),
  errorBehaviour({
    operation: 'signup',
    name: 'conflict',
    code: 'CONFLICT',
    trigger: 'an email already registered in the tenant (any case)',
    source: assumed('the-sign-up-endpoint'),
  }),
  ...forcedOnlyErrors('signup', undefined, {}, ['CONFLICT']),
]
