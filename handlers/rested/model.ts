/**
 * Rested.dev's model: projects (looked up by API key or master key), endpoints (by project and name), users (by
 * project and username or email), data records of the non-auth endpoints, access tokens and their revocations.
 * A logout inserts a revocation indexed by token, so login, logout and every authenticated call stay O(1).
 */
import { createTable, type Table } from '../../model/table.ts'
import { createRevocations, type Revocations } from '../../model/revocations.ts'
import { createExpiringTable } from '../../model/expiring-table.ts'
import { approximateBytes } from '../../model/byte-size.ts'
import type { StoreLimits } from '../../model/limits.ts'
import type { Clock } from '../platform/state/clock.ts'
import type { Random } from '../platform/state/random.ts'
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
  /** The user's fields as registered, password excluded (what `/__mock/state` shows). */
  data: Record<string, unknown>
  /**
   * The body as registered, password included and in the order sent: the docs' register example shows the password
   * in `data` ("The password is not encrypted on the server side").
   */
  registered: Record<string, unknown>
  /** Platform-clock times, epoch ms (the success bodies' `createdAt`/`updatedAt`). */
  createdAt: number
  updatedAt: number
}

export interface RestedRecord {
  uniqueId: string
  /** `<projectId>:<endpoint name>` */
  endpointKey: string
  data: Record<string, unknown>
  /** Platform-clock times, epoch ms. */
  createdAt: number
  updatedAt: number
}

export interface RestedToken {
  token: string
  userId: string
  projectId: string
  issuedAt: number
  expiresAt: number
}

export interface RestedState {
  /** The path of the provider's base URL, no trailing slash (`''` when the base URL is an origin, as by default). */
  basePath: string
  projects: Table<RestedProject, 'id' | 'apiKey' | 'masterKey'>
  /** Each project's allowed origins, normalised (`normaliseOrigin`); an empty set allows every origin. */
  allowedOrigins: ReadonlyMap<string, ReadonlySet<string>>
  endpoints: Table<RestedEndpoint, 'key'>
  users: Table<RestedUser, 'uniqueId' | 'usernameKey' | 'emailKey'>
  records: Table<RestedRecord, 'uniqueId'>
  tokens: Table<RestedToken, 'token'>
  /** Logged-out tokens. */
  revocations: Revocations
}

/** Index key of an endpoint, a username or an email within a project. */
export const scoped = (projectId: string, value: string): string => `${projectId}:${value}`

/** An origin as compared against the allowed list: lowercased, without a trailing slash. */
export const normaliseOrigin = (origin: string): string => origin.toLowerCase().replace(/\/$/, '')

/** Who a user is, as register and login bodies name them (one of the two) and the fixtures do (both). */
export interface UserName {
  readonly username?: string
  readonly email?: string
}

/**
 * The index keys of a user within a project: the username as given, the email lowercased (emails match
 * case-insensitively); null for the one not given.
 * @example
 * userKeys('examples', { email: 'Alice@Example.com' }) // { usernameKey: null, emailKey: 'examples:alice@example.com' }
 */
export function userKeys(projectId: string, who: UserName): Pick<RestedUser, 'usernameKey' | 'emailKey'> {
  return {
    usernameKey: who.username !== undefined ? scoped(projectId, who.username) : null,
    emailKey: who.email !== undefined ? scoped(projectId, who.email.toLowerCase()) : null,
  }
}

/**
 * The project's user with that username (or, without one, that email): an O(1) index lookup.
 * @example
 * findUser(state, 'examples', { username: 'alice' })?.data.email // 'alice@example.com'
 */
export function findUser(state: RestedState, projectId: string, who: UserName): RestedUser | undefined {
  const { usernameKey, emailKey } = userKeys(projectId, who)
  if (usernameKey !== null) return state.users.get('usernameKey', usernameKey)
  return emailKey !== null ? state.users.get('emailKey', emailKey) : undefined
}

/**
 * Builds the model from the fixtures, for a provider served under `baseUrl`.
 * @example
 * const state = await createRestedState('https://app.rested.dev', storeLimits(clock))
 * state.projects.get('apiKey', 'd59eb2859c284168ac48aef65046d5dd')?.id // 'examples'
 */
