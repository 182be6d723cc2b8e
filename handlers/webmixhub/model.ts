/**
 * WebmixHub's model: tenants (looked up by `x-tenant-token`), users per tenant with their capability restrictions,
 * each user's status, and the logout rate limiter. Tokens are not stored: logout does not invalidate them (DOC), so a
 * token is verified by its tenant's signature and resolved to its user through the `id` index.
 *
 * A status changes on most logout, me and signin requests, and guest sign-ins add users without bound, so it lives in
 * a map by user id, not in the user record: an @msw/data update scans the whole collection (model/table.ts).
 */
import { createTable, type Table } from '../../model/table.ts'
import { createExpiringTable } from '../../model/expiring-table.ts'
import type { StoreLimits } from '../../model/limits.ts'
import { createRateLimiter, type RateLimiter } from '../platform/state/rate-limit.ts'
import { signJwt } from '../platform/crypto/jwt.ts'
import type { Clock } from '../platform/state/clock.ts'
import type { Random } from '../platform/state/random.ts'
import { webmixhubTenants, webmixhubUsers, type WebmixhubCapability } from '../../fixtures/webmixhub.ts'
import type { WebmixhubConfig } from './config.ts'

type UserStatus = 'logged_in' | 'logged_out'
export type SigninMethod = 'password' | 'google' | 'facebook' | 'apple' | 'otp' | 'guest'

export interface WebmixhubTenant {
  token: string
  id: string
  name: string
  jwtSecret: string
  restrictedCapabilities: WebmixhubCapability[]
}

export interface WebmixhubUser {
  id: string
  tenantId: string
  /** Unique per tenant: `<tenantId>|email:<email>` or `<tenantId>|<method>:<subject>` for users without an email. */
  login: string
  email: string | null
  /** Only for users created with a password (the fixtures). */
  password: string | null
  restrictedCapabilities: WebmixhubCapability[]
  /** How the user was created. */
  createdWith: SigninMethod | 'fixture'
  /** Platform-clock time of creation, epoch ms. */
  createdAt: number
}

export interface WebmixhubState {
  tenants: Table<WebmixhubTenant, 'token' | 'id'>
  users: Table<WebmixhubUser, 'id' | 'login'>
  /** User id → status; a user without an entry has never signed in since the last reset: `logged_out`. */
  statuses: Map<string, UserStatus>
  limiter: RateLimiter
}

/** The per-tenant unique login key of an email address. */
export const emailLogin = (tenantId: string, email: string) => `${tenantId}|email:${email.toLowerCase()}`

/**
 * Builds the model from the fixtures (called at start and on every reset); every fixture user starts `logged_out`.
 * @example
 * const state = await createWebmixhubState(webmixhubOptions.defaults, storeLimits(clock))
 * state.tenants.get('token', 'demo-tenant-token')?.id // 'tnt_demo'
 */
export async function createWebmixhubState(config: WebmixhubConfig, limits: StoreLimits): Promise<WebmixhubState> {
  const tenants = createTable<WebmixhubTenant, 'token' | 'id'>(['token', 'id'])
  for (const t of webmixhubTenants) await tenants.create({ ...t, restrictedCapabilities: [...t.restrictedCapabilities] })
  const statuses = new Map<string, UserStatus>()
  // Users made by social, OTP or guest sign-in are bounded by the store's cap (fixtures are never evicted); a guest
  // account is good only for its tokens, so it goes when its refresh token has expired. Its status goes with it.
  const users = createExpiringTable<WebmixhubUser, 'id' | 'login'>('webmixhub.users', ['id', 'login'], {
    limits,
    expiresAt: (u) => (u.createdWith === 'guest' ? u.createdAt + config.refreshTokenTtl * 1000 : Infinity),
    pinned: (u) => u.createdWith === 'fixture',
    onRemove: (u) => statuses.delete(u.id),
  })
  for (const u of webmixhubUsers) {
    const tenant = tenants.get('token', u.tenantToken)!
    await users.create({
      id: u.id,
      tenantId: tenant.id,
      login: emailLogin(tenant.id, u.email),
      email: u.email,
      password: u.password,
      restrictedCapabilities: [...u.restrictedCapabilities],
      createdWith: 'fixture',
      createdAt: 0,
    })
  }
  return { tenants, users, statuses, limiter: createRateLimiter({ limit: config.rateLimit, windowMs: config.rateLimitWindowMs, maxKeys: limits.maxRecords }) }
}

