/**
 * Rested.dev's model: projects (looked up by API key or master key), endpoints (by project and name), users (by
 * project and username or email), data records of the non-auth endpoints, access tokens and their revocations.
 * A logout inserts a revocation indexed by token, so login, logout and every authenticated call stay O(1).
 */
import { createTable, type Table } from '../../model/table.ts'
import type { Clock } from '../platform/clock.ts'
import type { Random } from '../platform/random.ts'
import { fixtureUniqueId, restedProjects, restedUsers } from '../../fixtures/rested.ts'

export interface RestedProject {
  id: string
  name: string
  apiKey: string
  masterKey: string
  allowedOrigins: string[]
  disallowNoOrigin: boolean
}

export interface RestedEndpoint {
  /** `<projectId>:<name>` */
  key: string
  projectId: string
  name: string
  kind: 'auth' | 'data'
  secure: boolean
}

export interface RestedUser {
  uniqueId: string
  projectId: string
  /** `<projectId>:<username>` (null when registered by email only). */
  usernameKey: string | null
  /** `<projectId>:<lowercased email>` (null when registered by username only). */
  emailKey: string | null
  password: string
  /** The user's fields as registered, password excluded. */
  data: Record<string, unknown>
}

export interface RestedRecord {
  uniqueId: string
  /** `<projectId>:<endpoint name>` */
  endpointKey: string
  data: Record<string, unknown>
}

export interface RestedToken {
  token: string
  userId: string
  projectId: string
  issuedAt: number
  expiresAt: number
}

export interface RestedRevocation {
  token: string
  at: number
}

export interface RestedState {
  projects: Table<RestedProject, 'id' | 'apiKey' | 'masterKey'>
  endpoints: Table<RestedEndpoint, 'key'>
  users: Table<RestedUser, 'uniqueId' | 'usernameKey' | 'emailKey'>
  records: Table<RestedRecord, 'uniqueId'>
  tokens: Table<RestedToken, 'token'>
  revocations: Table<RestedRevocation, 'token'>
}

/** Index key of an endpoint, a username or an email within a project. */
export const scoped = (projectId: string, value: string): string => `${projectId}:${value}`

/**
 * Builds the model from the fixtures.
 * @example
 * const state = await createRestedState()
 * state.projects.get('apiKey', 'd59eb2859c284168ac48aef65046d5dd')?.id // 'examples'
 */
export async function createRestedState(): Promise<RestedState> {
  const state: RestedState = {
    projects: createTable<RestedProject, 'id' | 'apiKey' | 'masterKey'>(['id', 'apiKey', 'masterKey']),
    endpoints: createTable<RestedEndpoint, 'key'>(['key']),
    users: createTable<RestedUser, 'uniqueId' | 'usernameKey' | 'emailKey'>(['uniqueId', 'usernameKey', 'emailKey']),
    records: createTable<RestedRecord, 'uniqueId'>(['uniqueId']),
    tokens: createTable<RestedToken, 'token'>(['token']),
    revocations: createTable<RestedRevocation, 'token'>(['token']),
  }
  for (const [p, fixture] of restedProjects.entries()) {
    const { endpoints, ...project } = fixture
    await state.projects.create({ ...project, allowedOrigins: [...project.allowedOrigins] })
    for (const e of endpoints) await state.endpoints.create({ key: scoped(project.id, e.name), projectId: project.id, ...e })
    for (const u of restedUsers) {
      await state.users.create({
        uniqueId: fixtureUniqueId(p, u.index),
        projectId: project.id,
        usernameKey: scoped(project.id, u.username),
        emailKey: scoped(project.id, u.email.toLowerCase()),
        password: u.password,
        data: { username: u.username, email: u.email, name: u.name },
      })
    }
    const secure = endpoints.find((e) => e.kind === 'data' && e.secure)
    if (secure) {
      await state.records.create({ uniqueId: fixtureUniqueId(p, 99), endpointKey: scoped(project.id, secure.name), data: { title: `${project.name} secret note` } })
    }
  }
  return state
}

/** Issues an access token for a user (an insert: O(1)). */
export async function issueToken(state: RestedState, user: RestedUser, ttlSeconds: number, clock: Clock, random: Random): Promise<RestedToken> {
  const now = clock.now()
  return state.tokens.create({ token: random.hex(64), userId: user.uniqueId, projectId: user.projectId, issuedAt: now, expiresAt: now + ttlSeconds * 1000 })
}

/** True once the token has been logged out. */
export function isRevoked(state: RestedState, token: string): boolean {
  return state.revocations.get('token', token) !== undefined
}

/** Revokes a token by inserting a revocation (never an update: O(1) however many tokens exist). */
export async function revokeToken(state: RestedState, token: string, at: number): Promise<void> {
  if (!isRevoked(state, token)) await state.revocations.create({ token, at })
}

/** Redacts a secret for `/__mock/state`: the first four characters and its length. */
const redact = (secret: string) => `${secret.slice(0, 4)}…(${secret.length})`

/**
 * The model as JSON for `GET /__mock/state`. API keys are shown (they travel in URLs and are fixtures anyway); master
 * keys and passwords are redacted; tokens are shown in full so QA can replay them, with their revoked/expired flags.
 */
export function snapshotRested(state: RestedState, clock: Clock) {
  const now = clock.now()
  return {
    projects: state.projects.all().map((p) => ({
      ...p,
      masterKey: redact(p.masterKey),
      endpoints: state.endpoints.find((e) => e.projectId === p.id).map(({ name, kind, secure }) => ({ name, kind, secure })),
    })),
    users: state.users.all().map((u) => ({ uniqueId: u.uniqueId, projectId: u.projectId, data: u.data })),
    tokens: state.tokens.all().map((t) => ({
      token: t.token,
      userId: t.userId,
      projectId: t.projectId,
      issuedAt: new Date(t.issuedAt).toISOString(),
      expiresAt: new Date(t.expiresAt).toISOString(),
      expired: t.expiresAt <= now,
      revoked: isRevoked(state, t.token),
    })),
    records: state.records.all(),
  }
}
