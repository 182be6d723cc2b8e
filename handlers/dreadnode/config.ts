/**
 * Dreadnode options and their defaults. Every assumption of docs/providers/dreadnode.md that has an alternative is here.
 */
import type { OptionDoc } from '../platform/types.ts'
import { DREADNODE_JWT_SECRET } from '../../fixtures/dreadnode.ts'

export interface DreadnodeConfig {
  /** In-process base URL (the vendor's). Standalone: the server's origin. */
  baseUrl: string
  /** ASSUMPTION: logout without a valid session is `reject`ed with 401, or answered `idempotent`ly with 200. */
  unauthenticatedLogout: 'reject' | 'idempotent'
  /** Minimum client version; requests from older SDKs get 426. `null`: no minimum (the default). */
  minClientVersion: string | null
  /** Header carrying the client version as a bare version; `null` reads `User-Agent: dreadnode-sdk/<v>` or `dreadnode-cli/<v>`. */
  clientVersionHeader: string | null
  /** ASSUMPTION: logout rate limit, requests per window. */
  rateLimit: number
  /** ASSUMPTION: rate-limit window length in ms (fixed window on the platform clock). */
  rateLimitWindowMs: number
  /** ASSUMPTION: what the limit counts by. */
  rateLimitBy: 'ip' | 'token'
  /** Lifetime of the access token and its cookie, seconds. */
  accessTokenTtl: number
  /** Lifetime of the refresh token and its cookie, seconds. */
  refreshTokenTtl: number
  jwtSecret: string
  /** Trust `X-Forwarded-For` for the client IP (to simulate several clients behind one socket). */
  trustForwardedFor: boolean
  /** ASSUMPTION: device codes are approved at once for this user (email, username or id); `null`: wait for `approveDeviceCode`. */
  deviceAutoApprove: string | null
  /** ASSUMPTION: device-code lifetime (`expires_in`), seconds on the platform clock. */
  deviceCodeTtl: number
  /** ASSUMPTION: the polling `interval` a device-code answer recommends, seconds. */
  deviceCodeInterval: number
  /** Most device codes kept at once (the oldest is dropped beyond it); expired ones are dropped first. */
  maxDeviceCodes: number
  /** ASSUMPTION: most live API keys per user; minting beyond it is a 400. */
  maxApiKeysPerUser: number
  /** ASSUMPTION: refresh's JSON body may be left out (`optional`), or its absence is a 422 (`required`). */
  refreshBody: 'optional' | 'required'
}

export const dreadnodeDefaults: DreadnodeConfig = {
  baseUrl: 'https://app.dreadnode.io',
  unauthenticatedLogout: 'reject',
  minClientVersion: null,
  clientVersionHeader: null,
  rateLimit: 60,
  rateLimitWindowMs: 60_000,
  rateLimitBy: 'ip',
  accessTokenTtl: 900,
  refreshTokenTtl: 604_800,
  jwtSecret: DREADNODE_JWT_SECRET,
  trustForwardedFor: false,
  deviceAutoApprove: null,
  deviceCodeTtl: 900,
  deviceCodeInterval: 5,
  maxDeviceCodes: 1000,
  maxApiKeysPerUser: 100,
  refreshBody: 'optional',
}

export const dreadnodeOptions: readonly OptionDoc[] = [
  { name: 'baseUrl', description: 'Base URL intercepted in-process (default https://app.dreadnode.io).' },
  { name: 'unauthenticatedLogout', description: 'ASSUMPTION: logout without a valid access token: 401 (reject) or 200 clearing cookies (idempotent).', values: ['reject', 'idempotent'] },
  { name: 'minClientVersion', description: 'Clients below this version get 426 (null: no minimum).' },
  { name: 'clientVersionHeader', description: 'Header holding the client version; null reads User-Agent "dreadnode-sdk/<version>" or "dreadnode-cli/<version>".' },
  { name: 'rateLimit', description: 'ASSUMPTION: logout requests allowed per window (default 60).' },
  { name: 'rateLimitWindowMs', description: 'ASSUMPTION: fixed window length on the platform clock (default 60000).' },
  { name: 'rateLimitBy', description: 'ASSUMPTION: count per client IP or per access token.', values: ['ip', 'token'] },
  { name: 'accessTokenTtl', description: 'Access token lifetime in seconds (default 900).' },
  { name: 'refreshTokenTtl', description: 'Refresh token lifetime in seconds (default 604800).' },
  { name: 'jwtSecret', description: 'HS256 secret of the mock-issued JWT cookies.' },
  { name: 'trustForwardedFor', description: 'Take the client IP from X-Forwarded-For (default false).' },
  { name: 'deviceAutoApprove', description: 'ASSUMPTION: approve every new device code at once for this user (email, username or id); null waits for the approveDeviceCode action.' },
  { name: 'deviceCodeTtl', description: 'ASSUMPTION: device-code lifetime (expires_in) in seconds on the platform clock (default 900).' },
  { name: 'deviceCodeInterval', description: 'ASSUMPTION: polling interval a device-code answer recommends, seconds (default 5).' },
  { name: 'maxDeviceCodes', description: 'Most device codes kept at once; expired ones go first, then the oldest (default 1000).' },
  { name: 'maxApiKeysPerUser', description: 'ASSUMPTION: most live API keys per user; minting beyond it is a 400 (default 100).' },
  { name: 'refreshBody', description: 'ASSUMPTION: refresh without a JSON body is accepted (optional) or a 422 (required).', values: ['optional', 'required'] },
]
