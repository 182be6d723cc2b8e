/**
 * The username/email rules of register and login (DOC: one of `username` or `email`, not both; `password`).
 */
export type Credentials =
  | { readonly ok: true; readonly username?: string; readonly email?: string; readonly password: string }
  | { readonly ok: false; readonly failure: 'usernameEmailRules' | 'missingPassword'; readonly message: string }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Checks a body's identifier and password.
 * @example
 * credentialsOf({ username: 'alice', email: 'alice@example.com', password: 'x' }) // { ok: false, failure: 'usernameEmailRules', … }
 */
export function credentialsOf(body: Record<string, unknown>): Credentials {
  const hasUsername = body.username !== undefined
  const hasEmail = body.email !== undefined
  if (hasUsername && hasEmail) return { ok: false, failure: 'usernameEmailRules', message: 'Use username or email, not both' }
  if (!hasUsername && !hasEmail) return { ok: false, failure: 'usernameEmailRules', message: 'username or email is required' }
  if (hasUsername && (typeof body.username !== 'string' || body.username.trim() === '')) {
    return { ok: false, failure: 'usernameEmailRules', message: 'username must be a non-empty string' }
  }
  if (hasEmail && (typeof body.email !== 'string' || !EMAIL.test(body.email))) return { ok: false, failure: 'usernameEmailRules', message: 'email not valid' }
  if (typeof body.password !== 'string' || body.password === '') return { ok: false, failure: 'missingPassword', message: 'password is required' }
  return { ok: true, username: hasUsername ? (body.username as string) : undefined, email: hasEmail ? (body.email as string) : undefined, password: body.password }
}
