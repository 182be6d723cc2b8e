/**
 * `npm run bench` — bounded in time, loopback only. Not a test: it prints numbers.
 *  (a) the standalone server on Dreadnode's stateful logout path (every request revokes a fresh session),
 *  (b) a bare express 5 route answering 204, (c) a bare node:http server answering 204 — req/s, p50, p99, a/b, a/c;
 *  in-process: our logout handler vs a static msw handler returning 204, through msw's getResponse();
 *  model: session lookup time with 10 vs 100,000 sessions.
 */
import http from 'node:http'
import { Worker } from 'node:worker_threads'
import express from 'express'
import { getResponse, http as mswHttp, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { startServer } from '../server.ts'
import { createLogoutMocks } from '../handlers/index.ts'
import { createTable } from '../model/table.ts'
import type { LoadResult, LoadSpec } from './load.ts'
import { toFetchRequest, writeFetchResponse } from '../server/http-bridge.ts'

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 60_000)

function load(spec: Omit<LoadSpec, 'durationMs' | 'concurrency' | 'warmupMs'>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load.ts', import.meta.url), { workerData: { durationMs: DURATION_MS, concurrency: CONCURRENCY, warmupMs: 500, ...spec } })
    worker.once('message', resolve)
    worker.once('error', reject)
  })
}

function summary(name: string, r: LoadResult) {
  const sorted = [...r.latenciesUs].sort((a, b) => a - b)
  const pct = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] / 1000).toFixed(2)
  const rps = r.requests / (r.elapsedMs / 1000)
  console.log(`${name.padEnd(44)} ${rps.toFixed(0).padStart(7)} req/s   p50 ${pct(50).padStart(6)} ms   p99 ${pct(99).padStart(6)} ms   statuses ${JSON.stringify(r.statuses)}${r.errors ? `  errors ${r.errors}` : ''}`)
  return rps
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const a = server.address() as { port: number }
  return `http://127.0.0.1:${a.port}`
}

async function standalone() {
  // (a) our server; every request logs out a distinct, live session (the stateful path: lookup + revoke + 200).
  const ours = await startServer({ port: 0, log: null, mocks: { only: ['dreadnode'], providers: { dreadnode: { rateLimit: 1e9 } } } })
  const cookies: string[] = []
  for (let i = 0; i < SESSIONS; i++) {
    const c = await ours.mocks.sessions.create({ provider: 'dreadnode', user: i % 2 ? 'alice' : 'bob' })
    cookies.push((c.headers as Record<string, string>).Cookie)
  }
  const a = await load({ url: `${ours.origin}/api/v1/auth/logout`, method: 'POST', cookies, maxRequests: SESSIONS })
  await ours.close()

  // (b) bare express 5.
  const app = express()
  app.disable('x-powered-by')
  app.post('/api/v1/auth/logout', (_req, res) => {
    res.status(204).end()
  })
  const expressServer = http.createServer(app)
  const b = await load({ url: `${await listen(expressServer)}/api/v1/auth/logout`, method: 'POST', cookies: [], maxRequests: Infinity })
  expressServer.close()

  // (c) bare node:http.
  const bare = http.createServer((_req, res) => {
    res.statusCode = 204
    res.end()
  })
  const c = await load({ url: `${await listen(bare)}/api/v1/auth/logout`, method: 'POST', cookies: [], maxRequests: Infinity })
  bare.close()

  // (d) the floor of any msw-based server: node:http → fetch Request → getResponse() → a static 204 handler → write.
  const staticMsw = [mswHttp.post('http://127.0.0.1/api/v1/auth/logout', () => new HttpResponse(null, { status: 204 }))]
  const floor = http.createServer(async (req, res) => {
    const response = await getResponse(staticMsw, toFetchRequest(req, 'http://127.0.0.1'))
    await writeFetchResponse(res, response ?? new Response(null, { status: 404 }))
  })
  const d = await load({ url: `${await listen(floor)}/api/v1/auth/logout`, method: 'POST', cookies: [], maxRequests: Infinity })
  floor.close()

  console.log(`\nStandalone, loopback, ${CONCURRENCY} keep-alive connections, ${DURATION_MS} ms each (load generator in a worker thread):`)
  const ra = summary('(a) logout-mocks, Dreadnode stateful logout', a)
  const rb = summary('(b) bare express 5, static 204', b)
  const rc = summary('(c) bare node:http, static 204', c)
  const rd = summary('(d) msw getResponse() floor, static 204', d)
  if ((a.statuses['200'] ?? 0) !== a.requests) console.log(`   note: (a) served ${a.statuses['200'] ?? 0} of ${a.requests} as 200 (sessions exhausted or errors)`)
  console.log(`ratio a/b = ${(ra / rb).toFixed(2)} (target ≥ 1.0)    ratio a/c = ${(ra / rc).toFixed(2)}    a/d = ${(ra / rd).toFixed(2)}    d/b = ${(rd / rb).toFixed(2)}`)
}

