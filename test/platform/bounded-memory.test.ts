/**
 * Memory stays bounded: records whose lifetime has passed on the platform clock leave every store, each store has a
 * cap that evicts the oldest record with one log line, and fixtures survive both. Driven through real HTTP (the
 * standalone server, logins by fetch) and read back through the control API.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createExpiringTable } from '../../model/expiring-table.ts'
import { storeLimits } from '../../model/limits.ts'
import { createRateLimiter } from '../../handlers/platform/state/rate-limit.ts'
import { decodeJwt, jwtMemoSize, signJwt, verifyJwt } from '../../handlers/platform/crypto/jwt.ts'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { RESTED_API_KEY } from '../../fixtures/rested.ts'
import { DEMO_TENANT_TOKEN } from '../../fixtures/webmixhub.ts'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'

const DAY = 86_400_000
const json = { 'Content-Type': 'application/json' }

/** One real login per provider, through its own login route. */
const logins: Record<string, (origin: string) => Promise<Response>> = {
  dreadnode: (o) => fetch(`${o}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }) }),
  rested: (o) =>
    fetch(`${o}/api/1/ce/examples/auth?key=${RESTED_API_KEY}&login=true`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'alice', password: 'alice-password-1' }) }),
  webmixhub: (o) => fetch(`${o}/auth/signin`, { method: 'POST', headers: { ...json, 'x-tenant-token': DEMO_TENANT_TOKEN }, body: JSON.stringify({ method: 'guest' }) }),
  kratos: async (o) => {
    const flow = (await (await fetch(`${o}/auth/self-service/login/api`)).json()) as { ui: { action: string } }
    return fetch(flow.ui.action, { method: 'POST', headers: { ...json, Accept: 'application/json' }, body: JSON.stringify({ method: 'password', identifier: 'alice@example.com', password: 'alice-password-1' }) })
  },
}

/** Records per store in `/__mock/state`, for the stores that grow with logins. */
async function counts(origin: string) {
  const state = (await (await fetch(`${origin}/__mock/state`)).json()) as Record<string, Record<string, unknown[]>>
  return {
    dreadnode: state.dreadnode.sessions.length,
    rested: state.rested.tokens.length,
    webmixhub: state.webmixhub.users.length,
    kratos: state.kratos.sessions.length + state.kratos.loginFlows.length,
    kratosIdentities: state.kratos.identities.length,
  }
}

const advance = (origin: string, ms: number) =>
  fetch(`${origin}/__mock/clock`, { method: 'POST', headers: json, body: JSON.stringify({ advanceMs: ms }) }).then((r) => expect(r.status).toBe(200))

describe('bounded memory, through the standalone server', () => {
  let server: RunningServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
    vi.restoreAllMocks()
  })

  it('after 30 days on the platform clock, every session, token, flow and guest is gone; fixtures stay', async () => {
    server = await startStandalone()
    for (const login of Object.values(logins)) for (let i = 0; i < 3; i++) expect((await login(server.origin)).status).toBe(200)
    const before = await counts(server.origin)
    expect(before.dreadnode).toBe(3)
    expect(before.rested).toBe(3)
    expect(before.kratos).toBe(6) // three flows, three sessions
    await advance(server.origin, 30 * DAY + DAY + 1)
    const after = await counts(server.origin)
    expect(after).toEqual({ dreadnode: 0, rested: 0, webmixhub: before.webmixhub - 3, kratos: 0, kratosIdentities: before.kratosIdentities })
    // The instance still works after the prune: a new login succeeds.
    for (const login of Object.values(logins)) expect((await login(server.origin)).status).toBe(200)
  })

  it('an expired record is still known as expired for a day, then forgotten', async () => {
    server = await startStandalone({ mocks: { providers: { rested: { accessTokenTtl: 60 } } } })
    expect((await logins.rested(server.origin)).status).toBe(200)
    await advance(server.origin, 61_000)
    const state = (await (await fetch(`${server.origin}/__mock/state`)).json()) as { rested: { tokens: { expired: boolean }[] } }
    expect(state.rested.tokens.map((t) => t.expired)).toEqual([true])
    await advance(server.origin, DAY)
    expect((await counts(server.origin)).rested).toBe(0)
  })

  it('a store over its cap evicts the oldest records and says so once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    server = await startStandalone({ mocks: { limits: { maxRecords: 5 } } })
    for (let i = 0; i < 8; i++) expect((await logins.dreadnode(server.origin)).status).toBe(200)
    expect((await counts(server.origin)).dreadnode).toBe(5)
    const lines = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('dreadnode.sessions'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/more than 5 records: evicting the oldest/)
    // Fixture users are pinned: past the cap of guest sign-ins, alice can still sign in with her password.
    for (let i = 0; i < 8; i++) expect((await logins.webmixhub(server.origin)).status).toBe(200)
    const alice = await fetch(`${server.origin}/auth/signin`, {
      method: 'POST',
      headers: { ...json, 'x-tenant-token': DEMO_TENANT_TOKEN },
      body: JSON.stringify({ method: 'password', email: 'alice@example.com', password: 'alice-password-1' }),
    })
    expect(alice.status).toBe(200)
  })

  it('a logged-out session stays revoked until it would have expired anyway', async () => {
    server = await startStandalone()
    const login = await logins.dreadnode(server.origin)
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    expect((await fetch(`${server.origin}/api/v1/auth/logout`, { method: 'POST', headers: { cookie } })).status).toBe(200)
    await advance(server.origin, 6 * DAY)
    // The refresh token (7 days) is still unexpired: its session must still be refused, not resurrected.
    expect((await fetch(`${server.origin}/api/v1/auth/refresh`, { method: 'POST', headers: { cookie } })).status).toBe(401)
  })
})

describe('the expiring table and the rate limiter keep their work flat', () => {
  it('a lookup drops the record it finds expired; inserts sweep the rest without a full scan', async () => {
    let now = 0
    const removed: string[] = []
    const table = createExpiringTable<{ id: string; until: number }, 'id'>('test.rows', ['id'], {
      limits: storeLimits({ now: () => now }, { keepExpiredMs: 0, log: () => {} }),
      expiresAt: (r) => r.until,
      onRemove: (r) => removed.push(r.id),
    })
    for (let i = 0; i < 100; i++) await table.create({ id: `r${i}`, until: 10 })
    now = 10
    expect(table.get('id', 'r50')).toBeUndefined()
    expect(table.count()).toBe(99)
    for (let i = 0; i < 30; i++) await table.create({ id: `n${i}`, until: 1_000 })
    // Each insert inspected four records under the lapping cursor: 30 × 4 = 120 ≥ the 99 expired ones.
    expect(table.count()).toBe(30)
    expect(removed).toHaveLength(100)
  })

  it('a rate limiter forgets expired windows from its front, and caps its open windows', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, maxKeys: 3 })
    for (let i = 0; i < 5; i++) limiter.hit(`ip${i}`, 0)
    expect(Object.keys(limiter.snapshot(0))).toEqual(['ip2', 'ip3', 'ip4'])
    expect(limiter.hit('ip4', 500).allowed).toBe(false)
    limiter.hit('later', 1_000)
    expect(Object.keys(limiter.snapshot(1_000))).toEqual(['later'])
  })
})

describe('the JWT memo', () => {
  it('stays within 16 MiB of token text however big the junk cookies clients send, and keeps verifying', () => {
    // Cookie values that look like JWTs to the first check (three parts) but are 8,000-character junk.
    for (let i = 0; i < 3000; i++) expect(decodeJwt(`${'x'.repeat(7990)}.${i}.abc`)).toBeNull()
    const after = jwtMemoSize()
    expect(after.bytes).toBeLessThanOrEqual(16 * 1024 * 1024)
    expect(after.bytes).toBeGreaterThan(8 * 1024 * 1024) // the junk was kept up to the bound, not dropped at once
    const token = signJwt({ sub: 'u1', exp: 4_000_000_000 }, 's3cret')
    for (let i = 0; i < 3000; i++) decodeJwt(`${'y'.repeat(7990)}.${i}.abc`)
    // Pushed out by the junk, the token is verified again from scratch.
    expect(verifyJwt(token, 's3cret')).toMatchObject({ ok: true, claims: { sub: 'u1' } })
    expect(verifyJwt(token, 'other')).toEqual({ ok: false, reason: 'signature' })
    expect(jwtMemoSize().bytes).toBeLessThanOrEqual(16 * 1024 * 1024)
  })
})

describe('the journal in process', () => {
  it('keeps a cut copy of a huge header, not the header: 300 requests with 200 KB each leave a few MB, not 60', () => {
    const script = fileURLToPath(new URL('../support/journal-heap.ts', import.meta.url))
    const out = JSON.parse(execFileSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8' })) as { keptBytes: number; longestKeptValue: number }
    expect(out.longestKeptValue).toBe(4097) // 4,096 characters and the cut mark
    expect(out.keptBytes).toBeLessThan(15_000_000)
  })
})
