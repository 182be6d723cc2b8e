/**
 * Kratos's model: identities (indexed by id, email and username), sessions (indexed by id, session token, logout
 * token and cookie value), the platform's revocation log keyed by session id (revoking is an insert, never a scan),
 * login flows and the errors browsers are redirected to. Sessions are never updated in place.
 */
import { approximateBytes } from '../../model/byte-size.ts'
import { createRevocations, type Revocations } from '../../model/revocations.ts'
import { createTable, type Table } from '../../model/table.ts'
import { createExpiringTable } from '../../model/expiring-table.ts'
import type { StoreLimits } from '../../model/limits.ts'
import type { Clock } from '../platform/state/clock.ts'
import type { Random } from '../platform/state/random.ts'
import { kratosIdentities, type KratosFixtureIdentity } from '../../fixtures/kratos.ts'
import type { KratosConfig } from './config.ts'
import { deriveSite, type KratosSite } from './site.ts'

export interface KratosIdentity {
  id: string
  email: string
  username: string
  name: string
  password: string
  addressId: string
  createdAt: string
}

export interface KratosSession {
  id: string
  identityId: string
  /** `ory_st_…`: X-Session-Token / Bearer, and what the cookie stands for. */
  token: string
  /** `ory_lo_…`: fixed for the life of the session. */
  logoutToken: string
  /** The opaque `ory_kratos_session` cookie value (Kratos encrypts the token into it). */
  cookieValue: string
  issuedAt: number
  expiresAt: number
  deviceId: string
  ipAddress: string
  userAgent: string
  via: 'api' | 'browser' | 'control'
}

/** A session and its identity, as login returns them and whoami finds them. */
export interface SessionWithIdentity {
  session: KratosSession
  identity: KratosIdentity
}

/** What a login flow holds besides its request URL (id, type, two times), for the store's byte budget. */
const FLOW_OVERHEAD = 96

export interface KratosLoginFlow {
  id: string
  type: 'api' | 'browser'
  /** Browser flows: the CSRF cookie value the flow was issued with (its `CSRFToken`); getLoginFlow checks it. */
  csrfCookie?: string
  /** `?refresh=true` with an active session: re-authentication. */
  refresh?: boolean
  requestedAal?: 'aal1' | 'aal2'
  /** The checked `?return_to=` the login redirects to when it succeeds. */
  returnTo?: string
  issuedAt: number
  expiresAt: number
  requestUrl: string
}

export interface KratosStoredError {
  id: string
  /** The inner herodot error object, keys in order. */
  error: Record<string, unknown>
  createdAt: number
}

export interface KratosState {
  identities: Table<KratosIdentity, 'id' | 'email' | 'username'>
  sessions: Table<KratosSession, 'id' | 'token' | 'logoutToken' | 'cookieValue'>
  /** Keyed by session id. */
  revocations: Revocations
  loginFlows: Table<KratosLoginFlow, 'id'>
  errors: Table<KratosStoredError, 'id'>
  /** Derived from the configuration once per instance (not model data: never in snapshots). */
  site: KratosSite
}

/**
 * The identity record of a fixture identity.
 * @example
 * fixtureIdentity(kratosIdentities[0]).email // 'alice@example.com'
 */
export function fixtureIdentity(f: KratosFixtureIdentity): KratosIdentity {
  return { id: f.id, email: f.email, username: f.username, name: f.name, password: f.password, addressId: f.addressId, createdAt: f.createdAt }
}

/** Builds the model with the fixture identities, and the instance's derived configuration. */
export async function createKratosState(config: KratosConfig, limits: StoreLimits): Promise<KratosState> {
  const identities = createTable<KratosIdentity, 'id' | 'email' | 'username'>(['id', 'email', 'username'])
  for (const f of kratosIdentities) await identities.create(fixtureIdentity(f))
  return {
    identities,
    sessions: createExpiringTable<KratosSession, 'id' | 'token' | 'logoutToken' | 'cookieValue'>('kratos.sessions', ['id', 'token', 'logoutToken', 'cookieValue'], {
      limits,
      expiresAt: (s) => s.expiresAt,
    }),
    revocations: createRevocations('kratos.revocations', limits),
    // The two stores that keep what a client sent (a request URL, an error quoting a return_to) count their bytes.
    loginFlows: createExpiringTable<KratosLoginFlow, 'id'>('kratos.loginFlows', ['id'], { limits, expiresAt: (f) => f.expiresAt, sizeOf: (f) => FLOW_OVERHEAD + f.requestUrl.length }),
    // Kratos keeps self-service errors in its database and cleans them up with its other expired records; the mock
    // keeps each for keepExpiredMs after it was stored.
    errors: createExpiringTable<KratosStoredError, 'id'>('kratos.errors', ['id'], { limits, expiresAt: (e) => e.createdAt, sizeOf: (e) => approximateBytes(e.error) }),
    site: deriveSite(config),
  }
}

