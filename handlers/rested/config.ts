/**
 * Rested.dev options and their defaults. Every assumption with an alternative is an option; docs/providers/rested.md
 * states each one.
 */
import type { OptionDoc } from '../platform/types.ts'

export interface RestedConfig {
  /** In-process base URL (the vendor's). Standalone: the server's origin. */
  baseUrl: string
  /** ASSUMPTION: logout without a usable token is `reject`ed with 401, or answered `idempotent`ly with 204. */
  unauthenticatedLogout: 'reject' | 'idempotent'
  /** ASSUMPTION: error bodies as `application/json` `{"message": …}` or as `text/plain` reason text. */
  errorFormat: 'json' | 'text'
  /** ASSUMPTION: access-token lifetime in seconds, both the cookie's `Max-Age` and the server-side expiry. */
  accessTokenTtl: number
  /** ASSUMPTION: the logout 204 also sends a cookie-clearing `Set-Cookie` (the doc says "Cookies: None": off by default). */
  clearCookieOnLogout: boolean
  /** ASSUMPTION: login and the logged-in-user GET return the stored record with the password, as register's example does. */
  passwordInLoginBodies: boolean
  /** ASSUMPTION: which documented 401 reason a revoked (logged-out) token gets on the logged-in-user GET. */
  revokedTokenReason: 'invalidCredentials' | 'tokenExpired'
}

export const restedDefaults: RestedConfig = {
  baseUrl: 'https://app.rested.dev',
  unauthenticatedLogout: 'reject',
  errorFormat: 'json',
  accessTokenTtl: 3600,
  clearCookieOnLogout: false,
  passwordInLoginBodies: true,
  revokedTokenReason: 'invalidCredentials',
}

export const restedOptions: readonly OptionDoc[] = [
  { name: 'baseUrl', description: 'Base URL intercepted in-process (default https://app.rested.dev). Standalone: the server origin.' },
  {
    name: 'unauthenticatedLogout',
    description: 'ASSUMPTION: logout with no, unknown, expired or revoked token: 401 {"message"} (reject) or 204 (idempotent).',
    values: ['reject', 'idempotent'],
  },
  {
    name: 'errorFormat',
    description:
      'ASSUMPTION: error body as application/json {"message": "<reason>"} (json) or text/plain "<reason>" (text). The catalogue, /__mock/catalogue and the OpenAPI document describe json, the default: with text, every error entry answers its status as text/plain, not the declared content type and schema.',
    values: ['json', 'text'],
  },
  { name: 'accessTokenTtl', description: 'ASSUMPTION: access token lifetime in seconds: cookie Max-Age and server-side expiry (default 3600).' },
  {
    name: 'clearCookieOnLogout',
    description:
      'ASSUMPTION: the logout 204 also sends Set-Cookie clearing __Secure-rested-access-token (true: rested.logout.successClearingCookie). Default false: the documented cookie-less rested.logout.success ("Cookies: None").',
    values: ['false', 'true'],
  },
  {
    name: 'passwordInLoginBodies',
    description:
      'ASSUMPTION: login and the logged-in-user GET return the stored record with the password inside data, as the register example does (default true); false leaves it out of those two (register always echoes it, as documented).',
    values: ['true', 'false'],
  },
  {
    name: 'revokedTokenReason',
    description:
      'ASSUMPTION: the documented 401 reason a logged-out (revoked) token gets on the logged-in-user GET: "Invalid credentials" (invalidCredentials, default) or "Token expired" (tokenExpired).',
    values: ['invalidCredentials', 'tokenExpired'],
  },
]
