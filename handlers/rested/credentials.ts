/**
 * The credentials of register and login (DOC: one of `username` or `email`, not both; `password`), read after the
 * project gate and the JSON body checks — the common start of both operations.
 */
import { passGate, type Ctx, type Refusal } from './gate.ts'
import { MAX_STORED_BODY_BYTES, readJsonObject } from './body.ts'
import { MESSAGES } from './messages.ts'
import { isEmailAddress } from '../platform/http/email-address.ts'
import type { RestedProject, UserName } from './model.ts'

type Credentials = UserName & { readonly password: string }

type Checked = { readonly ok: true; readonly credentials: Credentials } | { readonly ok: false; readonly failure: 'usernameEmailRules' | 'missingPassword'; readonly message: string }

/** Checks a body's identifier and password; the failure carries the precise reason text. */
function credentialsOf(body: Record<string, unknown>, operation: 'login' | 'register'): Checked {
  const hasUsername = body.username !== undefined
  const hasEmail = body.email !== undefined
  const rules = (message: string): Checked => ({ ok: false, failure: 'usernameEmailRules', message })
  if (hasUsername && hasEmail) return rules(MESSAGES.usernameEmailRules)
  if (!hasUsername && !hasEmail) return rules(operation === 'register' ? MESSAGES.credentialsNotPresent : 'username or email is required')
  if (hasUsername && (typeof body.username !== 'string' || body.username.trim() === '')) return rules('username must be a non-empty string')
  if (hasEmail && (typeof body.email !== 'string' || !isEmailAddress(body.email))) return rules('email not valid')
  if (typeof body.password !== 'string' || body.password === '') return { ok: false, failure: 'missingPassword', message: operation === 'register' ? MESSAGES.credentialsNotPresent : MESSAGES.missingPassword }
  const who = hasUsername ? { username: body.username as string } : { email: body.email as string }
  return { ok: true, credentials: { ...who, password: body.password } }
}

/**
 * Gate (rows 1–4 on the auth endpoint) → Content-Type → empty body → JSON object → username/email rules → password.
 * @example
 * const read = await readCredentials(ctx, 'login')
 * if (!read.ok) return read.outcome
 * findUser(ctx.state, read.project.id, read.credentials)
 */
export async function readCredentials(
  ctx: Ctx,
  operation: 'login' | 'register',
): Promise<Refusal | { readonly ok: true; readonly project: RestedProject; readonly body: Record<string, unknown>; readonly credentials: Credentials }> {
  const gate = passGate(ctx, operation, 'auth')
  if (!gate.ok) return gate
  const body = await readJsonObject(ctx, operation, operation === 'register' ? MAX_STORED_BODY_BYTES : undefined)
  if (!body.ok) return body
  const checked = credentialsOf(body.value, operation)
  if (!checked.ok) return { ok: false, outcome: { behaviour: `rested.${operation}.${checked.failure}`, detail: { message: checked.message } } }
  return { ok: true, project: gate.project, body: body.value, credentials: checked.credentials }
}
