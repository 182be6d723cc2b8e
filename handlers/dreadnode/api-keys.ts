/**
 * API keys (`X-API-Key: dn_key_…`, how Dreadnode's v2 SDK authenticates): minted by a logged-in user, revoked by
 * v2's logout when created self-revocable. Keys do not expire (the vendor states no lifetime); the store is bounded by
 * the fixed users times `maxApiKeysPerUser`, and a revoked key is deleted, so it is then unknown everywhere (401).
 */
import type { Random } from '../platform/state/random.ts'

export interface DreadnodeApiKey {
  readonly id: string
  readonly key: string
  readonly userId: string
  readonly name: string
  readonly allowSelfRevoke: boolean
  readonly createdAt: number
}

export interface ApiKeys {
  mint(input: { userId: string; name: string; allowSelfRevoke: boolean; now: number }): DreadnodeApiKey
  get(key: string): DreadnodeApiKey | undefined
  revoke(key: DreadnodeApiKey): void
  countFor(userId: string): number
  all(): DreadnodeApiKey[]
}

/** Prefix of every Dreadnode API key. */
export const API_KEY_PREFIX = 'dn_key_'

/**
 * @example
 * const keys = createApiKeys(random)
 * const { key } = keys.mint({ userId, name: 'ci', allowSelfRevoke: true, now: clock.now() })
 * keys.get(key)?.name // 'ci'
 */
export function createApiKeys(random: Random): ApiKeys {
  const byKey = new Map<string, DreadnodeApiKey>()
  const perUser = new Map<string, number>()
  return {
    mint({ userId, name, allowSelfRevoke, now }) {
      const record: DreadnodeApiKey = { id: random.uuid(), key: API_KEY_PREFIX + random.string(40), userId, name, allowSelfRevoke, createdAt: now }
      byKey.set(record.key, record)
      perUser.set(userId, (perUser.get(userId) ?? 0) + 1)
      return record
    },
    get: (key) => byKey.get(key),
    revoke(record) {
      if (byKey.delete(record.key)) perUser.set(record.userId, (perUser.get(record.userId) ?? 1) - 1)
    },
    countFor: (userId) => perUser.get(userId) ?? 0,
    all: () => [...byKey.values()],
  }
}
