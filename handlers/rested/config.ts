/**
 * Rested.dev options: one declaration (see handlers/platform/options/options.ts) from which the config type, the defaults,
 * the docs and the JSON Schema derive. Every assumption of the provider with an alternative is an option here;
 * docs/providers/rested.md states each one.
 */
import { Type } from 'typebox'
import { defineOptions, option, type ConfigOf } from '../platform/options/options.ts'

export const restedOptions = defineOptions({
  baseUrl: option(Type.String({ format: 'uri' }), 'https://app.rested.dev', 'Base URL intercepted in-process. Standalone: the server origin.'),
  unauthenticatedLogout: option(
    Type.Enum(['reject', 'idempotent']),
    'reject',
    'ASSUMPTION: logout with no, unknown, expired or revoked token: 401 {"message"} (reject) or 204 (idempotent).',
  ),
  errorFormat: option(
    Type.Enum(['json', 'text']),
    'json',
    'ASSUMPTION: error body as application/json {"message": "<reason>"} (json) or text/plain "<reason>" (text). The catalogue, /__mock/catalogue and the OpenAPI document describe json, the default: with text, every error entry answers its status as text/plain, not the declared content type and schema.',
  ),
  accessTokenTtl: option(Type.Integer({ minimum: 1 }), 3600, 'ASSUMPTION: access token lifetime in seconds: cookie Max-Age and server-side expiry.'),
  clearCookieOnLogout: option(
    Type.Boolean(),
    false,
    'ASSUMPTION: the logout 204 also sends Set-Cookie clearing __Secure-rested-access-token (true: rested.logout.successClearingCookie). Default false: the documented cookie-less rested.logout.success ("Cookies: None").',
  ),
  passwordInLoginBodies: option(
    Type.Boolean(),
    true,
    'ASSUMPTION: login and the logged-in-user GET return the stored record with the password inside data, as the register example does; false leaves it out of those two (register always echoes it, as documented).',
  ),
  revokedTokenReason: option(
    Type.Enum(['invalidCredentials', 'tokenExpired']),
    'invalidCredentials',
    'ASSUMPTION: the documented 401 reason a logged-out (revoked) token gets on the logged-in-user GET: "Invalid credentials" (invalidCredentials) or "Token expired" (tokenExpired).',
  ),
})

/** The resolved configuration (a named interface, so errors and hovers read `RestedConfig`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RestedConfig extends ConfigOf<typeof restedOptions> {}

