/**
 * API keys (`X-API-Key: dn_key_…`, how Dreadnode's v2 SDK authenticates): minted by a logged-in user, revoked by
 * v2's logout when created self-revocable. Keys do not expire (the vendor states no lifetime); the store is bounded by
 * the fixed users times `maxApiKeysPerUser`, and a revoked key is deleted, so it is then unknown everywhere (401).
 */
import type { Random } from '../platform/state/random.ts'
import { hmacSha256 } from '../platform/crypto/hmac-sha256.ts'

export interface DreadnodeApiKey {
  readonly id: string
  readonly key: string
  readonly userId: string
  readonly name: string
  readonly allowSelfRevoke: boolean
  readonly createdAt: number
}

export interface ApiKeys {
  /** Stores a key made elsewhere (a user's personal key), outside the per-user count of minted keys. */
  add(record: DreadnodeApiKey): void
  mint(input: { userId: string; name: string; allowSelfRevoke: boolean; now: number }): DreadnodeApiKey
  get(key: string): DreadnodeApiKey | undefined
  revoke(key: DreadnodeApiKey): void
  countFor(userId: string): number
  all(): DreadnodeApiKey[]
}

/** Prefix of every Dreadnode API key. */
export const API_KEY_PREFIX = 'dn_key_'

/**
 * A user's personal API key, the `api_key.key` of the current-user body that v1's `dreadnode login` stores
 * (dreadnode/cli/main.py:103-143): derived from the user id and the JWT secret, so it is the same after every reset
 * and on every replica.
 * @example
 * personalApiKey('00000000-0000-4000-8000-000000000001', 'dreadnode-mock-secret') // 'dn_key_…' (40 hex digits)
 */
export function personalApiKey(userId: string, secret: string): string {
  const mac = hmacSha256(secret, new TextEncoder().encode(`personal-api-key:${userId}`))
  return API_KEY_PREFIX + [...mac].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 40)
}

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
    add(record) {
      byKey.set(record.key, record)
    },
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
