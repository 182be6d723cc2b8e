/**
 * Dreadnode options: one declaration (see handlers/platform/options/options.ts) from which the config type, the defaults, the
 * docs and the JSON Schema derive. Every assumption of the provider that has an alternative is an option here.
 */
import { Type } from 'typebox'
import { defineOptions, HTTP_TOKEN_PATTERN, option, type ConfigOf } from '../platform/options/options.ts'
import { DREADNODE_JWT_SECRET } from '../../fixtures/dreadnode.ts'

/** A dotted numeric version, optionally with a pre-release or build suffix (`2.0.0`, `1.4`, `2.0.0-rc.1`). */
const VERSION = '^\\d+(\\.\\d+)*([-+][0-9A-Za-z.-]+)?$'

export const dreadnodeOptions = defineOptions({
  baseUrl: option(Type.String({ format: 'uri' }), 'https://app.dreadnode.io', 'Base URL intercepted in-process. Standalone: the server origin.'),
  unauthenticatedLogout: option(
    Type.Enum(['reject', 'idempotent']),
    'reject',
    'ASSUMPTION: logout without a valid access token: 401 (reject) or 200 clearing cookies (idempotent).',
  ),
  minClientVersion: option(Type.Union([Type.String({ pattern: VERSION }), Type.Null()]), null, 'Clients below this version get 426 (null: no minimum).'),
  clientVersionHeader: option(
    Type.Union([Type.String({ pattern: HTTP_TOKEN_PATTERN }), Type.Null()]),
    null,
    'Header holding the client version as a bare version; null reads User-Agent "dreadnode-sdk/<version>" or "dreadnode-cli/<version>".',
  ),
  rateLimit: option(Type.Integer({ minimum: 0 }), 60, 'ASSUMPTION: logout requests allowed per window (0: every logout is rate-limited).'),
  rateLimitWindowMs: option(Type.Integer({ minimum: 1 }), 60_000, 'ASSUMPTION: fixed window length in ms on the platform clock.'),
  rateLimitBy: option(Type.Enum(['ip', 'token']), 'ip', 'ASSUMPTION: count per client IP or per access token.'),
  accessTokenTtl: option(Type.Integer({ minimum: 1 }), 900, 'Lifetime of the access token and its cookie, seconds.'),
  refreshTokenTtl: option(Type.Integer({ minimum: 1 }), 604_800, 'Lifetime of the refresh token and its cookie, seconds.'),
  jwtSecret: option(Type.String({ minLength: 1 }), DREADNODE_JWT_SECRET, 'HS256 secret of the mock-issued JWT cookies.'),
  trustForwardedFor: option(Type.Boolean(), false, 'Take the client IP from X-Forwarded-For (to simulate several clients behind one socket).'),
  deviceAutoApprove: option(
    Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
    null,
    'ASSUMPTION: approve every new device code at once for this user (email, username or id); null waits for the approveDeviceCode action.',
  ),
  deviceCodeTtl: option(Type.Integer({ minimum: 1 }), 900, 'ASSUMPTION: device-code lifetime (expires_in) in seconds on the platform clock.'),
  deviceCodeInterval: option(Type.Integer({ minimum: 1 }), 5, 'ASSUMPTION: polling interval a device-code answer recommends, seconds.'),
  maxDeviceCodes: option(Type.Integer({ minimum: 1 }), 1000, 'Most device codes kept at once; expired ones go first, then the oldest.'),
  maxApiKeysPerUser: option(Type.Integer({ minimum: 1 }), 100, 'ASSUMPTION: most live API keys per user; minting beyond it is a 400.'),
  rotateOnExpiredAccess: option(
    Type.Boolean(),
    true,
    'ASSUMPTION (inferred from the v1 CLI): a call with an expired access_token cookie and a live refresh_token cookie succeeds and sets fresh cookies.',
  ),
  refreshBody: option(Type.Enum(['optional', 'required']), 'optional', 'ASSUMPTION: refresh without a JSON body is accepted (optional) or a 422 (required).'),
})

/** The resolved configuration (a named interface, so errors and hovers read `DreadnodeConfig`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DreadnodeConfig extends ConfigOf<typeof dreadnodeOptions> {}

