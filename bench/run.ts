/**
 * `npm run bench` — bounded in time (a few minutes), loopback only, exits 0 whatever happens. Not a test: it prints
 * numbers. Every server runs in its own process and its CPU time per request is read from /proc/<pid>/stat (the load
 * generator, a worker thread of this process, shares the cores, so req/s alone misleads). Each row is the median of
 * 3 runs at c=50 on keep-alive sockets, all rows in one run so their ratios can be compared.
 *
 * Rows: bare node:http, bare express 5, the msw `getResponse()` floor, logout-mocks' natural error, forced response,
 * every provider's stateful logout (each request logs out a fresh live session), the logout cost at a small vs a
 * 1M-session model, sessions/second for `POST /__mock/sessions` and real logins; Prism (`@stoplight/prism-cli`) on the
 * project's generated Dreadnode OpenAPI and WireMock (the `wiremock` npm package's jar on the machine's java), both
 * installed on demand into node_modules/.cache/bench and skipped with the reason when they cannot be had. Then the
 * in-process costs (getResponse, the standalone route table without sockets, setupServer + fetch) and the model's index.
 *
 * Environment: BENCH_DURATION_MS (2000 per run), BENCH_CONCURRENCY (50), BENCH_POOL (sessions per stateful run,
 * 10000), BENCH_MODEL_SESSIONS (1000000) and BENCH_FILL_MS (70000, the time allowed to make them),
 * BENCH_SKIP_EXTERNAL=1 to skip Prism/WireMock, BENCH_SKIP_STANDALONE=1 to run only the in-process and model rows,
 * BENCH_ONLY=<key prefixes> (e.g. `express,logout.dreadnode,lanes`) to measure only the standalone rows whose key starts so.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { getResponse, http as mswHttp, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { MockAgent } from 'undici'
import { createLogoutMocks, registry, type IssuedCredentials, type LogoutMocks } from '../handlers/index.ts'
import { buildOpenApi } from '../handlers/platform/catalogue/openapi.ts'
import { BufferedRequest } from '../handlers/platform/http/buffered-request.ts'
import { RawHeaders } from '../server/raw-headers.ts'
import { createTable } from '../model/table.ts'
import { createExpiringTable } from '../model/expiring-table.ts'
import { createRateLimiter } from '../handlers/platform/state/rate-limit.ts'
import type { LoadResult, LoadSpec } from './load.ts'
import { measureInterception } from './msw-fetch-repro.ts'

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 2000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50)
const POOL = Number(process.env.BENCH_POOL ?? 10_000)
const MODEL_SESSIONS = Number(process.env.BENCH_MODEL_SESSIONS ?? 1_000_000)
/** Making the big model is bounded in time too: the row says how many sessions it reached. */
const FILL_MS = Number(process.env.BENCH_FILL_MS ?? 70_000)
const RUNS = 3
/** Standalone rows to measure, by key prefix (all when unset). */
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean)
const wanted = (key: string) => !ONLY || ONLY.some((prefix) => key.startsWith(prefix))
const ROOT = path.resolve(import.meta.dirname, '..')
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'bench')
const PRISM_VERSION = '5.16.0'
const WIREMOCK_VERSION = '3.13.2'
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/** A server under measurement, in its own process. */
interface Subject {
  readonly name: string
  readonly process: ChildProcess
  readonly port: number
  stop(): void
}

/** User + system CPU time of a process (all its threads) in µs, from /proc. */
function cpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND
}

