/**
 * Rested.dev options and their defaults. Every ASSUMPTION of contracts/rested.md with an alternative is an option.
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
  /** ASSUMPTION: the logout 204 also sends a cookie-clearing `Set-Cookie` (the doc says "Cookies: None"). */
  clearCookieOnLogout: boolean
}

export const restedDefaults: RestedConfig = {
  baseUrl: 'https://app.rested.dev',
  unauthenticatedLogout: 'reject',
  errorFormat: 'json',
  accessTokenTtl: 3600,
  clearCookieOnLogout: true,
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
      'ASSUMPTION: the logout 204 sends Set-Cookie clearing __Secure-rested-access-token (default true: rested.logout.successClearingCookie; false: the documented cookie-less rested.logout.success).',
  },
]