export async function createRestedState(baseUrl: string, limits: StoreLimits): Promise<RestedState> {
  // Fixtures carry the clock's start, not the time of the (re)load: two runs of one seeded test see equal records.
  const now = limits.clock.startedAt ?? limits.clock.now()
  const allowedOrigins = new Map<string, ReadonlySet<string>>()
  const state: RestedState = {
    basePath: new URL(baseUrl).pathname.replace(/\/$/, ''),
    projects: createTable<RestedProject, 'id' | 'apiKey' | 'masterKey'>(['id', 'apiKey', 'masterKey']),
    allowedOrigins,
    endpoints: createTable<RestedEndpoint, 'key'>(['key']),
    // Registered users and posted records have no lifetime at Rested.dev: only the store's cap bounds them (the
    // fixtures are never evicted). Tokens and their revocations expire with the token.
    // Both hold bodies as posted: each body is capped (MAX_STORED_BODY_BYTES) and each store has a byte budget.
    users: createExpiringTable<RestedUser, 'uniqueId' | 'usernameKey' | 'emailKey'>('rested.users', ['uniqueId', 'usernameKey', 'emailKey'], {
      limits,
      expiresAt: NEVER,
      pinned: isFixture,
      sizeOf: (u) => approximateBytes(u.registered) + approximateBytes(u.data),
    }),
    records: createExpiringTable<RestedRecord, 'uniqueId'>('rested.records', ['uniqueId'], { limits, expiresAt: NEVER, pinned: isFixture, sizeOf: (r) => approximateBytes(r.data) }),
    tokens: createExpiringTable<RestedToken, 'token'>('rested.tokens', ['token'], { limits, expiresAt: (t) => t.expiresAt }),
    revocations: createRevocations('rested.revocations', limits),
  }
  for (const [p, fixture] of restedProjects.entries()) {
    const { endpoints, ...project } = fixture
    await state.projects.create({ ...project, allowedOrigins: [...project.allowedOrigins] })
    allowedOrigins.set(project.id, new Set(project.allowedOrigins.map(normaliseOrigin)))
    for (const e of endpoints) await state.endpoints.create({ key: scoped(project.id, e.name), projectId: project.id, ...e })
    for (const u of restedUsers) {
      await state.users.create({
        uniqueId: fixtureUniqueId(p, u.index),
        projectId: project.id,
        ...userKeys(project.id, u),
        password: u.password,
        data: { username: u.username, email: u.email, name: u.name },
        registered: { username: u.username, email: u.email, password: u.password, name: u.name },
        createdAt: now,
        updatedAt: now,
      })
    }
    const secure = endpoints.find((e) => e.kind === 'data' && e.secure)
    if (secure) {
      await state.records.create({ uniqueId: fixtureUniqueId(p, 99), endpointKey: scoped(project.id, secure.name), data: { title: `${project.name} secret note` }, createdAt: now, updatedAt: now })
    }
  }
  return state
}

const NEVER = () => Infinity
/** Fixture records (users, the secure note) are seeded with fixture unique ids and never evicted. */
const isFixture = (record: { uniqueId: string }) => fixtureIds.has(record.uniqueId)
const fixtureIds = new Set(restedProjects.flatMap((_, p) => [...restedUsers.map((u) => fixtureUniqueId(p, u.index)), fixtureUniqueId(p, 99)]))

/** Issues an access token for a user (an insert: O(1)). */
export async function issueToken(state: RestedState, user: RestedUser, ttlSeconds: number, clock: Clock, random: Random): Promise<RestedToken> {
  const now = clock.now()
  return state.tokens.create({ token: random.hex(64), userId: user.uniqueId, projectId: user.projectId, issuedAt: now, expiresAt: now + ttlSeconds * 1000 })
}

/** Redacts a secret for `/__mock/state`: the first four characters and its length. */
const redact = (secret: string) => `${secret.slice(0, 4)}…(${secret.length})`

/**
 * The model as JSON for `GET /__mock/state`. API keys are shown (they travel in URLs and are fixtures anyway); master
 * keys and passwords are redacted; tokens are shown in full so QA can replay them, with their revoked/expired flags.
 * @example
 * snapshotRested(state, clock).tokens[0]?.revoked // false until its logout
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
      revoked: state.revocations.isRevoked(t.token),
    })),
    records: state.records.all(),
  }
}
