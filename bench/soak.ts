/**
 * `npm run soak` — not a test: a long mixed load on the standalone server, printing the server's RSS as it goes, to
 * show that memory stays flat however long it runs. Loopback only, bounded in count and time.
 *
 *   npm run soak -- [--requests 1000000] [--concurrency 16] [--minutes 20] [--clock-step-ms 21600000] [--small-only]
 *
 * The server runs as a child process (`server.ts --port 0 --quiet`, rate limits raised) so its RSS is its own.
 * Every 19 requests of a client are one cycle: four real logins (Dreadnode, Kratos native flow, Rested.dev, a
 * WebmixHub guest), three logouts, a whoami, natural errors and forced responses — about one request in five is a
 * login. Three more requests per cycle carry large inputs (issue 20: memory must stay flat in bytes, not only in
 * records): a Rested.dev register and a record of 60 KiB each, and a Kratos login flow whose request URL is ~7 KB;
 * `--small-only` leaves them out. Every 1,000 requests the platform clock moves on by `--clock-step-ms` (default six hours: 250 days over a
 * million requests), so sessions, flows, tokens and 30-day guest accounts all reach the end of their lifetime within
 * the warm-up and the stores reach their steady state. Exits 0 and prints whether RSS stayed within
 * ±15 % of its level after warm-up (the first fifth of the run).
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { RESTED_API_KEY } from '../fixtures/rested.ts'
import { DEMO_TENANT_TOKEN } from '../fixtures/webmixhub.ts'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000000' },
    concurrency: { type: 'string', default: '16' },
    minutes: { type: 'string', default: '20' },
    'clock-step-ms': { type: 'string', default: '21600000' },
    'small-only': { type: 'boolean', default: false },
  },
})
const LARGE = !values['small-only']
const PAD_60K = 'x'.repeat(60 * 1024)
const LONG_QUERY = `return_to=${'y'.repeat(7000)}`
let registered = 0
const TOTAL = Number(values.requests)
const CONCURRENCY = Number(values.concurrency)
const DEADLINE = Date.now() + Number(values.minutes) * 60_000
const CLOCK_STEP = Number(values['clock-step-ms'])
for (const [name, n] of Object.entries({ requests: TOTAL, concurrency: CONCURRENCY, minutes: Number(values.minutes), 'clock-step-ms': CLOCK_STEP })) {
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`)
}

// Rate limits raised: with one client IP they would turn most logouts into 429s, which keep nothing.
const serverArgs = ['--port', '0', '--quiet', '--set', 'dreadnode.rateLimit=1000000000', '--set', 'webmixhub.rateLimit=1000000000']
const child = spawn(process.execPath, [new URL('../server.ts', import.meta.url).pathname, ...serverArgs], { stdio: ['ignore', 'pipe', 'inherit'] })
const origin = await new Promise<string>((resolve, reject) => {
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    const m = out.match(/listening on (http:\/\/\S+)/)
    if (m) resolve(m[1])
  })
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
})
child.stdout.resume()

const rssMb = () => {
  const m = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return m ? Number(m[1]) / 1024 : NaN
}
const json = { 'Content-Type': 'application/json' }
const cookiesOf = (r: Response) => r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
const statuses = new Map<number, number>()
let sent = 0
let logins = 0
let failures = 0

async function call(url: string, init: RequestInit = {}): Promise<Response> {
  sent++
  if (sent % 1000 === 0) await fetch(`${origin}/__mock/clock`, { method: 'POST', headers: json, body: JSON.stringify({ advanceMs: CLOCK_STEP }) }).then((r) => r.arrayBuffer())
  try {
    const r = await fetch(origin + url, init)
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
    return r
  } catch {
    failures++
    return new Response(null, { status: 599 })
  }
}
/** Reads a body to the end (so the keep-alive connection is reused) and returns it as JSON when it is JSON. */
const body = async (r: Response): Promise<Record<string, unknown>> => {
  const text = await r.text()
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    return {}
  }
}

