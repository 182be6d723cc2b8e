/**
 * Register: `POST …/{authEndpoint}?key=…` without flag (the register page): body `username|email` + `password` +
 * extra fields; no identifier or no password → 400 "username/email or password not present"; duplicate username →
 * 400; success `{uniqueId, data, createdAt, updatedAt}` with `data` the body as sent, password included, as the
 * page's example shows.
 */
import type { Outcome } from '../platform/types.ts'
import { bodyBehaviours, credentialBehaviours, errorBehaviour, gateBehaviours, type RestedBehaviour } from './behaviours.ts'
import { assumed, documented } from './sources.ts'
import { readCredentials } from './credentials.ts'
import type { Ctx } from './gate.ts'
import { findUser, userKeys, type RestedUser } from './model.ts'
import { restedJson } from './responses.ts'
import { userRecord } from './users.ts'

/**
 * The natural logic of register.
 * @example
 * await runRegister(ctx) // { behaviour: 'rested.register.success', detail: user }
 */
export async function runRegister(ctx: Ctx): Promise<Outcome> {
  const read = await readCredentials(ctx, 'register')
  if (!read.ok) return read.outcome
  const { project, credentials } = read
  if (findUser(ctx.state, project.id, credentials)) return { behaviour: credentials.username !== undefined ? 'rested.register.duplicateUsername' : 'rested.register.duplicateEmail' }
  const { password: _password, ...data } = read.body
  const now = ctx.clock.now()
  const user = await ctx.state.users.create({
    uniqueId: ctx.random.hex(32),
    projectId: project.id,
    ...userKeys(project.id, credentials),
    password: credentials.password,
    data,
    registered: read.body,
    createdAt: now,
    updatedAt: now,
  })
  return { behaviour: 'rested.register.success', detail: user }
}

export const registerBehaviours: RestedBehaviour[] = [
  {
    id: 'rested.register.success',
    operation: 'register',
    status: 200,
    title: 'User registered: {uniqueId, data, createdAt, updatedAt}, data as sent (password included, as the docs show)',
    trigger: 'a new username (or email) and a password on the auth endpoint, no flag',
    source: documented('register', [{ what: 'status 200 (docs/providers/rested.md#success-status-200)' }]),
    contentType: 'application/json',
    schema: 'userRecord',
    primary: true,
    respond: (ctx, raw) => restedJson(ctx, 200, userRecord(ctx, raw as RestedUser | undefined, true)),
  },
  ...gateBehaviours('register', 'register'),
  ...bodyBehaviours('register', 'register'),
  ...credentialBehaviours('register'),
  errorBehaviour({ operation: 'register', name: 'duplicateUsername', status: 400, title: '400 username already exists', trigger: 'a username already registered in the project', source: documented('register') }),
  errorBehaviour({
    operation: 'register',
    name: 'duplicateEmail',
    status: 400,
    title: '400 email already exists',
    trigger: 'an email already registered in the project',
    source: assumed('a-duplicate-email'),
  }),
]
