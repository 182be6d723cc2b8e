/**
 * Who is calling: reads the `access_token` (or `refresh_token`) cookie, or the `X-API-Key` header, tells a malformed
 * cookie (422) from a missing, expired, revoked or forged one (401), and finds the user behind a valid one.
 */
import { parseCookies } from '../platform/http/cookies.ts'
import { decodeJwt, verifyAccessJwt } from '../platform/crypto/jwt.ts'
import { bearerToken } from '../platform/http/authorization.ts'
import type { RequestContext } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import { sessionExpiresAt, startSession, type DreadnodeSession, type DreadnodeState, type DreadnodeUser } from './model.ts'
import { ACCESS_COOKIE, REFRESH_COOKIE } from './cookies.ts'
import type { ValidationItem } from './envelope.ts'
import type { DreadnodeApiKey } from './api-keys.ts'

export type Ctx = RequestContext<DreadnodeState, DreadnodeConfig>

export type Caller =
  | { kind: 'ok'; user: DreadnodeUser; session: DreadnodeSession; token: string }
  | { kind: 'key'; user: DreadnodeUser; apiKey: DreadnodeApiKey }
  | { kind: 'missing' }
  | { kind: 'malformed'; cookie: string }
  | { kind: 'invalid'; reason: 'expired' | 'revoked' | 'signature' | 'claims' | 'unknown-session' | 'wrong-type' | 'unknown-key' }

/** The header Dreadnode's SDKs send their API key in. */
export const API_KEY_HEADER = 'X-API-Key'

/**
 * The token from the request's cookie; the access token may also come as `Authorization: Bearer` (the SDK's API style).
 * @example
 * tokenFrom(ctx, 'access_token') // 'eyJ…' or undefined
 */
export function tokenFrom(ctx: Ctx, cookie: typeof ACCESS_COOKIE | typeof REFRESH_COOKIE): string | undefined {
  const value = parseCookies(ctx.request.headers.get('cookie'))[cookie]
  if (value !== undefined && value !== '' && value !== '""') return value
  return cookie === ACCESS_COOKIE ? bearerToken(ctx.request.headers) : undefined
}

/**
 * The FastAPI-style validation items for cookies present but not JWTs, in the order given (checked before
 * authentication: FastAPI validates parameters first).
 * @example
 * cookieErrors(ctx, ['access_token']) // [{loc: ['cookie', 'access_token'], msg: 'Malformed token: not a JWT', type: 'value_error.jwt'}]
 */
export function cookieErrors(ctx: Ctx, names: readonly string[]): ValidationItem[] {
  const cookies = parseCookies(ctx.request.headers.get('cookie'))
  return names
    .filter((n) => cookies[n] !== undefined && cookies[n] !== '' && cookies[n] !== '""' && decodeJwt(cookies[n]) === null)
    .map((n) => ({ loc: ['cookie', n], msg: 'Malformed token: not a JWT', type: 'value_error.jwt' }))
}

/**
 * The `X-API-Key` header's value, if sent and not empty.
 * @example
 * apiKeyFrom(ctx) // 'dn_key_…' or undefined
 */
export function apiKeyFrom(ctx: Ctx): string | undefined {
  return ctx.request.headers.get(API_KEY_HEADER)?.trim() || undefined
}

/**
 * Authenticates with the `X-API-Key` header only (v2's key-revoking logout).
 * @example
 * const caller = authenticateApiKey(ctx)
 * if (caller.kind === 'key') caller.apiKey.allowSelfRevoke
 */
export function authenticateApiKey(ctx: Ctx): Caller {
  const key = apiKeyFrom(ctx)
  if (key === undefined) return { kind: 'missing' }
  const apiKey = ctx.state.apiKeys.get(key)
  const user = apiKey && ctx.state.users.get('id', apiKey.userId)
  if (!apiKey || !user) return { kind: 'invalid', reason: 'unknown-key' }
  return { kind: 'key', user, apiKey }
}

/**
 * Authenticates with the token (cookie, or Bearer for the access token) when one is sent, else with `X-API-Key`
 * (ASSUMPTION: a sent token wins over a key; see docs/providers/dreadnode.md#assumptions).
 * @example
 * const caller = authenticateTokenOrKey(ctx, 'access_token')
 * if (caller.kind === 'ok' || caller.kind === 'key') caller.user.email
 */
export function authenticateTokenOrKey(ctx: Ctx, cookie: typeof ACCESS_COOKIE | typeof REFRESH_COOKIE): Caller {
  if (tokenFrom(ctx, cookie) === undefined && apiKeyFrom(ctx) !== undefined) return authenticateApiKey(ctx)
  return authenticate(ctx, cookie)
}

