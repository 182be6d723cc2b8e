/**
 * Dreadnode's model: users, sessions (one per login, each with an access and a refresh JWT), revocations (inserted on
 * logout or rotation, looked up by session id), the logout rate limiter, pending device codes and API keys.
 */
import { createTable, type Table } from '../../model/table.ts'
import { createRevocations, type Revocations } from '../../model/revocations.ts'
import { createExpiringTable } from '../../model/expiring-table.ts'
import type { StoreLimits } from '../../model/limits.ts'
import { createRateLimiter, type RateLimiter } from '../platform/state/rate-limit.ts'
import { signJwt } from '../platform/crypto/jwt.ts'
import type { Clock } from '../platform/state/clock.ts'
import type { Random } from '../platform/state/random.ts'
import { dreadnodeUsers } from '../../fixtures/dreadnode.ts'
import type { DreadnodeConfig } from './config.ts'
import { createDeviceCodes, type DeviceCodes } from './device-codes.ts'
import { createApiKeys, personalApiKey, type ApiKeys } from './api-keys.ts'

export interface DreadnodeUser {
  id: string
  email: string
  username: string
  name: string
  password: string
  disabled: boolean
}

export interface DreadnodeSession {
  id: string
  userId: string
  createdAt: number
}

export interface DreadnodeState {
  users: Table<DreadnodeUser, 'id' | 'email'>
  sessions: Table<DreadnodeSession, 'id'>
  /** Revoked session ids (logout, or rotated away by a refresh). */
  revocations: Revocations
  limiter: RateLimiter
  deviceCodes: DeviceCodes
  apiKeys: ApiKeys
}

/**
 * The model at start (and after every reset): the fixture users, no sessions, device codes or API keys, an empty
 * rate-limit window.
 * @example
 * const state = await createDreadnodeState({ config: dreadnodeOptions.defaults, random: createRandom(1) })
 */
export async function createDreadnodeState({ config, random, limits }: { config: DreadnodeConfig; random: Random; limits: StoreLimits }): Promise<DreadnodeState> {
  const users = createTable<DreadnodeUser, 'id' | 'email'>(['id', 'email'])
  for (const u of dreadnodeUsers) await users.create({ ...u })
  const apiKeys = createApiKeys(random)
  // Every user has a personal key (v1's current-user body names it): it authenticates like a minted one.
  for (const u of dreadnodeUsers) {
    apiKeys.add({ id: u.id, key: personalApiKey(u.id, config.jwtSecret), userId: u.id, name: 'personal', allowSelfRevoke: false, createdAt: 0 })
  }
  return {
    users,
    // A session lives as long as its refresh token: after that neither of its JWTs is accepted.
    sessions: createExpiringTable<DreadnodeSession, 'id'>('dreadnode.sessions', ['id'], { limits, expiresAt: (s) => sessionExpiresAt(s, config) }),
    revocations: createRevocations('dreadnode.revocations', limits),
    limiter: createRateLimiter({ limit: config.rateLimit, windowMs: config.rateLimitWindowMs, maxKeys: limits.maxRecords }),
    deviceCodes: createDeviceCodes(random, config.maxDeviceCodes),
    apiKeys,
  }
}

/**
 * The current-user body: the v2 SDK's `User` field names, and the `api_key: {key}` v1's `UserResponse` requires
 * (dreadnode/api/models.py:24-33) — the user's personal key.
 * @example
 * publicUser(alice, config.jwtSecret) // {id, email_address: 'alice@example.com', username: 'alice', first_name: 'Alice', last_name: 'Example', full_name: 'Alice Example', api_key: {key: 'dn_key_…'}}
 */
export function publicUser(u: Pick<DreadnodeUser, 'id' | 'email' | 'username' | 'name'>, secret: string) {
  const [first, ...rest] = u.name.trim().split(/\s+/)
  return {
    id: u.id,
    email_address: u.email,
    username: u.username,
    first_name: first || null,
    last_name: rest.join(' ') || null,
    full_name: u.name,
    api_key: { key: personalApiKey(u.id, secret) },
  }
}

/** When a session's last token (the refresh token) expires, epoch ms. */
export function sessionExpiresAt(session: DreadnodeSession, config: DreadnodeConfig): number {
  return session.createdAt + config.refreshTokenTtl * 1000
}

export interface IssuedTokens {
  session: DreadnodeSession
  accessToken: string
  refreshToken: string
}

/** Starts a session for a user and signs its two JWTs. */
export async function startSession(state: DreadnodeState, user: DreadnodeUser, config: DreadnodeConfig, clock: Clock, random: Random): Promise<IssuedTokens> {
  const now = clock.now()
  const session = await state.sessions.create({ id: random.uuid(), userId: user.id, createdAt: now })
  const iat = Math.floor(now / 1000)
  const accessToken = signJwt({ sub: user.id, sid: session.id, typ: 'access', iat, exp: iat + config.accessTokenTtl }, config.jwtSecret)
  const refreshToken = signJwt({ sub: user.id, sid: session.id, typ: 'refresh', iat, exp: iat + config.refreshTokenTtl }, config.jwtSecret)
  return { session, accessToken, refreshToken }
}

/**
 * Tokens for forced responses: signed like real ones but for no session (and long expired), so they are the same
 * bytes on every call and get 401 if replayed.
 * @example
 * const { accessToken } = await sampleTokens(config)
 */
export async function sampleTokens(config: DreadnodeConfig): Promise<{ accessToken: string; refreshToken: string }> {
  const claims = { sub: dreadnodeUsers[0].id, sid: 'forced-sample', iat: 0 }
  return {
    accessToken: signJwt({ ...claims, typ: 'access', exp: config.accessTokenTtl }, config.jwtSecret),
    refreshToken: signJwt({ ...claims, typ: 'refresh', exp: config.refreshTokenTtl }, config.jwtSecret),
  }
}

/** The model as JSON for `/__mock/state` (passwords left out). */
export function snapshotDreadnode(state: DreadnodeState, clock: Clock) {
  return {
    users: state.users.all().map(({ password: _password, ...u }) => u),
    sessions: state.sessions.all().map((s) => ({ ...s, createdAt: new Date(s.createdAt).toISOString(), revoked: state.revocations.isRevoked(s.id) })),
    rateLimit: state.limiter.snapshot(clock.now()),
    deviceCodes: state.deviceCodes.all(clock.now()).map((c) => ({
      ...c,
      createdAt: new Date(c.createdAt).toISOString(),
      expiresAt: new Date(c.expiresAt).toISOString(),
    })),
    apiKeys: state.apiKeys.all().map((k) => ({ ...k, createdAt: new Date(k.createdAt).toISOString() })),
  }
}
