/**
 * The access-token cookie `__Secure-rested-access-token` (DOC name). Attributes inferred from the `__Secure-` prefix
 * and cross-site credentialed use: `Secure; HttpOnly; SameSite=None; Path=/`; lifetime ASSUMPTION (`accessTokenTtl`).
 */
import { serializeCookie } from '../platform/http/cookies.ts'

export const ACCESS_COOKIE = '__Secure-rested-access-token'

/** `__Secure-rested-access-token=<t>; Max-Age=<ttl>; Path=/; Secure; HttpOnly; SameSite=None` */
export function issueAccessCookie(token: string, maxAge: number): string {
  return serializeCookie(ACCESS_COOKIE, token, [['Max-Age', maxAge], ['Path', '/'], 'Secure', 'HttpOnly', ['SameSite', 'None']])
}

/** The clearing cookie of the `clearCookieOnLogout` option: `__Secure-rested-access-token=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=None` */
export const CLEARING_COOKIE = serializeCookie(ACCESS_COOKIE, '', [['Max-Age', 0], ['Path', '/'], 'Secure', 'HttpOnly', ['SameSite', 'None']])
