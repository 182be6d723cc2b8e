/**
 * Issue 20, items 2 and 4, against the real standalone server: memory is bounded in bytes, not only in records. A
 * Rested.dev body the mock keeps (register, create) is at most 64 KiB (the documented-as-assumed 400 "Body too large"
 * past it); the stores of what clients send (Rested.dev users and records, Kratos login flows and stored errors)
 * evict their oldest records past a byte budget, counted in `/__mock/state`. JSON nested deeper than 512 levels is
 * the provider's 400 for a bad body, and no view of the model fails on what is stored.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'
import { AUTH, SECURE, createClient, errorOf } from '../rested/client.ts'
import { createExpiringTable } from '../../model/expiring-table.ts'
import { storeLimits } from '../../model/limits.ts'
import { approximateBytes } from '../../model/byte-size.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startStandalone()
})
beforeEach(() => server.mocks.reset())
afterAll(() => server.close())

/** JSON text of an array nested `depth` deep (written out: JSON.stringify itself cannot walk 50,000 levels). */
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

async function loggedIn() {
  const c = createClient(server.origin)
  expect((await c.call(`${AUTH}&login=true`, { method: 'POST', json: { username: 'alice', password: 'alice-password-1' } })).status).toBe(200)
  return c
}

describe('Rested.dev bodies the mock keeps', () => {
  it('a register or create body over 64 KiB is 400 "Body too large"; one just under is kept', async () => {
    const c = await loggedIn()
    const big = 'x'.repeat(64 * 1024)
    expect(await errorOf(await c.call(`${AUTH}&register=true`, { method: 'POST', json: { username: 'big', password: 'pw-123456', bio: big } }))).toEqual({ status: 400, message: 'Body too large' })
    expect(await errorOf(await c.call(SECURE, { method: 'POST', json: { title: big } }))).toEqual({ status: 400, message: 'Body too large' })
    expect((await c.call(SECURE, { method: 'POST', json: { title: 'x'.repeat(60 * 1024) } })).status).toBe(200)
    // Login reads but keeps nothing: its limit stays 1 MiB (a long body there is the credentials' own answer).
    expect((await c.call(`${AUTH}&login=true`, { method: 'POST', json: { username: 'alice', password: 'nope', pad: big } })).status).toBe(401)
  })

  it('past the byte budget the oldest records go, the count shows in /__mock/state, and the server keeps serving', async () => {
    const c = await loggedIn()
    const stateNow = async () => (await (await fetch(`${server.origin}/__mock/state`)).json()) as { rested: { records: unknown[] }; evicted: Record<string, number> }
    const fixtures = (await stateNow()).rested.records.length
    const body = { title: 'x'.repeat(60 * 1024) }
    // 16 MiB of budget holds ~270 such records: post 330.
    for (let i = 0; i < 330; i++) expect((await c.call(SECURE, { method: 'POST', json: body })).status).toBe(200)
    const state = await stateNow()
    expect(state.evicted['rested.records']).toBeGreaterThan(0)
    expect(state.rested.records.length).toBeLessThan(300)
    expect(state.rested.records.length + state.evicted['rested.records']).toBe(330 + fixtures) // fixtures are never evicted
    const list = await c.call(SECURE)
    expect(list.status).toBe(200)
    await server.mocks.reset()
    expect(((await (await fetch(`${server.origin}/__mock/state`)).json()) as { evicted: object }).evicted).toEqual({})
  })
})

describe('deep JSON', () => {
  it('a 30,000-deep array (under 64 KiB) in a register or record body is the 400 for a bad body; state, list and panel data keep answering', async () => {
    const c = await loggedIn()
    const body = `{"username":"deep","password":"pw-123456","nest":${deep(30_000)}}`
    const register = await c.call(`${AUTH}&register=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect(await errorOf(register)).toEqual({ status: 400, message: 'Body is not a valid JSON object' })
    const record = await c.call(SECURE, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"nest":${deep(30_000)}}` })
    expect(await errorOf(record)).toEqual({ status: 400, message: 'Body is not a valid JSON object' })
    // 511 levels under the body object is within the bound, and is stored and shown.
    expect((await c.call(SECURE, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"nest":${deep(511)}}` })).status).toBe(200)
    expect((await fetch(`${server.origin}/__mock/state`)).status).toBe(200)
    expect((await c.call(SECURE)).status).toBe(200)
  })

  it('WebmixHub and the control API refuse it the same way, as their own 400', async () => {
    const signin = await fetch(`${server.origin}/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tenant-token': 'demo-tenant-token' }, body: `{"method":"guest","x":${deep(30_000)}}` })
    expect(signin.status).toBe(400)
    const control = await fetch(`${server.origin}/__mock/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"behaviour":${deep(5_000)}}` })
    expect(control.status).toBe(400)
  })
})

describe('the byte budget of a store', () => {
  it('evicts the oldest unpinned records past maxStoreBytes, logs once, counts live evictions', async () => {
    const lines: string[] = []
    const limits = storeLimits({ now: () => 0 }, { maxStoreBytes: 10_000, log: (l) => lines.push(l) })
    const table = createExpiringTable<{ id: string; text: string }, 'id'>('test.bodies', ['id'], { limits, expiresAt: () => Infinity, sizeOf: (r) => approximateBytes(r), pinned: (r) => r.id === 'fixture' })
    await table.create({ id: 'fixture', text: 'f'.repeat(1000) })
    for (let i = 0; i < 30; i++) await table.create({ id: `r${i}`, text: 'x'.repeat(1000) })
    const ids = table.all().map((r) => r.id)
    expect(ids[0]).toBe('fixture')
    expect(ids.at(-1)).toBe('r29')
    expect(ids.length).toBeLessThanOrEqual(10)
    expect(limits.evictions!.get('test.bodies')).toBe(31 - ids.length)
    expect(lines).toEqual(['[logout-mocks] test.bodies holds more than its 10000 bytes: evicting the oldest (see docs/limits.md)'])
  })
})