/**
 * Authenticates with one of the two tokens.
 * @example
 * const caller = authenticate(ctx, 'access_token')
 * if (caller.kind === 'ok') caller.user.email
 */
export function authenticate(ctx: Ctx, cookie: typeof ACCESS_COOKIE | typeof REFRESH_COOKIE): Caller {
  const token = tokenFrom(ctx, cookie)
  if (token === undefined) return { kind: 'missing' }
  const verdict = verifyAccessJwt(token, ctx.config.jwtSecret, { typ: cookie === ACCESS_COOKIE ? 'access' : 'refresh', now: ctx.clock.now() })
  if (!verdict.ok) {
    if (verdict.reason === 'malformed') return { kind: 'malformed', cookie }
    if (verdict.reason === 'expired' || verdict.reason === 'wrong-type') return { kind: 'invalid', reason: verdict.reason }
    return { kind: 'invalid', reason: verdict.reason === 'no-expiry' ? 'claims' : 'signature' }
  }
  const { claims } = verdict
  const session = typeof claims.sid === 'string' ? ctx.state.sessions.get('id', claims.sid) : undefined
  if (!session) return { kind: 'invalid', reason: 'unknown-session' }
  if (ctx.state.revocations.isRevoked(session.id)) return { kind: 'invalid', reason: 'revoked' }
  const user = ctx.state.users.get('id', session.userId)
  if (!user) return { kind: 'invalid', reason: 'unknown-session' }
  return { kind: 'ok', user, session, token }
}

/** A caller whose expired access cookie was rotated: the new session's two tokens go back as Set-Cookie. */
export type RotatedCaller = Extract<Caller, { kind: 'ok' }> & { rotated: { accessToken: string; refreshToken: string } }

/**
 * Cookie rotation (option `rotateOnExpiredAccess`, inferred from the v1 CLI, dreadnode/cli/api.py:44-80): when the
 * `access_token` *cookie* has expired and the `refresh_token` cookie is valid and its session live, the call goes
 * through as that user on a new session (the old one is revoked, as a refresh does) and the caller gets both new
 * tokens to set. A logged-out session never rotates (its refresh token is revoked with it). Returns null when there
 * is nothing to rotate.
 * @example
 * const rotated = await rotateExpiredAccess(ctx, caller)
 * if (rotated) return { behaviour: 'rotated', detail: rotated }
 */
export async function rotateExpiredAccess(ctx: Ctx, caller: Caller): Promise<RotatedCaller | null> {
  if (!ctx.config.rotateOnExpiredAccess || caller.kind !== 'invalid' || caller.reason !== 'expired') return null
  const cookies = parseCookies(ctx.request.headers.get('cookie'))
  // Only a cookie session rotates: a Bearer token has no refresh cookie beside it.
  if (cookies[ACCESS_COOKIE] === undefined || tokenFrom(ctx, ACCESS_COOKIE) !== cookies[ACCESS_COOKIE]) return null
  const refresh = authenticate(ctx, REFRESH_COOKIE)
  if (refresh.kind !== 'ok') return null
  const now = ctx.clock.now()
  await ctx.state.revocations.revoke(refresh.session.id, now, 'rotation', sessionExpiresAt(refresh.session, ctx.config))
  const tokens = await startSession(ctx.state, refresh.user, ctx.config, ctx.clock, ctx.random)
  return { kind: 'ok', user: refresh.user, session: tokens.session, token: tokens.accessToken, rotated: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken } }
}

/**
 * Compares dotted versions numerically: -1, 0 or 1.
 * @example
 * compareVersions('1.9.3', '2.0') // -1
 */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0)
  const pb = b.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return 0
}

/**
 * The caller's client version, from the configured header or `User-Agent: dreadnode-sdk/<v>` (or the older CLI's
 * `dreadnode-cli/<v>`).
 * @example
 * clientVersion(ctx) // '1.17.1' for User-Agent "dreadnode-cli/1.17.1"
 */
function clientVersion(ctx: Ctx): string | undefined {
  if (ctx.config.clientVersionHeader) return ctx.request.headers.get(ctx.config.clientVersionHeader)?.trim() || undefined
  return ctx.request.headers.get('user-agent')?.match(/dreadnode-(?:sdk|cli)\/(\d+(?:\.\d+)*)/i)?.[1]
}

/**
 * True when a minimum is configured and the caller reports an older version.
 * @example
 * if (belowMinimumVersion(ctx)) return { behaviour: 'upgradeRequired' }
 */
export function belowMinimumVersion(ctx: Ctx): boolean {
  const min = ctx.config.minClientVersion
  if (!min) return false
  const v = clientVersion(ctx)
  return v !== undefined && compareVersions(v, min) < 0
}
