/**
 * Revocations as an append-only log: revoking inserts a record indexed by what it revokes (a session id, a token),
 * never an update, so logout and every "is this still valid?" check stay O(1) however many sessions exist
 * (`@msw/data` updates scan the collection). Every provider that logs people out keeps one.
 */
import { createTable } from './table.ts'

export interface Revocation {
  /** The revoked session id or token. */
  readonly key: string
  /** Platform-clock time of the revocation, epoch ms. */
  readonly at: number
  /** Why, for `/__mock/state` (`logout`, `refresh`, …). */
  readonly reason: string
}

export interface Revocations {
  /** Revokes `key` (idempotent: the first revocation is kept). */
  revoke(key: string, at: number, reason?: string): Promise<void>
  isRevoked(key: string): boolean
  /** The revocation of `key`, if any. */
  get(key: string): Revocation | undefined
  count(): number
}

/**
 * @example
 * const revocations = createRevocations()
 * await revocations.revoke(session.id, clock.now(), 'logout')
 * revocations.isRevoked(session.id) // true
 */
export function createRevocations(): Revocations {
  const table = createTable<Revocation, 'key'>(['key'])
  return {
    async revoke(key, at, reason = 'logout') {
      if (!table.get('key', key)) await table.create({ key, at, reason })
    },
    isRevoked: (key) => table.get('key', key) !== undefined,
    get: (key) => table.get('key', key),
    count: () => table.count(),
  }
}
