/**
 * Kratos's model: identities, sessions (indexed by id, session token, logout token and cookie value), revocations
 * (inserted, indexed by session id: revoking is O(1) and never scans), login flows and the errors browsers are
 * redirected to. Sessions are never updated in place.
 */
import { createTable, type Table } from '../../model/table.ts'
import type { Clock } from '../platform/clock.ts'
import type { Random } from '../platform/random.ts'
import { kratosIdentities } from '../../fixtures/kratos.ts'

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

export interface KratosRevocation {
  sessionId: string
  at: number
}

export interface KratosLoginFlow {
  id: string
  type: 'api' | 'browser'
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
  identities: Table<KratosIdentity, 'id' | 'email'>
  sessions: Table<KratosSession, 'id' | 'token' | 'logoutToken' | 'cookieValue'>
  revocations: Table<KratosRevocation, 'sessionId'>
  loginFlows: Table<KratosLoginFlow, 'id'>
  errors: Table<KratosStoredError, 'id'>
}

/** Builds the model with the fixture identities. */
export async function createKratosState(): Promise<KratosState> {
  const identities = createTable<KratosIdentity, 'id' | 'email'>(['id', 'email'])
  for (const i of kratosIdentities) {
    await identities.create({ id: i.id, email: i.email, username: i.username, name: i.name, password: i.password, addressId: i.addressId, createdAt: i.createdAt })
  }
  return {
    identities,
    sessions: createTable<KratosSession, 'id' | 'token' | 'logoutToken' | 'cookieValue'>(['id', 'token', 'logoutToken', 'cookieValue']),
    revocations: createTable<KratosRevocation, 'sessionId'>(['sessionId']),
    loginFlows: createTable<KratosLoginFlow, 'id'>(['id']),
    errors: createTable<KratosStoredError, 'id'>(['id']),
  }
}

/** An identity by email or username (case-insensitive), as the password identifier. */
export function findIdentity(state: KratosState, identifier: string): KratosIdentity | undefined {
  const key = identifier.trim().toLowerCase()
  return state.identities.get('email', key) ?? state.identities.find((i) => i.username === key)[0]
}

export interface SessionStart {
  identity: KratosIdentity
  via: KratosSession['via']
  ipAddress: string
  userAgent: string
  lifespanSeconds: number
}

/** Creates a session with its three secrets. */
export async function startSession(state: KratosState, clock: Clock, random: Random, start: SessionStart): Promise<KratosSession> {
  const now = clock.now()
  return state.sessions.create({
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
  })
}

/** Whether a session was revoked: an O(1) lookup in the revocation index. */
export function isRevoked(state: KratosState, sessionId: string): boolean {
  return state.revocations.get('sessionId', sessionId) !== undefined
}

/** Active = not revoked and not expired on the platform clock. */
export function isActive(state: KratosState, session: KratosSession, now: number): boolean {
  return !isRevoked(state, session.id) && session.expiresAt > now
}

/** Revokes a session (idempotent; an insert, never a scan). */
export async function revokeSession(state: KratosState, sessionId: string, at: number): Promise<void> {
  if (!isRevoked(state, sessionId)) await state.revocations.create({ sessionId, at })
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
      const revocation = state.revocations.get('sessionId', s.id)
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
