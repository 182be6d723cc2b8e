/**
 * What register, login and the logged-in-user GET answer about a user: `{uniqueId, data, createdAt, updatedAt}`
 * (the docs' examples), `data` being the fields as registered. The register example shows the password inside
 * `data`, so register echoes it; login and the logged-in-user GET return the same stored record unless
 * `passwordInLoginBodies` is off (docs/providers/rested.md#login-success).
 */
import { fixtureUniqueId } from '../../fixtures/rested.ts'
import { alice } from '../../fixtures/users.ts'
import type { Ctx } from './gate.ts'
import type { RestedUser } from './model.ts'

interface UserRecord {
  readonly uniqueId: string
  readonly data: Record<string, unknown>
  readonly createdAt: string
  readonly updatedAt: string
}

/** alice of the default project: the user a forced response shows. */
const REPRESENTATIVE_ID = fixtureUniqueId(0, 0)

/**
 * The user a forced response shows: alice of the default project as the model holds her (so her timestamps are the
 * platform clock's), or, once she has been deleted, her fixture fields stamped with the current time.
 */
function representative(ctx: Ctx): Pick<RestedUser, 'uniqueId' | 'data' | 'registered' | 'createdAt' | 'updatedAt'> {
  const stored = ctx.state.users.get('uniqueId', REPRESENTATIVE_ID)
  if (stored) return stored
  const now = ctx.clock.now()
  const { username, email, password, name } = alice
  return { uniqueId: REPRESENTATIVE_ID, data: { username, email, name }, registered: { username, email, password, name }, createdAt: now, updatedAt: now }
}

/**
 * A user's record as a success body carries it; without a user (a forced response), the representative one.
 * `withPassword` picks the fields as registered (password included) over the password-less ones.
 * @example
 * userRecord(ctx, user, true) // { uniqueId: '…32 hex…', data: { username: 'alice', …, password: '…' }, createdAt: '2025-…Z', updatedAt: '2025-…Z' }
 */
export function userRecord(ctx: Ctx, user: RestedUser | undefined, withPassword: boolean): UserRecord {
  const u = user ?? representative(ctx)
  return { uniqueId: u.uniqueId, data: { ...(withPassword ? u.registered : u.data) }, createdAt: new Date(u.createdAt).toISOString(), updatedAt: new Date(u.updatedAt).toISOString() }
}
