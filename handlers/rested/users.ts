/**
 * What register and login answer about a user: `{ uniqueId, data }` with every registered field except the password
 * (contract: register page; the login body follows it — ASSUMPTION).
 */
import type { RestedUser } from './model.ts'

/** The representative user of forced responses (alice of the default project, without a live session). */
const REPRESENTATIVE_USER = {
  uniqueId: '00000000000000010000000000000001',
  data: { username: 'alice', email: 'alice@example.com', name: 'Alice Example' },
} as const

/**
 * The public view of a user; without one (a forced response), the representative user's.
 * @example
 * userRecord(user) // { uniqueId: '…32 hex…', data: { username: 'alice', email: 'alice@example.com', name: 'Alice Example' } }
 */
export function userRecord(user: RestedUser | undefined): { uniqueId: string; data: Record<string, unknown> } {
  const { uniqueId, data } = user ?? REPRESENTATIVE_USER
  return { uniqueId, data: { ...data } }
}