/** A raw HTTP/1.1 request. */
function raw(method: string, target: string, headers: Record<string, string> = {}, body = ''): string {
  let head = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n`
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`
  return `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
}

interface Run {
  rps: number
  cpuPerRequestUs: number
  statuses: Record<string, number>
}

/** One load run against a subject; CPU is read when the measured phase starts and when it ends. */
function loadRun(subject: Subject, requests: string[], maxRequests = Infinity, warmupMs = 300): Promise<Run> {
  return new Promise((resolve, reject) => {
    const spec: LoadSpec = { host: '127.0.0.1', port: subject.port, requests, concurrency: CONCURRENCY, durationMs: DURATION_MS, maxRequests, warmupMs }
    const worker = new Worker(new URL('./load.ts', import.meta.url), { workerData: spec })
    let cpuStart = 0
    worker.on('message', (m: 'measuring' | LoadResult) => {
      if (m === 'measuring') {
        cpuStart = cpuUs(subject.process.pid!)
        return
      }
      const cpu = cpuUs(subject.process.pid!) - cpuStart
      resolve({ rps: m.requests / (m.elapsedMs / 1000), cpuPerRequestUs: m.requests > 0 ? cpu / m.requests : NaN, statuses: m.statuses })
    })
    worker.once('error', reject)
  })
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

interface Row {
  name: string
  rps: number
  cpuUs: number
  statuses: Record<string, number>
}
const rows = new Map<string, Row>()
let largeModel = 0

/** Three runs (each with its own requests, e.g. a fresh session pool), medians kept and printed. */
async function measure(key: string, name: string, subject: Subject, requestsFor: () => Promise<string[]> | string[], maxRequests = Infinity): Promise<Row | undefined> {
  if (!wanted(key)) return undefined
  const runs: Run[] = []
  // A bounded pool (fresh sessions) is not spent on warm-up: a first pool run, discarded, warms this path instead.
  if (maxRequests !== Infinity) await loadRun(subject, (await requestsFor()).slice(0, 3000), 3000, 0)
  for (let i = 0; i < RUNS; i++) runs.push(await loadRun(subject, await requestsFor(), maxRequests, maxRequests === Infinity ? 300 : 0))
  const statuses: Record<string, number> = {}
  for (const r of runs) for (const [s, n] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + n
  const row = { name, rps: median(runs.map((r) => r.rps)), cpuUs: median(runs.map((r) => r.cpuPerRequestUs)), statuses }
  rows.set(key, row)
  const range = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`
  console.log(
    `${name.padEnd(58)} ${row.rps.toFixed(0).padStart(7)} req/s ${row.cpuUs.toFixed(0).padStart(6)} µs CPU/req   (runs ${range(runs.map((r) => r.rps), 0)} req/s, ${range(runs.map((r) => r.cpuPerRequestUs), 0)} µs)   ${JSON.stringify(statuses)}`,
  )
  return row
}

function waitForPort(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => {
        socket.destroy()
        if (Date.now() > deadline) resolve(false)
        else setTimeout(attempt, 200)
      })
    }
    attempt()
  })
}

const children: ChildProcess[] = []

/** A node subject from bench/server-child.ts. */
async function nodeSubject(kind: string, name: string, args: string[] = []): Promise<Subject & { ask(message: object): Promise<Record<string, unknown>> }> {
  const child = fork(new URL('./server-child.ts', import.meta.url), [kind, ...args], { execArgv: ['--max-old-space-size=6144'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  children.push(child)
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port))
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)))
  })
  return {
    name,
    process: child,
    port,
    stop: () => child.kill(),
    ask: (message) =>
      new Promise((resolve, reject) => {
        child.once('message', (m: { type: string; message?: string }) => (m.type === 'error' ? reject(new Error(`${kind}: ${m.message}`)) : resolve(m)))
        child.send(message)
      }),
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Installs Prism and WireMock into the cache directory once (never as dependencies of the project). */
function installExternal(): string | null {
  const prism = path.join(CACHE, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js')
  const wiremock = path.join(CACHE, 'node_modules', 'wiremock', 'build', `wiremock-standalone-${WIREMOCK_VERSION}.jar`)
  if (existsSync(prism) && existsSync(wiremock)) return null
  mkdirSync(CACHE, { recursive: true })
  console.log(`(installing @stoplight/prism-cli@${PRISM_VERSION} and wiremock@${WIREMOCK_VERSION} into ${path.relative(ROOT, CACHE)} …)`)
  const npm = spawnSync('npm', ['install', '--prefix', CACHE, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `@stoplight/prism-cli@${PRISM_VERSION}`, `wiremock@${WIREMOCK_VERSION}`], {
    encoding: 'utf8',
    timeout: 240_000,
  })
  return npm.status === 0 ? null : `npm install failed: ${(npm.stderr || npm.error?.message || '').trim().split('\n')[0]}`
}

async function externalSubject(name: string, command: string, args: string[], port: number, startupMs: number): Promise<Subject | string> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: CACHE })
  children.push(child)
  let stderr = ''
  child.stderr!.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-2000)
  })
  const spawned = await new Promise<string | null>((resolve) => {
    child.once('error', (e) => resolve(e.message))
    child.once('spawn', () => resolve(null))
  })
  if (spawned) return spawned
  if (!(await waitForPort(port, startupMs))) {
    child.kill()
    return `did not listen within ${startupMs / 1000} s${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`
  }
  return { name, process: child, port, stop: () => child.kill() }
}

