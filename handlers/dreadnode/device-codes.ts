/**
 * Pending device-code logins (the flow Dreadnode's CLI and SDKs use): a code pair handed to the device, approved for
 * a user by the person at the browser, exchanged once for tokens. Codes expire on the platform clock (`expires_in`);
 * the store never holds more than `maxDeviceCodes` (expired codes are dropped first, then the oldest).
 */
import type { Random } from '../platform/state/random.ts'

export interface DeviceCode {
  /** The code's record id (v1's `DeviceCodeResponse.id`, a UUID). */
  readonly id: string
  readonly deviceCode: string
  readonly userCode: string
  readonly createdAt: number
  readonly expiresAt: number
  /** The user who approved it, or null while pending. */
  approvedUserId: string | null
}

type DeviceCodeLookup = { kind: 'live'; code: DeviceCode } | { kind: 'expired' } | { kind: 'unknown' }

export interface DeviceCodes {
  create(now: number, ttlSeconds: number): DeviceCode
  /** By device code, or (with `by: 'userCode'`) by the code the person types; expired codes are dropped on sight. */
  find(value: string, now: number, by?: 'deviceCode' | 'userCode'): DeviceCodeLookup
  /** Removes a code (it was exchanged for tokens: single use). */
  consume(code: DeviceCode): void
  all(now: number): DeviceCode[]
}

/** RFC 8628 §6.1's user-code alphabet: no vowels, no look-alikes. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ'

/**
 * @example
 * const codes = createDeviceCodes(random, 1000)
 * const code = codes.create(clock.now(), 900)
 * codes.find(code.userCode, clock.now(), 'userCode').kind // 'live'
 */
export function createDeviceCodes(random: Random, max: number): DeviceCodes {
  // Insertion order is creation order, so the first entry is the oldest.
  const byDevice = new Map<string, DeviceCode>()
  const byUser = new Map<string, DeviceCode>()
  const drop = (code: DeviceCode) => {
    byDevice.delete(code.deviceCode)
    byUser.delete(code.userCode)
  }
  const pruneExpired = (now: number) => {
    for (const code of byDevice.values()) if (code.expiresAt <= now) drop(code)
  }
  return {
    create(now, ttlSeconds) {
      pruneExpired(now)
      while (byDevice.size >= Math.max(1, max)) drop(byDevice.values().next().value!)
      let userCode: string
      do userCode = `${random.string(4, USER_CODE_ALPHABET)}-${random.string(4, USER_CODE_ALPHABET)}`
      while (byUser.has(userCode))
      const code: DeviceCode = { id: random.uuid(), deviceCode: random.string(40), userCode, createdAt: now, expiresAt: now + ttlSeconds * 1000, approvedUserId: null }
      byDevice.set(code.deviceCode, code)
      byUser.set(code.userCode, code)
      return code
    },
    find(value, now, by = 'deviceCode') {
      const code = (by === 'userCode' ? byUser.get(value.toUpperCase()) : byDevice.get(value)) ?? undefined
      if (!code) return { kind: 'unknown' }
      if (code.expiresAt <= now) {
        drop(code)
        return { kind: 'expired' }
      }
      return { kind: 'live', code }
    },
    consume: drop,
    all(now) {
      pruneExpired(now)
      return [...byDevice.values()]
    },
  }
}
