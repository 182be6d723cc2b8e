/**
 * Rested.dev options: one declaration (see handlers/platform/options.ts) from which the config type, the defaults,
 * the docs and the JSON Schema derive. Every assumption of the provider with an alternative is an option here.
 */
import { Type } from 'typebox'
import { defineOptions, option, type ConfigOf } from '../platform/options.ts'

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
    true,
    'ASSUMPTION: the logout 204 sends Set-Cookie clearing __Secure-rested-access-token (true: rested.logout.successClearingCookie; false: the documented cookie-less rested.logout.success).',
  ),
})

/** The resolved configuration (a named interface, so errors and hovers read `RestedConfig`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RestedConfig extends ConfigOf<typeof restedOptions> {}

export const restedDefaults: RestedConfig = restedOptions.defaults
