/**
 * `POST /api/v1/auth/login` (ASSUMPTION path and body `{email, password}`): the way a client gets both cookies
 * without seeding by hand.
 */
import type { Operation } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import { publicUser, startSession, type DreadnodeState, type DreadnodeUser } from './model.ts'
import { checkFields, readJsonBody } from './body.ts'
import { errorBehaviours, jsonOk, type DreadnodeBehaviour } from './behaviours.ts'
import { assumed } from './sources.ts'
import { sampleUser } from './user.ts'
import { ACCESS_COOKIE, REFRESH_COOKIE, issueCookie } from './cookies.ts'

export const loginOperation: Operation<DreadnodeState, DreadnodeConfig> = {
  id: 'login',
  method: 'POST',
  path: '/api/v1/auth/login',
  aliases: ['/api/auth/login'],
  requestBody: { schema: 'loginRequest', required: true },
  summary: 'Log in with email and password; sets the access_token and refresh_token cookies',
  async run(ctx) {
    const body = await readJsonBody(ctx)
    if (body.kind === 'bad') return { behaviour: 'invalidRequest', detail: { detail: body.detail } }
    const { errors, value } = checkFields(body, { email: { type: 'string', required: true }, password: { type: 'string', required: true } })
    if (errors.length > 0) return { behaviour: 'validationError', detail: { errors } }
    const user = ctx.state.users.get('email', String(value.email).toLowerCase())
    if (!user || user.password !== value.password) return { behaviour: 'unauthenticated', detail: { detail: 'Invalid email or password' } }
    if (user.disabled) return { behaviour: 'forbidden', detail: { detail: 'User account is disabled' } }
    const tokens = await startSession(ctx.state, user, ctx.config, ctx.clock, ctx.random)
    return { behaviour: 'success', detail: { user, ...tokens } }
  },
}

export const loginBehaviours: DreadnodeBehaviour[] = [
  {
    id: 'dreadnode.login.success',
    operation: 'login',
    status: 200,
    title: 'Logged in: the user (as GET /api/v1/user shows it), and both JWT cookies set',
    trigger: 'email and password of an enabled fixture user',
    source: assumed('assumptions'),
    contentType: 'application/json',
    schema: 'user',
    primary: true,
    respond(ctx, raw) {
      const d = raw as { user: DreadnodeUser; accessToken: string; refreshToken: string } | undefined
      if (!d) {
        // Forced: a representative body; no session exists behind these cookies.
        return jsonOk(sampleUser(ctx.config))
      }
      return jsonOk(publicUser(d.user, ctx.config.jwtSecret), [
        issueCookie(ACCESS_COOKIE, d.accessToken, ctx.config.accessTokenTtl),
        issueCookie(REFRESH_COOKIE, d.refreshToken, ctx.config.refreshTokenTtl),
      ])
    },
  },
  ...errorBehaviours('login', {
    400: 'a body sent with Content-Type: application/json that is not valid JSON (or over 1 MiB)',
    401: 'unknown email or wrong password',
    403: 'the account is disabled (fixture disabled@example.com)',
    422: 'email or password missing or not strings (FastAPI-style errors[])',
  }),
]
