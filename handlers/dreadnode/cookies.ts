/**
 * Dreadnode's auth cookies, `access_token` and `refresh_token` (DOC names; attributes ASSUMPTION, the same at login
 * and at clearing so browsers match and drop them).
 */
import { serializeCookie } from '../platform/http/cookies.ts'

export const ACCESS_COOKIE = 'access_token'
export const REFRESH_COOKIE = 'refresh_token'

const ATTRIBUTES = [['Path', '/'], 'HttpOnly', 'Secure', ['SameSite', 'Lax']] as const

/** `access_token=<jwt>; Max-Age=<ttl>; Path=/; HttpOnly; Secure; SameSite=Lax` */
export function issueCookie(name: string, value: string, maxAge: number): string {
  return serializeCookie(name, value, [['Max-Age', maxAge], ...ATTRIBUTES])
}

/** `access_token=""; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax` (the contract's exact clearing cookie). */
export function clearCookie(name: string): string {
  return serializeCookie(name, '""', [['Max-Age', 0], ...ATTRIBUTES])
}

/** The two clearing cookies every logout 200 sends. */
export const CLEARING_COOKIES: readonly string[] = [clearCookie(ACCESS_COOKIE), clearCookie(REFRESH_COOKIE)]