/** Mean µs per call; awaits only what returns a promise (an await on a plain value would dominate a 100 ns lookup). */
async function timeIt(iterations: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const r = fn(i)
      if (r instanceof Promise) await r
    }
  }
  await run(Math.min(2000, iterations / 10))
  const t0 = performance.now()
  await run(iterations)
  return ((performance.now() - t0) * 1000) / iterations
}

async function inProcess() {
  const N = 10_000
  const url = 'https://app.dreadnode.io/api/v1/auth/logout'
  const mocks = createLogoutMocks({ only: ['dreadnode'], providers: { dreadnode: { rateLimit: 1e9 } } })
  const cookies: string[] = []
  for (let i = 0; i < 2 * N + 4000; i++) cookies.push(((await mocks.sessions.create({ provider: 'dreadnode', user: 'alice' })).headers as Record<string, string>).Cookie)
  const staticHandlers = [mswHttp.post(url, () => new HttpResponse(null, { status: 204 }))]
  let next = 0
  let ok = 0
  const ours = () => ({ method: 'POST', headers: { cookie: cookies[next++] } })

  // 1. The handler alone, through msw's getResponse (no interception layer).
  const handlers = mocks.handlers
  const rawOurs = await timeIt(N, async () => {
    if ((await getResponse(handlers, new Request(url, ours())))?.status === 200) ok++
  })
  const rawStatic = await timeIt(N, async () => getResponse(staticHandlers, new Request(url, { method: 'POST', headers: { cookie: cookies[0] } })))

  // 2. As a test suite uses it: setupServer intercepting fetch.
  const server = setupServer(...mocks.handlers)
  server.listen({ onUnhandledFrame: 'error' })
  const fetchOurs = await timeIt(N, async () => {
    if ((await fetch(url, ours())).status === 200) ok++
  })
  server.resetHandlers(...staticHandlers)
  const fetchStatic = await timeIt(N, async () => (await fetch(url, { method: 'POST', headers: { cookie: cookies[0] } })).arrayBuffer())
  server.close()

  console.log(`\nIn-process, ${N} sequential requests each (every logout revokes a fresh session; ${ok} × 200):`)
  console.log(`setupServer + fetch: our logout ${fetchOurs.toFixed(1)} µs, static 204 handler ${fetchStatic.toFixed(1)} µs → ratio ${(fetchOurs / fetchStatic).toFixed(2)}× (target ≤ 1.2×)`)
  console.log(`getResponse only:    our logout ${rawOurs.toFixed(1)} µs, static 204 handler ${rawStatic.toFixed(1)} µs → ratio ${(rawOurs / rawStatic).toFixed(2)}×`)
}

async function model() {
  const lookups = 200_000
  /** Lookup cost in a table of `size` sessions, for `hot` distinct keys (a test's few live sessions) or all keys. */
  const measure = async (size: number, hot: number) => {
    const table = createTable<{ id: string; userId: string }, 'id'>(['id'])
    const ids: string[] = []
    for (let i = 0; i < size; i++) {
      const id = `s-${i}-${Math.random().toString(36).slice(2)}`
      ids.push(id)
      await table.create({ id, userId: 'u' })
    }
    const keys = ids.slice(0, Math.min(hot, size))
    let found = 0
    const us = await timeIt(lookups, (i) => {
      if (table.get('id', keys[(i * 7919) % keys.length])) found++
    })
    if (found < lookups) throw new Error('lookup missed')
    return us * 1000
  }
  const hot10 = await measure(10, 10)
  const hot100k = await measure(100_000, 10)
  const all100k = await measure(100_000, 100_000)
  console.log(`\nModel (token → session through the index, ${lookups} lookups):`)
  console.log(`the same 10 sessions looked up among 10:      ${hot10.toFixed(1).padStart(7)} ns`)
  console.log(`the same 10 sessions looked up among 100,000: ${hot100k.toFixed(1).padStart(7)} ns → ratio ${(hot100k / hot10).toFixed(2)} (target ≤ 1.2)`)
  console.log(`uniformly over all 100,000 (CPU cache misses): ${all100k.toFixed(1).padStart(6)} ns → ratio ${(all100k / hot10).toFixed(2)}`)
}

console.log(`logout-mocks benchmark — Node ${process.versions.node}, ${(await import('node:os')).cpus().length} cores`)
await standalone()
await inProcess()
await model()