export interface IssuedTokens {
  accessToken: string
  refreshToken: string
}

/**
 * A user a sign-in or a sign-up creates in a tenant (ids and time from the platform's random and clock).
 * @example
 * const user = await createUser(ctx.state, ctx, { tenantId, login, email: 'dave@example.com', password: 'pw-12345', createdWith: 'password' })
 */
export function createUser(
  state: WebmixhubState,
  platform: { readonly random: Random; readonly clock: Clock },
  fields: Pick<WebmixhubUser, 'tenantId' | 'login' | 'email' | 'password'> & { createdWith: SigninMethod },
): Promise<WebmixhubUser> {
  const { tenantId, login, email, password, createdWith } = fields
  return state.users.create({ id: platform.random.uuid(), tenantId, login, email, password, restrictedCapabilities: [], createdWith, createdAt: platform.clock.now() })
}

/**
 * Signs the user's access and refresh JWTs with the tenant's secret (`sub`, `tid`, `iat`, `exp`, plus `typ` and `jti`).
 * @example
 * const { accessToken } = await issueTokens(user.id, tenant, config, clock, random)
 */
export async function issueTokens(
  userId: string,
  tenant: Pick<WebmixhubTenant, 'id' | 'jwtSecret'>,
  config: WebmixhubConfig,
  clock: Clock,
  random: Random,
): Promise<IssuedTokens> {
  const iat = Math.floor(clock.now() / 1000)
  const base = { sub: userId, tid: tenant.id, iat }
  const accessToken = signJwt({ ...base, exp: iat + config.accessTokenTtl, typ: 'access', jti: random.hex(16) }, tenant.jwtSecret)
  const refreshToken = signJwt({ ...base, exp: iat + config.refreshTokenTtl, typ: 'refresh', jti: random.hex(16) }, tenant.jwtSecret)
  return { accessToken, refreshToken }
}

/**
 * Moves a user to `status` (O(1), whatever the number of users).
 * @example
 * setStatus(state, user, 'logged_out')
 */
export function setStatus(state: WebmixhubState, user: WebmixhubUser, status: UserStatus): void {
  state.statuses.set(user.id, status)
}

/** The user's current status. */
const statusOf = (state: WebmixhubState, user: WebmixhubUser): UserStatus => state.statuses.get(user.id) ?? 'logged_out'

/** The public view of a user: `data.user` of signin, `data` of `/auth/me`. */
export interface PublicUser {
  readonly id: string
  readonly email: string | null
  readonly status: UserStatus
}

/**
 * The public view of a user with its current status.
 * @example
 * publicUser(state, user) // { id: '00000000-0000-4000-8000-000000001001', email: 'alice@example.com', status: 'logged_in' }
 */
export function publicUser(state: WebmixhubState, user: WebmixhubUser): PublicUser {
  return { id: user.id, email: user.email, status: statusOf(state, user) }
}

/**
 * The model as JSON for `/__mock/state` (no passwords, no secrets).
 * @example
 * snapshotWebmixhub(state, clock).users.find((u) => u.email === 'alice@example.com')?.status // 'logged_out'
 */
export function snapshotWebmixhub(state: WebmixhubState, clock: Clock) {
  const tokenOf = new Map(state.tenants.all().map((t) => [t.id, t.token]))
  return {
    tenants: state.tenants.all().map((t) => ({ token: t.token, id: t.id, name: t.name, restrictedCapabilities: t.restrictedCapabilities })),
    users: state.users.all().map((u) => ({
      id: u.id,
      tenant: tokenOf.get(u.tenantId),
      email: u.email,
      status: statusOf(state, u),
      restrictedCapabilities: u.restrictedCapabilities,
      createdWith: u.createdWith,
    })),
    rateLimit: state.limiter.snapshot(clock.now()),
  }
}