async function prism(): Promise<Subject | string> {
  const port = await freePort()
  const spec = path.join(CACHE, 'dreadnode.openapi.json')
  const mocks = createLogoutMocks({ only: ['dreadnode'], origin: `http://127.0.0.1:${port}` })
  await mocks.ready
  writeFileSync(spec, JSON.stringify(buildOpenApi(mocks, 'dreadnode')))
  const cli = path.join(CACHE, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js')
  return externalSubject('Prism', process.execPath, [cli, 'mock', '-h', '127.0.0.1', '-p', String(port), '--errors', 'false', '-v', 'error', spec], port, 60_000)
}

async function wiremock(): Promise<Subject | string> {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' })
  if (java.error || java.status !== 0) return `no usable java (${java.error?.message ?? java.stderr.trim().split('\n')[0]})`
  const port = await freePort()
  const root = path.join(CACHE, 'wiremock-root')
  mkdirSync(path.join(root, 'mappings'), { recursive: true })
  writeFileSync(path.join(root, 'mappings', 'logout.json'), JSON.stringify({ request: { method: 'POST', url: '/api/v1/auth/logout' }, response: { status: 204 } }))
  const jar = path.join(CACHE, 'node_modules', 'wiremock', 'build', `wiremock-standalone-${WIREMOCK_VERSION}.jar`)
  return externalSubject('WireMock', 'java', ['-jar', jar, '--port', String(port), '--bind-address', '127.0.0.1', '--root-dir', root, '--disable-banner', '--no-request-journal'], port, 60_000)
}

/** The logout request of each provider for one live session. */
const LOGOUTS: Record<string, { title: string; request: (c: IssuedCredentials) => string }> = {
  dreadnode: { title: 'Dreadnode POST /api/v1/auth/logout (cookie session)', request: (c) => raw('POST', '/api/v1/auth/logout', c.headers) },
  kratos: {
    title: 'Kratos DELETE /self-service/logout/api (native)',
    request: (c) => raw('DELETE', '/auth/self-service/logout/api', { 'Content-Type': 'application/json' }, JSON.stringify({ session_token: c.sessionToken })),
  },
  webmixhub: { title: 'WebmixHub GET /auth/logout', request: (c) => raw('GET', '/auth/logout', c.headers) },
  rested: { title: 'Rested.dev POST …/examples/auth?logout=true', request: (c) => raw('POST', new URL(String(c.logoutUrl)).pathname + new URL(String(c.logoutUrl)).search, c.headers) },
}

async function standalone() {
  console.log(`\nStandalone, loopback, c=${CONCURRENCY}, ${RUNS} runs × ${DURATION_MS} ms per row, medians; server CPU from /proc (${TICKS_PER_SECOND} ticks/s):`)
  for (const [kind, key, name] of [
    ['node', 'node', 'bare node:http, static 204'],
    ['express', 'express', 'bare express 5, static 204'],
    ['msw-floor', 'floor', 'msw getResponse() floor, static 204 handler'],
  ] as const) {
    const subject = await nodeSubject(kind, name)
    await measure(key, name, subject, () => [raw('POST', '/api/v1/auth/logout')])
    subject.stop()
  }

  const mocks = await nodeSubject('mocks', 'logout-mocks')
  const forcedStatus = Math.max(...registry.find((p) => p.id === 'dreadnode')!.catalogue.filter((b) => b.operation === 'logout').map((b) => b.status))
  await measure('natural', 'logout-mocks, Dreadnode natural 401 (no session)', mocks, () => [raw('POST', '/api/v1/auth/logout')])
  await measure('forced', `logout-mocks, Dreadnode forced Prefer: code=${forcedStatus}`, mocks, () => [raw('POST', '/api/v1/auth/logout', { Prefer: `code=${forcedStatus}` })])
  const pool = (provider: string) => async () => {
    const { credentials } = (await mocks.ask({ type: 'sessions', provider, user: 'alice@example.com', count: POOL, keep: false })) as { credentials: IssuedCredentials[] }
    return credentials.map(LOGOUTS[provider].request)
  }
  for (const provider of Object.keys(LOGOUTS)) {
    await measure(`logout.${provider}`, `logout-mocks, ${LOGOUTS[provider].title}, stateful`, mocks, pool(provider), POOL)
  }

  // Lanes: the same stateful logout in one named lane, then spread over 63 busy lanes (64 with default, the cap),
  // every request in a lane other than its neighbour's, each lane with its own sessions.
  const lanePool = (lanes: number) => async () => {
    const perLane = Math.ceil(POOL / lanes)
    // One request to the child at a time: its answers are matched to questions by order.
    const pools: string[][] = []
    for (let l = 0; l < lanes; l++) {
      const { credentials } = (await mocks.ask({ type: 'sessions', provider: 'dreadnode', user: 'alice@example.com', count: perLane, keep: false, lane: `bench-${l}` })) as { credentials: IssuedCredentials[] }
      pools.push(credentials.map((c) => raw('POST', '/api/v1/auth/logout', { ...c.headers, 'X-Mock-Lane': `bench-${l}` })))
    }
    return Array.from({ length: perLane * lanes }, (_, i) => pools[i % lanes][Math.floor(i / lanes)])
  }
  await measure('lanes.one', 'Dreadnode stateful logout, one named lane (X-Mock-Lane)', mocks, lanePool(1), POOL)
  await measure('lanes.busy', 'Dreadnode stateful logout, 63 busy lanes in turn (64 with default)', mocks, lanePool(63), POOL)

  const alice = { email: 'alice@example.com', password: 'alice-password-1' }
  const json = { 'Content-Type': 'application/json' }
  await measure('sessions', 'POST /__mock/sessions (dreadnode alice) → sessions/s', mocks, () => [raw('POST', '/__mock/sessions', json, JSON.stringify({ provider: 'dreadnode', user: 'alice' }))])
  await measure('login.dreadnode', 'Dreadnode real login POST /api/v1/auth/login → logins/s', mocks, () => [raw('POST', '/api/v1/auth/login', json, JSON.stringify(alice))])
  await measure('login.webmixhub', 'WebmixHub real signin POST /auth/signin → logins/s', mocks, () => [
    raw('POST', '/auth/signin', { ...json, 'x-tenant-token': 'demo-tenant-token' }, JSON.stringify({ method: 'password', ...alice })),
  ])
  await measure('login.rested', 'Rested.dev real login ?login=true → logins/s', mocks, () => [
    raw('POST', '/api/1/ce/examples/auth?key=d59eb2859c284168ac48aef65046d5dd&login=true', json, JSON.stringify({ username: 'alice', password: 'alice-password-1' })),
  ])
  mocks.stop()

  // Cost in the model's size: the same stateful logout with only the run's pool live, then with MODEL_SESSIONS more.
  // The stores' cap (100,000 records by default) is raised above the model's size, or the oldest sessions would be
  // evicted as the model fills and the "large" model would not be large.
  if (!wanted('model')) return printRatios()
  const sized = await nodeSubject('mocks', 'logout-mocks (model size)', [String(2 * MODEL_SESSIONS + 10 * POOL)])
  await loadRun(sized, [raw('POST', '/api/v1/auth/logout')], Infinity, 1000) // a fresh process: JIT warm-up, discarded
  const sizedPool = async () => {
    const { credentials } = (await sized.ask({ type: 'sessions', provider: 'dreadnode', user: 'alice@example.com', count: POOL, keep: false })) as { credentials: IssuedCredentials[] }
    return credentials.map(LOGOUTS.dreadnode.request)
  }
  await measure('model.small', `Dreadnode stateful logout, model: the run's pool only (≤ ${POOL} live)`, sized, sizedPool, POOL)
  const before = (await sized.ask({ type: 'sessions', provider: 'dreadnode', user: 'bob@example.com', count: 0, keep: true })) as { heapUsed: number }
  const filled = (await sized.ask({ type: 'sessions', provider: 'dreadnode', user: 'bob@example.com', count: MODEL_SESSIONS, keep: true, withinMs: FILL_MS })) as {
    made: number
    ms: number
    heapUsed: number
  }
  largeModel = filled.made
  console.log(
    `   (made ${filled.made.toLocaleString('en')} of ${MODEL_SESSIONS.toLocaleString('en')} sessions in-process in ${(filled.ms / 1000).toFixed(1)} s${filled.made < MODEL_SESSIONS ? ' (BENCH_FILL_MS reached)' : ''} = ${((filled.made / filled.ms) * 1000).toFixed(0)} sessions/s; heap +${((filled.heapUsed - before.heapUsed) / filled.made).toFixed(0)} B per session)`,
  )
  await measure('model.large', `Dreadnode stateful logout, model: + ${filled.made.toLocaleString('en')} live sessions`, sized, sizedPool, POOL)
  sized.stop()

  if (process.env.BENCH_SKIP_EXTERNAL === '1') console.log('Prism, WireMock: skipped (BENCH_SKIP_EXTERNAL=1)')
  else {
    const installFailed = installExternal()
    for (const [key, start, request] of [
      ['prism', prism, raw('POST', '/api/v1/auth/logout', { Cookie: 'access_token=x' })],
      ['wiremock', wiremock, raw('POST', '/api/v1/auth/logout')],
    ] as const) {
      const subject = installFailed ?? (await start())
      if (typeof subject === 'string') {
        console.log(`${key}: skipped — ${subject}`)
        continue
      }
      // The JVM and Prism warm up longer than node: one discarded run first.
      await loadRun(subject, [request], Infinity, 2000)
      await measure(key, key === 'prism' ? `Prism ${PRISM_VERSION} mock, Dreadnode OpenAPI, logout (static)` : `WireMock ${WIREMOCK_VERSION}, one stub (static 204)`, subject, () => [request])
      subject.stop()
    }
  }
  printRatios()
}

function printRatios() {
  const r = (a: string, b: string, what: 'rps' | 'cpuUs') => {
    const x = rows.get(a)?.[what]
    const y = rows.get(b)?.[what]
    return x === undefined || y === undefined ? 'n/a' : `${(x / y).toFixed(2)}×`
  }
  console.log('\nRatios (targets of issue 13):')
  console.log(`Dreadnode stateful logout vs bare express: req/s ${r('logout.dreadnode', 'express', 'rps')} (target ≥ 1.2×), CPU ${r('logout.dreadnode', 'express', 'cpuUs')} (target ≤ 1.0×)`)
  console.log(`Dreadnode stateful logout vs Prism: req/s ${r('logout.dreadnode', 'prism', 'rps')} (target ≥ 3×); vs WireMock ${r('logout.dreadnode', 'wiremock', 'rps')}`)
  for (const p of Object.keys(LOGOUTS)) if (p !== 'dreadnode') console.log(`${p} logout CPU vs Dreadnode's: ${r(`logout.${p}`, 'logout.dreadnode', 'cpuUs')} (target ≤ 1.5×)`)
  console.log(`natural error vs bare express: req/s ${r('natural', 'express', 'rps')}; forced response: ${r('forced', 'express', 'rps')} (target ≥ 2×)`)
  console.log(`msw floor vs bare express: req/s ${r('floor', 'express', 'rps')}, CPU ${r('floor', 'express', 'cpuUs')}`)
  console.log(`lanes: CPU per logout over 63 busy lanes vs one lane: ${r('lanes.busy', 'lanes.one', 'cpuUs')} (target ≤ 1.1×); one named lane vs default: ${r('lanes.one', 'logout.dreadnode', 'cpuUs')}`)
  console.log(`model size: CPU per logout with +${largeModel.toLocaleString('en')} sessions vs pool only: ${r('model.large', 'model.small', 'cpuUs')} (target ≤ 1.2×)`)
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
  const N = 2_000
  const url = 'https://app.dreadnode.io/api/v1/auth/logout'
  const mocks = createLogoutMocks({ only: ['dreadnode'], providers: { dreadnode: { rateLimit: 1e12 } } })
  const cookies: string[] = []
  for (let i = 0; i < 2 * N + 2000; i++) cookies.push(((await mocks.sessions.create({ provider: 'dreadnode', user: 'alice' })).headers as Record<string, string>).Cookie)
  const staticHandlers = [mswHttp.post(url, () => new HttpResponse(null, { status: 204 }))]
  let next = 0
  let ok = 0
  const rawOurs = await timeIt(N, async () => {
    if ((await getResponse(mocks.handlers, new Request(url, { method: 'POST', headers: { cookie: cookies[next++] } })))?.status === 200) ok++
  })
  const rawStatic = await timeIt(N, async () => getResponse(staticHandlers, new Request(url, { method: 'POST', headers: { cookie: cookies[0] } })))
  console.log(`\nIn-process, ${N} sequential requests each (every logout revokes a fresh session; ${ok} × 200):`)
  console.log(`getResponse over the handlers: our stateful logout ${rawOurs.toFixed(1)} µs, a static 204 handler ${rawStatic.toFixed(1)} µs`)
  // The standalone door without its sockets: the request as the door builds it (Node's header list, the body already
  // read) through the route table into the pipeline. What is left of a request's CPU time beyond this is node:http
  // and the kernel's socket work.
  const standaloneOrigin = 'http://127.0.0.1:9090'
  const door = createLogoutMocks({ only: ['dreadnode'], origin: standaloneOrigin, providers: { dreadnode: { rateLimit: 1e12 } } })
  // More iterations than above: this path is a few µs, so a short run would time the JIT warming up.
  const DOOR_N = 10_000
  const doorCookies: string[] = []
  for (let i = 0; i < DOOR_N + 1000; i++) doorCookies.push(((await door.sessions.create({ provider: 'dreadnode', user: 'alice' })).headers as Record<string, string>).Cookie)
  const logoutUrl = new URL(`${standaloneOrigin}/api/v1/auth/logout`)
  const noBody = { ok: true, text: '', bytes: 0 } as const
  const doorRequest = (cookie?: string) =>
    new BufferedRequest(logoutUrl, 'POST', new RawHeaders(['Host', '127.0.0.1:9090', 'Content-Length', '0', ...(cookie ? ['Cookie', cookie] : [])]), noBody)
  let doorOk = 0
  const doorNatural = await timeIt(2 * DOOR_N, () => door.dispatch(doorRequest(), logoutUrl, '127.0.0.1'))
  let doorNext = 0
  const doorStateful = await timeIt(DOOR_N, async () => {
    if ((await door.dispatch(doorRequest(doorCookies[doorNext++]), logoutUrl, '127.0.0.1'))?.response.status === 200) doorOk++
  })
  console.log(`standalone route table + pipeline, no sockets (${2 * DOOR_N} and ${DOOR_N} requests): Dreadnode natural 401 ${doorNatural.toFixed(1)} µs, stateful logout ${doorStateful.toFixed(1)} µs (${doorOk} × 200)`)
  const interception = await measureInterception(1000)
  console.log(
    `setupServer + global fetch, static 204 handler: https:// ${interception.https.toFixed(1)} µs, http:// ${interception.http.toFixed(1)} µs; the same handler through getResponse ${interception.getResponse.toFixed(1)} µs; undici connections per fetch ${interception.connectsPerFetch.toFixed(2)} (see bench/msw-fetch-repro.ts)`,
  )
  await fetchDoors(rawOurs, doorStateful)
}

/**
 * The in-process doors for a fetch client (issue 23): the same stateful Dreadnode logout (a fresh session each) through
 * Node's global fetch with `mocks.dispatcher()`, and through `setupServer` + fetch on an https:// and an http:// base
 * URL; undici's MockAgent answering a static reply through the same fetch is the floor of a dispatcher door.
 */
async function fetchDoors(getResponseUs: number, pipelineUs: number) {
  /**
   * µs per stateful logout (a fresh session's cookie each) on an instance serving Dreadnode at `baseUrl`, sent by the
   * client `door` makes for that instance; `door` returns the client and what ends it.
   */
  const statefulLogout = async (baseUrl: string, n: number, door: (mocks: LogoutMocks) => { send: (url: string, cookie: string) => Promise<Response>; close(): unknown }) => {
    const mocks = createLogoutMocks({ only: ['dreadnode'], providers: { dreadnode: { baseUrl, rateLimit: 1e12 } } })
    const warm = Math.min(2000, n / 10)
    const cookies: string[] = []
    for (let i = 0; i < n + warm; i++) cookies.push(((await mocks.sessions.create({ provider: 'dreadnode', user: 'alice' })).headers as Record<string, string>).Cookie)
    const client = door(mocks)
    let next = 0
    let ok = 0
    const url = `${baseUrl}/api/v1/auth/logout`
    try {
      const us = await timeIt(n, async () => {
        const response = await client.send(url, cookies[next++])
        await response.arrayBuffer()
        if (response.status === 200) ok++
      })
      return { us, ok }
    } finally {
      await client.close()
    }
  }
  const N = 5_000
  const INTERCEPTED_N = 1_000
  const viaDispatcher = await statefulLogout('https://app.dreadnode.io', N, (mocks) => {
    const dispatcher = mocks.dispatcher({ unhandled: 'error' })
    return { send: (url, cookie) => fetch(url, { method: 'POST', headers: { cookie }, dispatcher } as RequestInit), close: () => dispatcher.close() }
  })
  const intercepted = (scheme: 'https' | 'http') =>
    statefulLogout(`${scheme}://app.dreadnode.io`, INTERCEPTED_N, (mocks) => {
      const server = setupServer(...mocks.handlers)
      server.listen({ onUnhandledFrame: 'error' })
      return { send: (url, cookie) => fetch(url, { method: 'POST', headers: { cookie } }), close: () => server.close() }
    })
  const viaHttps = await intercepted('https')
  const viaHttp = await intercepted('http')
  // The floor of a dispatcher door: undici's own MockAgent answering a static 204 to the same fetch.
  const agent = new MockAgent()
  agent.disableNetConnect()
  agent.get('https://app.dreadnode.io').intercept({ path: '/api/v1/auth/logout', method: 'POST' }).reply(204).persist()
  const mockAgentUs = await timeIt(N, async () => (await fetch('https://app.dreadnode.io/api/v1/auth/logout', { method: 'POST', headers: { cookie: 'a=1' }, dispatcher: agent } as RequestInit)).arrayBuffer())
  await agent.close()
  console.log(`\nIn-process doors for fetch, Dreadnode stateful logout (a fresh session each), Node's global fetch, sequential:`)
  console.log(`fetch + mocks.dispatcher() (${N} requests): ${viaDispatcher.us.toFixed(1)} µs (${viaDispatcher.ok} × 200)`)
  console.log(`setupServer + fetch, https:// (${INTERCEPTED_N}): ${viaHttps.us.toFixed(1)} µs (${viaHttps.ok} × 200); http:// (${INTERCEPTED_N}): ${viaHttp.us.toFixed(1)} µs (${viaHttp.ok} × 200)`)
  console.log(`getResponse over the handlers: ${getResponseUs.toFixed(1)} µs; the standalone route table without sockets: ${pipelineUs.toFixed(1)} µs`)
  console.log(`undici MockAgent, static 204 through the same fetch (${N}): ${mockAgentUs.toFixed(1)} µs`)
  const x = (a: number, b: number) => `${(a / b).toFixed(1)}×`
  console.log(
    `Ratios (targets of issue 23): setupServer / dispatcher ${x(viaHttps.us, viaDispatcher.us)} (https), ${x(viaHttp.us, viaDispatcher.us)} (http) (target ≥ 10×); ` +
      `dispatcher / socket-less pipeline ${x(viaDispatcher.us, pipelineUs)} (target ≤ 2×); dispatcher / getResponse ${x(viaDispatcher.us, getResponseUs)}; dispatcher / MockAgent floor ${x(viaDispatcher.us, mockAgentUs)}`,
  )
}

async function model() {
  const lookups = 200_000
  /** Lookup cost in a table of `size` sessions, for `hot` distinct keys (a test's few live sessions) or all keys. */
  const measureLookups = async (size: number, hot: number) => {
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
  const hot10 = await measureLookups(10, 10)
  const hot100k = await measureLookups(100_000, 10)
  console.log(`\nModel (token → session through the index, ${lookups} lookups): 10 among 10 ${hot10.toFixed(1)} ns, 10 among 100,000 ${hot100k.toFixed(1)} ns → ${(hot100k / hot10).toFixed(2)}×`)
  // A store that stays at its cap evicts its oldest record on every insert; the cost must not grow with the cap.
  const atCap = async (cap: number) => {
    const limits = { clock: { now: () => 0 }, maxRecords: cap, keepExpiredMs: 0, log: () => {} }
    const table = createExpiringTable<{ id: string; exp: number }, 'id'>('bench', ['id'], { limits, expiresAt: (r) => r.exp })
    for (let i = 0; i < cap; i++) await table.create({ id: `k${i}`, exp: Infinity })
    let i = cap
    const insert = await timeIt(100_000, () => table.create({ id: `k${i++}`, exp: Infinity }))
    const limiter = createRateLimiter({ limit: 5, windowMs: 1e12, maxKeys: cap })
    for (let j = 0; j < cap; j++) limiter.hit(`k${j}`, 0)
    let j = cap
    const hit = await timeIt(100_000, () => limiter.hit(`k${j++}`, 0))
    return { insert, hit }
  }
  const small = await atCap(10_000)
  const big = await atCap(100_000)
  console.log(
    `Stores at their cap (each insert evicts the oldest): expiring table ${small.insert.toFixed(2)} µs at 10,000, ${big.insert.toFixed(2)} µs at 100,000 → ${(big.insert / small.insert).toFixed(2)}×; rate limiter ${small.hit.toFixed(2)} / ${big.hit.toFixed(2)} µs → ${(big.hit / small.hit).toFixed(2)}×`,
  )
}

const t0 = performance.now()
console.log(`logout-mocks benchmark — ${new Date().toISOString()}, Node ${process.versions.node}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`)
try {
  if (process.env.BENCH_SKIP_STANDALONE === '1') console.log('standalone rows: skipped (BENCH_SKIP_STANDALONE=1)')
  else await standalone()
  await inProcess()
  await model()
} catch (e) {
  console.log(`bench stopped early: ${e instanceof Error ? e.stack : String(e)}`)
} finally {
  for (const c of children) if (c.exitCode === null) c.kill()
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(0)} s)`)
  process.exit(0)
}
