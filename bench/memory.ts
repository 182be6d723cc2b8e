/**
 * Bytes of heap each live login keeps, per provider (part of `npm run bench`; run alone with
 * `node --expose-gc bench/memory.ts`). Each provider gets its own instance; N real logins go through its msw handlers
 * (`getResponse`, no sockets), and the heap is compared after a full GC before and after. What a login leaves behind
 * counts: the session or token, for Kratos also the login flow it completed (kept until the flow expires), and for
 * WebmixHub a guest sign-in (its tokens are not stored: a guest account and its status are what grows).
 *
 * Target: ≤ 1 KiB per live Dreadnode, Rested.dev and WebmixHub login, ≤ 2 KiB per Kratos login (session with its
 * three secrets, plus the completed flow). What a login leaves includes its share of bounded caches (the JWT memo of
 * up to 32,768 tokens for the whole process, the 1,000-entry journal), which shrinks as logins grow: hence 150,000 logins by default.
 * Measured before the expiring stores: 1824, 845, 2284 and 1601 B (20,000 logins each); after: 1014, 797, 688 and
 * 1572 B (150,000 each); with one JWT memo and flat base64url strings: 961, 830, 698 and 1572 B.
 */
import { getResponse } from 'msw'
import { createLogoutMocks, registry, type LogoutMocks, type ProviderId } from '../handlers/index.ts'
import { createPlatform } from '../handlers/platform/platform.ts'
import { createLaneRegistry } from '../handlers/platform/state/lanes.ts'
import { RESTED_API_KEY } from '../fixtures/rested.ts'
import { DEMO_TENANT_TOKEN } from '../fixtures/webmixhub.ts'

const N = Number(process.env.BENCH_MEMORY_LOGINS ?? 150_000)
const TARGET_BYTES: Record<string, number> = { dreadnode: 1024, rested: 1024, webmixhub: 1024, kratos: 2048 }
const json = { 'Content-Type': 'application/json' }

type Login = (mocks: LogoutMocks, base: string, i: number) => Promise<number>
const send = async (mocks: LogoutMocks, request: Request) => (await getResponse(mocks.handlers, request))?.status ?? 0

const logins: Record<ProviderId, Login> = {
  dreadnode: (m, base) =>
    send(m, new Request(`${base}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }) })),
  rested: (m, base) =>
    send(m, new Request(`${base}/api/1/ce/examples/auth?key=${RESTED_API_KEY}&login=true`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'alice', password: 'alice-password-1' }) })),
  webmixhub: (m, base) =>
    send(m, new Request(`${base}/auth/signin`, { method: 'POST', headers: { ...json, 'x-tenant-token': DEMO_TENANT_TOKEN }, body: JSON.stringify({ method: 'guest' }) })),
  kratos: async (m, base) => {
    const flow = await getResponse(m.handlers, new Request(`${base}/self-service/login/api`))
    const action = ((await flow!.json()) as { ui: { action: string } }).ui.action
    return send(m, new Request(action, { method: 'POST', headers: { ...json, Accept: 'application/json' }, body: JSON.stringify({ method: 'password', identifier: 'alice', password: 'alice-password-1' }) }))
  },
}

const gc = (globalThis as { gc?: () => void }).gc
function heap(): number {
  gc?.()
  gc?.()
  return process.memoryUsage().heapUsed
}

/**
 * Measures and prints bytes per live login for every provider; returns them by provider id.
 * @example
 * const perLogin = await measureMemory() // { dreadnode: 812, … }
 */
export async function measureMemory(): Promise<Record<string, number>> {
  if (!gc) console.log('memory: run node with --expose-gc for exact numbers (measuring without a forced GC)')
  console.log(`\nmemory: heap kept per live login (${N} logins per provider, after a full GC)`)
  const out: Record<string, number> = {}
  for (const [id, login] of Object.entries(logins) as [ProviderId, Login][]) {
    const mocks = createLogoutMocks({ only: [id], limits: { maxRecords: N * 2 } })
    await mocks.ready
    const base = mocks.providers[0].baseUrl
    for (let i = 0; i < 50; i++) await login(mocks, base, i) // warm-up: code paths compiled, caches filled
    const before = heap()
    for (let i = 0; i < N; i++) {
      const status = await login(mocks, base, i)
      if (status !== 200) throw new Error(`${id} login ${i} answered ${status}`)
    }
    const bytes = Math.round((heap() - before) / N)
    out[id] = bytes
    const target = TARGET_BYTES[id]
    console.log(`  ${id.padEnd(10)} ${String(bytes).padStart(6)} B/login   target ≤ ${target} B   ${bytes <= target ? 'met' : 'MISSED'}`)
    void mocks // kept alive until measured
  }
  return out
}

/** Target heap of a lane created and never used (its clock, random source, journal, coverage, scenarios, jar). */
const IDLE_LANE_TARGET_BYTES = 16 * 1024
const LANES = Number(process.env.BENCH_LANES ?? 2000)

/**
 * Heap and time per lane on a standalone server's registry: created on first use and left idle; then with one
 * provider's model built (its fixtures load on the lane's first request to it); then after a reset of every provider.
 * @example
 * const { idleBytes } = await measureLanes() // ≈ 3 KiB
 */
export async function measureLanes(): Promise<{ idleBytes: number; createUs: number; dreadnodeBytes: number; allBytes: number }> {
  console.log(`
lanes: heap and time per lane (${LANES} lanes, after a full GC)`)
  const lanes = createLaneRegistry(createPlatform(registry, { origin: 'http://127.0.0.1:9090' }), { maxLanes: LANES + 100 })
  for (let i = 0; i < 20; i++) lanes.release(lanes.acquire(`warm-${i}`))
  const before = heap()
  const started = performance.now()
  for (let i = 0; i < LANES; i++) lanes.release(lanes.acquire(`idle-${i}`))
  const createUs = ((performance.now() - started) * 1000) / LANES
  const idle = heap()
  const idleBytes = Math.round((idle - before) / LANES)
  console.log(`  idle lane (created, never used)      ${String(idleBytes).padStart(7)} B   ${createUs.toFixed(1)} µs to create   target ≤ ${IDLE_LANE_TARGET_BYTES} B   ${idleBytes <= IDLE_LANE_TARGET_BYTES ? 'met' : 'MISSED'}`)
  for (let i = 0; i < LANES; i++) await lanes.get(`idle-${i}`)!.sessions.create({ provider: 'dreadnode', user: 'alice' })
  const dreadnodeBytes = Math.round((heap() - before) / LANES)
  console.log(`  + a Dreadnode session (model built)  ${String(dreadnodeBytes).padStart(7)} B`)
  for (let i = 0; i < LANES; i++) await lanes.get(`idle-${i}`)!.reset()
  const allBytes = Math.round((heap() - before) / LANES)
  console.log(`  after reset (all four models built)  ${String(allBytes).padStart(7)} B`)
  lanes.close()
  return { idleBytes, createUs, dreadnodeBytes, allBytes }
}

if (import.meta.main) {
  await measureMemory()
  await measureLanes()
}
