/**
 * `POST /api/v1/auth/login` (ASSUMPTION path and body `{email, password}`): the way a client gets both cookies
 * without seeding by hand.
 */
import type { Operation } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import { startSession, type DreadnodeState, type DreadnodeUser } from './model.ts'
import type { ValidationItem } from './envelope.ts'
import { isPlainObject, readJsonBody } from './body.ts'
import { assumed, errorBehaviours, jsonOk, type DreadnodeBehaviour } from './behaviours.ts'
import { ACCESS_COOKIE, REFRESH_COOKIE, issueCookie } from './cookies.ts'

/** The public view of a user (`GET /api/v1/user/me`, login). */
export function publicUser(u: DreadnodeUser) {
  return { id: u.id, email: u.email, username: u.username, name: u.name }
}

export const loginOperation: Operation<DreadnodeState, DreadnodeConfig> = {
  id: 'login',
  method: 'POST',
  path: '/api/v1/auth/login',
  summary: 'Log in with email and password; sets the access_token and refresh_token cookies',
  async run(ctx) {
    const body = await readJsonBody(ctx)
    if (body.kind === 'bad') return { behaviour: 'invalidRequest', detail: { detail: body.detail } }
    const value = body.kind === 'json' ? body.value : undefined
    const errors: ValidationItem[] = []
    if (!isPlainObject(value)) {
      errors.push({ loc: ['body'], msg: 'Field required: a JSON object {email, password}', type: 'missing' })
    } else {
      for (const field of ['email', 'password'] as const) {
        if (value[field] === undefined) errors.push({ loc: ['body', field], msg: 'Field required', type: 'missing' })
        else if (typeof value[field] !== 'string') errors.push({ loc: ['body', field], msg: 'Input should be a valid string', type: 'string_type' })
      }
    }
    if (errors.length > 0 || !isPlainObject(value)) return { behaviour: 'validationError', detail: { errors } }
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
    title: 'Logged in: the user, and both JWT cookies set',
    trigger: 'email and password of an enabled fixture user',
    source: assumed('login path, body and response shape (needed so a client can reach a logged-in state)'),
    contentType: 'application/json',
    schema: 'user',
    primary: true,
    respond(ctx, raw) {
      const d = raw as { user: DreadnodeUser; accessToken: string; refreshToken: string } | undefined
      if (!d) {
        // Forced: a representative body; no session exists behind these cookies.
        return jsonOk({ id: '00000000-0000-4000-8000-000000000001', email: 'alice@example.com', username: 'alice', name: 'Alice Example' })
      }
      return jsonOk(publicUser(d.user), [
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
