/**
 * The bodies of `POST /auth/signin`, validated per `method` (the sign-in page: password ≥ 8 characters; the field
 * names of `apple` and `otp` are assumptions), and of `POST /auth/signup` (assumed: `{email, password}`, `method`
 * optional and then `password`, the one method the Auth overview lists for signup). Anything wrong becomes
 * `error.validation` of a 400 VALIDATION_ERROR, never a crash.
 */
import { isJsonMediaType, isPlainObject, parseJson, readBody } from '../platform/http/body.ts'
import type { Ctx } from './auth.ts'
import type { Validation } from './envelope.ts'
import type { SigninMethod } from './model.ts'
import { isEmailAddress } from '../platform/http/email-address.ts'

const SIGNIN_METHODS: readonly SigninMethod[] = ['password', 'google', 'facebook', 'apple', 'otp', 'guest']

export type SigninRequest =
  | { method: 'password'; email: string; password: string }
  | { method: 'google' | 'apple'; token: string }
  | { method: 'facebook'; token: string; tokenType: string }
  | { method: 'otp'; email: string; code: string }
  | { method: 'guest' }

type SigninParse = { ok: true; value: SigninRequest } | { ok: false; validation: Validation }

const MIN_PASSWORD_LENGTH = 8

const required = (field: string) => `${field} is required`

/** Checks the fields of one method and collects messages into `problems`. */
function validateFields(body: Record<string, unknown>, method: SigninMethod, problems: Validation): void {
  const str = (field: string) => {
    const v = body[field]
    if (v === undefined || v === null || v === '') problems[field] = required(field)
    else if (typeof v !== 'string') problems[field] = `${field} must be a string`
    else return v
    return undefined
  }
  const email = () => {
    const v = str('email')
    if (v !== undefined && !isEmailAddress(v)) problems.email = 'email must be a valid email address'
  }
  switch (method) {
    case 'password': {
      email()
      const password = str('password')
      if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) problems.password = `password must be at least ${MIN_PASSWORD_LENGTH} characters`
      return
    }
    case 'google':
    case 'apple':
      str('token')
      return
    case 'facebook':
      str('token')
      str('tokenType')
      return
    case 'otp': {
      email()
      const code = str('code')
      if (code !== undefined && !/^\d{4,8}$/.test(code)) problems.code = 'code must be 4 to 8 digits'
      return
    }
    case 'guest':
      return
  }
}

/** The request body as a JSON object (at most 1 MiB), or the validation message saying why not. */
async function readObject(ctx: Ctx): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; validation: Validation }> {
  const raw = await readBody(ctx.request)
  if (!raw.ok) return { ok: false, validation: { body: raw.reason === 'too-large' ? 'Request body is too large' : 'Request body could not be read' } }
  const json = isJsonMediaType(ctx.request.headers.get('content-type')) ? parseJson(raw.text) : undefined
  if (!json?.ok || !isPlainObject(json.value)) return { ok: false, validation: { body: 'Request body must be a JSON object (Content-Type: application/json)' } }
  return { ok: true, body: json.value }
}

/**
 * Reads and validates the signup body: a JSON object with `email` and `password` (≥ 8 characters), and `method`
 * either absent or `password`.
 * @example
 * const parsed = await readSignupRequest(ctx)
 * if (parsed.ok) parsed.value.email
 */
export async function readSignupRequest(ctx: Ctx): Promise<{ ok: true; value: { email: string; password: string } } | { ok: false; validation: Validation }> {
  const read = await readObject(ctx)
  if (!read.ok) return read
  const { body } = read
  if (body.method !== undefined && body.method !== 'password') return { ok: false, validation: { method: 'method must be password' } }
  const problems: Validation = {}
  validateFields(body, 'password', problems)
  if (Object.keys(problems).length > 0) return { ok: false, validation: problems }
  return { ok: true, value: { email: body.email as string, password: body.password as string } }
}

/**
 * Reads and validates the signin body (JSON object, at most 1 MiB).
 * @example
 * const parsed = await readSigninRequest(ctx)
 * if (!parsed.ok) return { behaviour: 'validationError', detail: { validation: parsed.validation } }
 */
export async function readSigninRequest(ctx: Ctx): Promise<SigninParse> {
  const read = await readObject(ctx)
  if (!read.ok) return read
  const body = read.body
  if (body.method === undefined || body.method === null || body.method === '') return { ok: false, validation: { method: required('method') } }
  if (typeof body.method !== 'string' || !(SIGNIN_METHODS as readonly string[]).includes(body.method)) {
    return { ok: false, validation: { method: `method must be one of ${SIGNIN_METHODS.join(', ')}` } }
  }
  const method = body.method as SigninMethod
  const problems: Validation = {}
  validateFields(body, method, problems)
  if (Object.keys(problems).length > 0) return { ok: false, validation: problems }
  return { ok: true, value: { ...body, method } as SigninRequest }
}
