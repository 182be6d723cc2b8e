/**
 * Register: `POST …/{authEndpoint}?key=…` without flag (contracts/rested.md, Register): body `username|email` +
 * `password` + extra fields; duplicate username → 400; success `{ uniqueId, data }` (data = every field but the
 * password).
 */
import type { Outcome } from '../platform/types.ts'
import { assumed, bodyBehaviours, documented, errorBehaviour, gateBehaviours, type RestedBehaviour } from './behaviours.ts'
import { readJsonObject } from './body.ts'
import { credentialsOf } from './credentials.ts'
import { checkGate, type Ctx } from './gate.ts'
import { scoped, type RestedUser } from './model.ts'
import { restedJson } from './responses.ts'
import { REPRESENTATIVE_USER, userRecord } from './users.ts'

/**
 * The natural logic of register.
 * @example
 * await runRegister(ctx) // { behaviour: 'rested.register.success', detail: user }
 */
export async function runRegister(ctx: Ctx): Promise<Outcome> {
  const gate = checkGate(ctx, 'auth')
  if (!gate.ok) return { behaviour: `rested.register.${gate.failure}` }
  const body = await readJsonObject(ctx)
  if (!body.ok) return { behaviour: `rested.register.${body.failure}` }
  const creds = credentialsOf(body.value)
  if (!creds.ok) return { behaviour: `rested.register.${creds.failure}`, detail: { message: creds.message } }
  const projectId = gate.project.id
  const usernameKey = creds.username !== undefined ? scoped(projectId, creds.username) : null
  const emailKey = creds.email !== undefined ? scoped(projectId, creds.email.toLowerCase()) : null
  if (usernameKey !== null && ctx.state.users.get('usernameKey', usernameKey)) return { behaviour: 'rested.register.duplicateUsername' }
  if (emailKey !== null && ctx.state.users.get('emailKey', emailKey)) return { behaviour: 'rested.register.duplicateEmail' }
  const { password: _password, ...data } = body.value
  const user = await ctx.state.users.create({ uniqueId: ctx.random.hex(32), projectId, usernameKey, emailKey, password: creds.password, data })
  return { behaviour: 'rested.register.success', detail: user }
}

export const registerBehaviours: RestedBehaviour[] = [
  {
    id: 'rested.register.success',
    operation: 'register',
    status: 200,
    title: 'User registered: {uniqueId, data} without the password',
    trigger: 'a new username (or email) and a password on the auth endpoint, no flag',
    source: documented('Register: success { uniqueId, data }', [{ what: 'status 200' }]),
    contentType: 'application/json',
    schema: 'userRecord',
    primary: true,
    respond: (ctx, raw) => restedJson(ctx, 200, raw ? userRecord(raw as RestedUser) : { uniqueId: REPRESENTATIVE_USER.uniqueId, data: { ...REPRESENTATIVE_USER.data } }),
  },
  ...gateBehaviours('register'),
  ...bodyBehaviours('register', 'Register'),
  errorBehaviour({
    operation: 'register',
    name: 'usernameEmailRules',
    status: 400,
    title: '400 username/email rules',
    trigger: 'both username and email, neither, an empty/non-string username, or an invalid email',
    source: documented('Register: username|email, one of them'),
  }),
  errorBehaviour({ operation: 'register', name: 'missingPassword', status: 400, title: '400 password missing', trigger: 'no password, or not a non-empty string', source: documented('Register: password required') }),
  errorBehaviour({ operation: 'register', name: 'duplicateUsername', status: 400, title: '400 username already exists', trigger: 'a username already registered in the project', source: documented('Register: duplicate username → 400') }),
  errorBehaviour({
    operation: 'register',
    name: 'duplicateEmail',
    status: 400,
    title: '400 email already exists',
    trigger: 'an email already registered in the project',
    source: assumed('a duplicate email is refused like a duplicate username'),
  }),
]
