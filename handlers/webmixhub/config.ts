/**
 * WebmixHub options: one declaration (see handlers/platform/options/options.ts) from which the config type, the defaults,
 * the docs and the JSON Schema derive. Every assumption of the provider that has an alternative is an option here.
 */
import { Type } from 'typebox'
import { defineOptions, option, type ConfigOf } from '../platform/options/options.ts'

export const webmixhubOptions = defineOptions({
  baseUrl: option(
    Type.String({ format: 'uri' }),
    'https://api.hub.webmix.app',
    'Base URL intercepted in-process (staging is https://api.hub.staging.webmix.app). Standalone: the server origin.',
  ),
  requireClientHeaders: option(
    Type.Boolean(),
    false,
    'ASSUMPTION: enforce x-locale, x-country, x-device-id, x-client-version, x-platform, x-platform-version on every request (400 VALIDATION_ERROR naming each missing or invalid one).',
  ),
  trustForwardedFor: option(Type.Boolean(), false, 'Take the client IP for the rate limit from X-Forwarded-For (first hop), to simulate several clients.'),
  rateLimit: option(Type.Integer({ minimum: 0 }), 30, 'Logout requests per client IP per window (documented: 30; 0: every logout is rate-limited).'),
  rateLimitWindowMs: option(Type.Integer({ minimum: 1 }), 3_600_000, 'Fixed window length in ms on the platform clock (documented: 1 hour).'),
  rateLimitHeaders: option(Type.Boolean(), true, 'ASSUMPTION: X-RateLimit-Limit/Remaining/Reset (epoch seconds) on every logout response.'),
  requestIdHeader: option(Type.Boolean(), true, 'ASSUMPTION: echo meta.requestId as an x-request-id response header.'),
  accessTokenTtl: option(Type.Integer({ minimum: 1 }), 3600, 'ASSUMPTION: access token lifetime in seconds.'),
  refreshTokenTtl: option(Type.Integer({ minimum: 1 }), 2_592_000, 'ASSUMPTION: refresh token lifetime in seconds (30 days).'),
  publicRouteToken: option(
    Type.Enum(['ignore', 'relogin']),
    'ignore',
    'ASSUMPTION: the optional x-token of the public routes (sign-in, sign-up) is never an error; "ignore" leaves its user alone, "relogin" counts a valid one as an authenticated request, so a logged-out user sending it is marked logged_in again.',
  ),
})

/** The resolved configuration (a named interface, so errors and hovers read `WebmixhubConfig`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WebmixhubConfig extends ConfigOf<typeof webmixhubOptions> {}

