/**
 * Revocations as an append-only log: revoking inserts a record keyed by what it revokes (a session id, a token),
 * never an update, so logout and every "is this still valid?" check stay O(1) however many sessions exist. Every
 * provider that logs people out keeps one.
 *
 * A revocation matters only while what it revokes could still be accepted: the caller says until when (`until`, the
 * session's or token's own expiry), after which the record expires on the platform clock like any other
 * (model/expiring-table.ts, Map-based). Without `until`, only the store's cap bounds it. Revoking is on every logout's
 * hot path: an `@msw/data` insert (schema validation, hooks, events) measured 24 µs against 2.5 µs for a Map (100,000
 * inserts), a third of what a stateful logout added over a static answer.
 */
import { createExpiringTable } from './expiring-table.ts'
import type { StoreLimits } from './limits.ts'

export interface Revocation {
  /** The revoked session id or token. */
  readonly key: string
  /** Platform-clock time of the revocation, epoch ms. */
  readonly at: number
  /** Why, for `/__mock/state` (`logout`, `refresh`, …). */
  readonly reason: string
  /** When what it revokes would have expired anyway, epoch ms (`Infinity`: unknown). */
  readonly until: number
}

export interface Revocations {
  /** Revokes `key` (idempotent: the first revocation is kept); `until` is when `key` would expire by itself. */
  revoke(key: string, at: number, reason?: string, until?: number): Promise<void>
  isRevoked(key: string): boolean
  /** The revocation of `key`, if any. */
  get(key: string): Revocation | undefined
  count(): number
}

/**
 * @example
 * const revocations = createRevocations('dreadnode.revocations', limits)
 * await revocations.revoke(session.id, clock.now(), 'logout', session.expiresAt)
 * revocations.isRevoked(session.id) // true, until the session would have expired anyway
 */
export function createRevocations(name: string, limits: StoreLimits): Revocations {
  const table = createExpiringTable<Revocation, 'key'>(name, ['key'], { limits, expiresAt: (r) => r.until })
  return {
    async revoke(key, at, reason = 'logout', until = Infinity) {
      if (!table.get('key', key)) await table.create({ key, at, reason, until })
    },
    isRevoked: (key) => table.get('key', key) !== undefined,
    get: (key) => table.get('key', key),
    count: () => table.count(),
  }
}