/** An identity by email or username (case-insensitive), as the password identifier. */
export function findIdentity(state: KratosState, identifier: string): KratosIdentity | undefined {
  const key = identifier.trim().toLowerCase()
  return state.identities.get('email', key) ?? state.identities.get('username', key)
}

interface SessionStart {
  identity: KratosIdentity
  via: KratosSession['via']
  ipAddress: string
  userAgent: string
  lifespanSeconds: number
}

/**
 * A session record with its three secrets, not stored (what forced responses show).
 * @example
 * sessionRecord(clock, random, { identity, via: 'api', ipAddress: '127.0.0.1', userAgent: '', lifespanSeconds: 86_400 }).token // 'ory_st_…'
 */
export function sessionRecord(clock: Clock, random: Random, start: SessionStart): KratosSession {
  const now = clock.now()
  return {
    id: random.uuid(),
    identityId: start.identity.id,
    token: `ory_st_${random.string(32)}`,
    logoutToken: `ory_lo_${random.string(32)}`,
    cookieValue: `MTc${random.string(181, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}`,
    issuedAt: now,
    expiresAt: now + start.lifespanSeconds * 1000,
    deviceId: random.uuid(),
    ipAddress: start.ipAddress,
    userAgent: start.userAgent,
    via: start.via,
  }
}

/** Creates and stores a session. */
export async function startSession(state: KratosState, clock: Clock, random: Random, start: SessionStart): Promise<KratosSession> {
  return state.sessions.create(sessionRecord(clock, random, start))
}

/** Active = not revoked and not expired on the platform clock. */
export function isActive(state: KratosState, session: KratosSession, now: number): boolean {
  return !state.revocations.isRevoked(session.id) && session.expiresAt > now
}

/**
 * Every session record the mock still holds for an identity (active, revoked or expired), newest first: what Kratos's
 * `identity_id = ?` queries see. Not indexed: only the "other devices" operations read it, never a hot path.
 * @example
 * sessionsOfIdentity(state, identity.id).filter((s) => isActive(state, s, now))
 */
export function sessionsOfIdentity(state: KratosState, identityId: string): KratosSession[] {
  const out = state.sessions.all().filter((s) => s.identityId === identityId)
  // created_at DESC; among equal timestamps the later record first.
  return out.map((s, i) => ({ s, i })).sort((a, b) => b.s.issuedAt - a.s.issuedAt || b.i - a.i).map(({ s }) => s)
}

/** Stores an error for the error UI and returns its id. */
export async function storeError(state: KratosState, random: Random, clock: Clock, error: Record<string, unknown>): Promise<string> {
  const record = await state.errors.create({ id: random.uuid(), error, createdAt: clock.now() })
  return record.id
}

/** `/__mock/state`: identities (no passwords), sessions with their state, flows and stored errors. */
export function snapshotKratos(state: KratosState, clock: Clock) {
  const now = clock.now()
  const iso = (ms: number) => new Date(ms).toISOString()
  return {
    identities: state.identities.all().map(({ password: _p, addressId: _a, ...i }) => i),
    sessions: state.sessions.all().map((s) => {
      const revocation = state.revocations.get(s.id)
      return {
        id: s.id,
        identityId: s.identityId,
        via: s.via,
        issuedAt: iso(s.issuedAt),
        expiresAt: iso(s.expiresAt),
        state: revocation ? 'revoked' : s.expiresAt <= now ? 'expired' : 'active',
        revokedAt: revocation ? iso(revocation.at) : null,
      }
    }),
    loginFlows: state.loginFlows.all().map((f) => ({ id: f.id, type: f.type, expiresAt: iso(f.expiresAt), expired: f.expiresAt <= now })),
    errors: state.errors.all().map((e) => ({ id: e.id, error: e.error, createdAt: iso(e.createdAt) })),
  }
}
