/**
 * WebmixHub options and their defaults. Every assumption that has an alternative is here;
 * docs/providers/webmixhub.md states each one.
 */
import type { OptionDoc } from '../platform/types.ts'

export interface WebmixhubConfig {
  /** In-process base URL (production `https://api.hub.webmix.app`). Standalone: the server's origin. */
  baseUrl: string
  /** ASSUMPTION: enforce the six "required on all requests" client headers (400 VALIDATION_ERROR when one is missing). */
  requireClientHeaders: boolean
  /** Take the client IP (rate-limit key) from X-Forwarded-For's first hop, to simulate several clients. */
  trustForwardedFor: boolean
  /** Logout requests allowed per client IP per window (DOC: 30). */
  rateLimit: number
  /** Fixed rate-limit window in ms, on the platform clock (DOC: 1 hour). */
  rateLimitWindowMs: number
  /** ASSUMPTION: send `X-RateLimit-Limit/Remaining/Reset` on every logout response. */
  rateLimitHeaders: boolean
  /** ASSUMPTION: echo `meta.requestId` as an `x-request-id` response header. */
  requestIdHeader: boolean
  /** ASSUMPTION: access token lifetime, seconds. */
  accessTokenTtl: number
  /** ASSUMPTION: refresh token lifetime, seconds. */
  refreshTokenTtl: number
  /** ASSUMPTION: a valid x-token sent to a public route is `ignore`d, or counts (`relogin`) and marks its user logged in again. */
  publicRouteToken: 'ignore' | 'relogin'
}

export const webmixhubDefaults: WebmixhubConfig = {
  baseUrl: 'https://api.hub.webmix.app',
  requireClientHeaders: false,
  trustForwardedFor: false,
  rateLimit: 30,
  rateLimitWindowMs: 3_600_000,
  rateLimitHeaders: true,
  requestIdHeader: true,
  accessTokenTtl: 3600,
  refreshTokenTtl: 2_592_000,
  publicRouteToken: 'ignore',
}

export const webmixhubOptions: readonly OptionDoc[] = [
  { name: 'baseUrl', description: 'Base URL intercepted in-process (default https://api.hub.webmix.app; staging is https://api.hub.staging.webmix.app).' },
  {
    name: 'requireClientHeaders',
    description:
      'ASSUMPTION: enforce x-locale, x-country, x-device-id, x-client-version, x-platform, x-platform-version on every request (400 VALIDATION_ERROR naming each missing or invalid one). Default false.',
    values: ['false', 'true'],
  },
  { name: 'trustForwardedFor', description: 'Take the client IP for the rate limit from X-Forwarded-For (first hop). Default false.', values: ['false', 'true'] },
  { name: 'rateLimit', description: 'Logout requests per client IP per window (documented: 30).' },
  { name: 'rateLimitWindowMs', description: 'Fixed window length on the platform clock (documented: 1 hour = 3600000).' },
  { name: 'rateLimitHeaders', description: 'ASSUMPTION: X-RateLimit-Limit/Remaining/Reset (epoch seconds) on every logout response. Default true.', values: ['true', 'false'] },
  { name: 'requestIdHeader', description: 'ASSUMPTION: echo meta.requestId as x-request-id. Default true.', values: ['true', 'false'] },
  { name: 'accessTokenTtl', description: 'ASSUMPTION: access token lifetime in seconds (default 3600).' },
  { name: 'refreshTokenTtl', description: 'ASSUMPTION: refresh token lifetime in seconds (default 2592000, 30 days).' },
  {
    name: 'publicRouteToken',
    description:
      'ASSUMPTION: the optional x-token of the public routes (sign-in, sign-up) is never an error; "ignore" (default) leaves its user alone, "relogin" counts a valid one as an authenticated request, so a logged-out user sending it is marked logged_in again.',
    values: ['ignore', 'relogin'],
  },
]