/** One cycle of nineteen requests (twenty-two with the large ones), four of them logins. */
async function cycle(): Promise<void> {
  const dn = await call('/api/v1/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }) })
  await body(dn)
  const dnCookie = cookiesOf(dn)
  await body(await call('/api/v1/auth/logout', { method: 'POST', headers: { cookie: dnCookie } }))
  await body(await call('/api/v1/auth/logout', { method: 'POST', headers: { cookie: dnCookie } }))

  const flow = await body(await call('/auth/self-service/login/api'))
  const action = (flow.ui as { action?: string } | undefined)?.action ?? `${origin}/auth/self-service/login?flow=unknown`
  const kr = await body(
    await call(action.replace(origin, ''), { method: 'POST', headers: { ...json, Accept: 'application/json' }, body: JSON.stringify({ method: 'password', identifier: 'bob', password: 'bob-password-1' }) }),
  )
  const token = typeof kr.session_token === 'string' ? kr.session_token : 'none'
  await body(await call('/auth/sessions/whoami', { headers: { Authorization: `Bearer ${token}` } }))
  await body(await call('/auth/self-service/logout/api', { method: 'DELETE', headers: json, body: JSON.stringify({ session_token: token }) }))

  const auth = `/api/1/ce/examples/auth?key=${RESTED_API_KEY}`
  const rs = await call(`${auth}&login=true`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'alice', password: 'alice-password-1' }) })
  await body(rs)
  if (LARGE) {
    // Kept by the mock: a 60 KiB user, a 60 KiB record, a login flow holding a ~7 KB request URL.
    await body(await call(`${auth}&register=true`, { method: 'POST', headers: json, body: JSON.stringify({ username: `soak-${registered++}`, password: 'soak-password-1', bio: PAD_60K }) }))
    await body(await call(`/api/1/ce/examples/secure?key=${RESTED_API_KEY}`, { method: 'POST', headers: { ...json, cookie: cookiesOf(rs) }, body: JSON.stringify({ title: PAD_60K }) }))
    await body(await call(`/auth/self-service/login/api?${LONG_QUERY}`))
  }
  await body(await call(`${auth}&logout=true`, { method: 'POST', headers: { cookie: cookiesOf(rs) } }))

  await body(await call('/auth/signin', { method: 'POST', headers: { ...json, 'x-tenant-token': DEMO_TENANT_TOKEN }, body: JSON.stringify({ method: 'guest' }) }))
  await body(await call('/auth/logout', { headers: { 'x-tenant-token': DEMO_TENANT_TOKEN, 'x-token': 'stale' } }))
  logins += 4

  // Natural errors and forced responses.
  await body(await call('/api/v1/auth/logout', { method: 'POST' }))
  await body(await call('/api/v1/auth/logout?__code=504', { method: 'POST' }))
  await body(await call('/auth/sessions/whoami'))
  await body(await call('/auth/self-service/logout/browser', { headers: { Prefer: 'code=401' } }))
  await body(await call('/auth/me', { headers: { 'x-tenant-token': DEMO_TENANT_TOKEN } }))
  await body(await call('/auth/logout', { headers: { 'x-tenant-token': 'nope' } }))
  await body(await call(`${auth}&login=true`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'alice', password: 'wrong' }) }))
  await body(await call('/api/v1/no-such-route'))
}

const started = Date.now()
const samples: { requests: number; rss: number }[] = []
const every = Math.max(20_000, Math.round(TOTAL / 20 / 1000) * 1000)
let nextSample = every
console.log(`soak: ${TOTAL} requests, ${CONCURRENCY} clients, clock +${CLOCK_STEP} ms every 1000 requests, at most ${values.minutes} min, ${LARGE ? 'with' : 'without'} large bodies; server ${origin} (pid ${child.pid})`)
console.log(`${'requests'.padStart(10)} ${'logins'.padStart(8)} ${'RSS MB'.padStart(8)} ${'req/s'.padStart(7)}`)
const sample = () => {
  const rss = rssMb()
  samples.push({ requests: sent, rss })
  const rate = sent / ((Date.now() - started) / 1000)
  console.log(`${String(sent).padStart(10)} ${String(logins).padStart(8)} ${rss.toFixed(1).padStart(8)} ${rate.toFixed(0).padStart(7)}`)
}
sample()
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (sent < TOTAL && Date.now() < DEADLINE) {
      await cycle()
      if (sent >= nextSample) {
        nextSample += every
        sample()
      }
    }
  }),
)
sample()
child.kill('SIGTERM')

const warm = samples.filter((s) => s.requests >= sent / 5)
const base = warm[0]?.rss ?? NaN
const worst = Math.max(...warm.map((s) => Math.abs(s.rss - base) / base))
console.log(`\nstatuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}${failures ? `, ${failures} transport failures` : ''}`)
console.log(`${sent} requests, ${logins} logins in ${((Date.now() - started) / 1000).toFixed(0)} s`)
console.log(`RSS after warm-up ${base.toFixed(1)} MB, largest deviation ${(worst * 100).toFixed(1)} % (target ±15 %): ${worst <= 0.15 ? 'flat' : 'NOT flat'}`)
if (sent < TOTAL) console.log(`stopped at the time limit (${values.minutes} min) before ${TOTAL} requests`)
