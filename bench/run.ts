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
import { startServer } from '../server.ts'
import { createLogoutMocks } from '../handlers/index.ts'
import { createTable } from '../model/table.ts'
import type { LoadResult, LoadSpec } from './load.ts'

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

  console.log(`\nStandalone, loopback, ${CONCURRENCY} keep-alive connections, ${DURATION_MS} ms each (load generator in a worker thread):`)
  const ra = summary('(a) logout-mocks, Dreadnode stateful logout', a)
  const rb = summary('(b) bare express 5, static 204', b)
  const rc = summary('(c) bare node:http, static 204', c)
  if ((a.statuses['200'] ?? 0) !== a.requests) console.log(`   note: (a) served ${a.statuses['200'] ?? 0} of ${a.requests} as 200 (sessions exhausted or errors)`)
  console.log(`ratio a/b = ${(ra / rb).toFixed(2)} (target ≥ 1.0)    ratio a/c = ${(ra / rc).toFixed(2)}`)
}

async function timeIt(iterations: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < Math.min(2000, iterations / 10); i++) await fn(i)
  const t0 = performance.now()
  for (let i = 0; i < iterations; i++) await fn(i)
  return ((performance.now() - t0) * 1000) / iterations
}

async function inProcess() {
  const N = 20_000
  const mocks = createLogoutMocks({ only: ['dreadnode'], providers: { dreadnode: { rateLimit: 1e9 } } })
  const cookies: string[] = []
  for (let i = 0; i < N + 2000; i++) cookies.push(((await mocks.sessions.create({ provider: 'dreadnode', user: 'alice' })).headers as Record<string, string>).Cookie)
  const url = 'https://app.dreadnode.io/api/v1/auth/logout'
  const ours = mocks.handlersFor('/api/v1/auth/logout')
  const staticHandlers = [mswHttp.post(url, () => new HttpResponse(null, { status: 204 }))]
  let okOurs = 0
  const usOurs = await timeIt(N, async (i) => {
    const r = await getResponse(ours, new Request(url, { method: 'POST', headers: { cookie: cookies[i % cookies.length] } }))
    if (r?.status === 200) okOurs++
  })
  const usStatic = await timeIt(N, async () => getResponse(staticHandlers, new Request(url, { method: 'POST', headers: { cookie: cookies[0] } })))
  console.log(`\nIn-process (msw getResponse, ${N} requests each):`)
  console.log(`our logout handler (stateful, 200)            ${usOurs.toFixed(1).padStart(7)} µs/request  (${okOurs} × 200)`)
  console.log(`static msw handler returning 204              ${usStatic.toFixed(1).padStart(7)} µs/request`)
  console.log(`ratio ours/static = ${(usOurs / usStatic).toFixed(2)}× (target ≤ 1.2×)`)
}

async function model() {
  const lookups = 200_000
  const time = async (size: number) => {
    const table = createTable<{ id: string; userId: string }, 'id'>(['id'])
    const ids: string[] = []
    for (let i = 0; i < size; i++) {
      const id = `s-${i}-${Math.random().toString(36).slice(2)}`
      ids.push(id)
      await table.create({ id, userId: 'u' })
    }
    let found = 0
    const us = await timeIt(lookups, (i) => {
      if (table.get('id', ids[(i * 7919) % size])) found++
    })
    return { us, found }
  }
  const small = await time(10)
  const large = await time(100_000)
  console.log(`\nModel (token → session lookup through the index, ${lookups} lookups):`)
  console.log(`10 sessions       ${(small.us * 1000).toFixed(1).padStart(7)} ns/lookup`)
  console.log(`100,000 sessions  ${(large.us * 1000).toFixed(1).padStart(7)} ns/lookup`)
  console.log(`ratio 100k/10 = ${(large.us / small.us).toFixed(2)} (target ≤ 1.2)`)
}

console.log(`logout-mocks benchmark — Node ${process.versions.node}, ${(await import('node:os')).cpus().length} cores`)
await standalone()
await inProcess()
await model()
