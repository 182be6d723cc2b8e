/**
 * Property-based fuzzing (fast-check) of every provider, standalone and in-process: mutated methods, paths, headers,
 * cookies, tokens, bodies (JSON, form, garbage, huge), encodings, forcing values and query twins, interleaved with
 * valid login/logout flows. The property (test/support/closure.ts): every response is a catalogue behaviour of the
 * operation its URL and method name, with a body its served OpenAPI document accepts, or a mock problem; and the
 * instance keeps answering. Bounded in runs; FUZZ_RUNS and FUZZ_SEED reproduce or widen a run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { startStandalone } from '../support/standalone.ts'
import { closureChecker, type ClosureTarget, type OpenApiDoc } from '../support/closure.ts'
import { startInProcess } from '../support/in-process.ts'
import type { LogoutMocks, ProviderId } from '../../handlers/index.ts'
import { buildOpenApi } from '../../handlers/platform/catalogue/openapi.ts'
import type { RunningServer } from '../../server.ts'

const RUNS = Number(process.env.FUZZ_RUNS ?? 300)
// A fixed seed by default, so a run can be repeated and CI is deterministic; FUZZ_SEED=random explores new inputs
// (fast-check prints the seed of a failure), FUZZ_SEED=<n> replays one.
const SEED = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261201)
const ALICE = { email: 'alice@example.com', username: 'alice', password: 'alice-password-1' }
const HUGE = JSON.stringify({ pad: 'x'.repeat(1_100_000) })
// Issue 20's shapes: strings built to make a regex backtrack, over-long addresses, JSON nested past every bound.
const ADVERSARIAL = [`a@${'.'.repeat(60_000)} `, `${'a'.repeat(300)}@example.com`, `${'@'.repeat(5000)}.`, 'a@b\u0000.c', `${'\t'.repeat(5000)}x`, 'ü@exämple.de']
const DEEP = (depth: number) => `{"email":"a@b.c","password":"x","nest":${'['.repeat(depth)}${']'.repeat(depth)}}`

/** A running mock in one mode: how to reach providers and the control plane. */
interface Mode {
  readonly mocks: LogoutMocks
  readonly target: ClosureTarget
  /** Credentials from the control plane (a session made without HTTP login). */
  issue(provider: string): Promise<Record<string, string>>
  /** The control plane still answers. */
  alive(): Promise<boolean>
  reset(): Promise<void>
  /** In-process, msw passes unmatched requests to the network: only the declared paths (any method but an
   *  undeclared OPTIONS, which the 405 handler leaves to the transport, and no CORS preflights) are fuzzed there. */
  readonly declaredPathsOnly: boolean
}

async function standaloneMode(server: RunningServer): Promise<Mode> {
  const control = (path: string, init?: RequestInit) => fetch(server.origin + path, init)
  return {
    mocks: server.mocks,
    target: {
      providers: server.mocks.providers,
      openapi: async (id) => (await (await control(`/__mock/openapi/${id}.json`)).json()) as OpenApiDoc,
      async journal() {
        const j = (await (await control('/__mock/requests?limit=1')).json()) as { total: number; entries: [] }
        return { total: j.total, last: j.entries.at(-1) }
      },
    },
    async issue(provider) {
      const r = await control('/__mock/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ provider, user: ALICE.email }) })
      return ((await r.json()) as { headers?: Record<string, string> }).headers ?? {}
    },
    alive: async () => (await control('/__mock')).status === 200,
    reset: async () => void (await control('/__mock/reset', { method: 'POST', headers: { 'Content-Type': 'application/json' } })),
    declaredPathsOnly: false,
  }
}

function inProcessMode(mocks: LogoutMocks): Mode {
  return {
    mocks,
    target: {
      providers: mocks.providers,
      openapi: async (id) => buildOpenApi(mocks, id) as unknown as OpenApiDoc,
      journal: async () => ({ total: mocks.journal.total, last: mocks.journal.list({ limit: 1 }).at(-1) }),
    },
    issue: async (provider) => (await mocks.sessions.create({ provider: provider as ProviderId, user: ALICE.email })).headers ?? {},
    alive: async () => mocks.state() !== undefined,
    reset: () => mocks.reset(),
    declaredPathsOnly: true,
  }
}

/** Cookies a response sets, as `name=value` pairs. */
const setCookies = (r: Response) => r.headers.getSetCookie().map((c) => c.split(';')[0])

/** One request of a flow or of the fuzzer. */
interface Call {
  provider: string
  method: string
  path: string
  headers: Record<string, string>
  body?: string | Uint8Array
}

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 })
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']

/** `controlApi`: also fuzz the HTTP control API (standalone only: in-process there is none). */
function suite(title: string, controlApi: boolean, start: () => Promise<{ mode: Mode; close(): Promise<void> | void }>) {
  describe(title, () => {
    let mode: Mode
    let close: () => Promise<void> | void = () => {}
    let closure: Awaited<ReturnType<typeof closureChecker>>
    const live = new Map<string, Record<string, string>>()
    const stats = new Map<string, number>()
    afterAll(() => {
      if (process.env.FUZZ_STATS) console.log([...stats].sort().map(([k, n]) => `${k}: ${n}`).join('\n'))
    })
    beforeAll(async () => {
      const started = await start()
      mode = started.mode
      close = started.close
      closure = await closureChecker(mode.target)
    })
    afterAll(() => close())

    const base = (id: string) => mode.mocks.providers.find((p) => p.id === id)!.baseUrl
    const ids = () => mode.mocks.providers.map((p) => p.id)

    /** Sends one call and asserts the closure property on its response; returns the response and its text. */
    async function send(call: Call): Promise<{ response: Response; text: string }> {
      const totalBefore = (await mode.target.journal()).total
      const url = base(call.provider) + call.path
      const body = call.method === 'GET' || call.method === 'HEAD' ? undefined : (call.body as BodyInit | undefined)
      const response = await fetch(url, { method: call.method, headers: call.headers, body, redirect: 'manual' })
      const text = await response.text()
      const failure = await closure.check({
        provider: call.provider,
        method: call.method,
        url,
        status: response.status,
        contentType: response.headers.get('content-type'),
        mockError: response.headers.get('x-logout-mocks-error'),
        text,
        totalBefore,
        preflight: call.method === 'OPTIONS' && Object.keys(call.headers).some((h) => h.toLowerCase() === 'access-control-request-method'),
      })
      expect(failure).toBeNull()
      if (process.env.FUZZ_STATS) stats.set(`${call.provider} ${response.status} ${response.headers.get('x-logout-mocks-error') ?? 'behaviour'}`, (stats.get(`${call.provider} ${response.status} ${response.headers.get('x-logout-mocks-error') ?? 'behaviour'}`) ?? 0) + 1)
      return { response, text }
    }

    /** Real login then logout per provider, as their clients do; the tokens they yield feed the fuzzer. */
    const flows: Record<string, () => Promise<void>> = {
      async dreadnode() {
        const login = await send({ provider: 'dreadnode', method: 'POST', path: '/api/v1/auth/login', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: ALICE.email, password: ALICE.password }) })
        if (login.response.status !== 200) return
        const cookie = setCookies(login.response).join('; ')
        live.set('dreadnode', { cookie })
        expect((await send({ provider: 'dreadnode', method: 'GET', path: '/api/v1/user', headers: { cookie } })).response.status).toBe(200)
        expect((await send({ provider: 'dreadnode', method: 'POST', path: '/api/v1/auth/logout', headers: { cookie } })).response.status).toBe(200)
        expect((await send({ provider: 'dreadnode', method: 'GET', path: '/api/v1/user', headers: { cookie } })).response.status).toBe(401)
      },
      async webmixhub() {
        const signin = await send({ provider: 'webmixhub', method: 'POST', path: '/auth/signin', headers: { 'Content-Type': 'application/json', 'x-tenant-token': 'demo-tenant-token' }, body: JSON.stringify({ method: 'password', email: ALICE.email, password: ALICE.password }) })
        if (signin.response.status !== 200) return
        // WebmixHub reads the user's token from x-token (no Bearer), beside the tenant token.
        const auth = { 'x-token': (JSON.parse(signin.text) as { data: { accessToken: string } }).data.accessToken, 'x-tenant-token': 'demo-tenant-token' }
        live.set('webmixhub', auth)
        expect((await send({ provider: 'webmixhub', method: 'GET', path: '/auth/me', headers: auth })).response.status).toBe(200)
        expect((await send({ provider: 'webmixhub', method: 'GET', path: '/auth/logout', headers: auth })).response.status).toBe(200)
        // The documented quirk: logout does not invalidate the token, the next private request logs the user back in.
        expect((await send({ provider: 'webmixhub', method: 'GET', path: '/auth/me', headers: auth })).response.status).toBe(200)
      },
      async kratos() {
        const flow = await send({ provider: 'kratos', method: 'GET', path: '/self-service/login/api', headers: { accept: 'application/json' } })
        if (flow.response.status !== 200) return
        const id = (JSON.parse(flow.text) as { id: string }).id
        const login = await send({ provider: 'kratos', method: 'POST', path: `/self-service/login?flow=${id}`, headers: { 'Content-Type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ method: 'password', identifier: ALICE.email, password: ALICE.password }) })
        if (login.response.status !== 200) return
        const token = (JSON.parse(login.text) as { session_token: string }).session_token
        live.set('kratos', { 'x-session-token': token })
        expect((await send({ provider: 'kratos', method: 'GET', path: '/sessions/whoami', headers: { 'x-session-token': token } })).response.status).toBe(200)
        expect((await send({ provider: 'kratos', method: 'DELETE', path: '/self-service/logout/api', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ session_token: token }) })).response.status).toBe(204)
        expect((await send({ provider: 'kratos', method: 'GET', path: '/sessions/whoami', headers: { 'x-session-token': token } })).response.status).toBe(401)
      },
      async rested() {
        const auth = '/api/1/ce/examples/auth?key=d59eb2859c284168ac48aef65046d5dd'
        const login = await send({ provider: 'rested', method: 'POST', path: `${auth}&login=true`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: ALICE.username, password: ALICE.password }) })
        if (login.response.status !== 200) return
        const cookie = setCookies(login.response).join('; ')
        live.set('rested', { cookie })
        expect((await send({ provider: 'rested', method: 'POST', path: `${auth}&logout=true`, headers: { cookie } })).response.status).toBe(204)
      },
    }

    it('valid login/logout flows of every provider satisfy the property and succeed', async () => {
      await mode.reset()
      for (const { id } of mode.mocks.providers) {
        expect(flows[id], `a flow for ${id}`).toBeDefined()
        await flows[id]()
        expect(live.has(id), `${id} logged in`).toBe(true)
      }
    })

    it(`fuzzed requests (${RUNS} runs) against every provider: catalogue behaviour or mock problem, and the instance keeps answering`, async () => {
      await mode.reset()
      for (const { id } of mode.mocks.providers) live.set(id, await mode.issue(id))
      const ids = mode.mocks.providers.map((p) => p.id)
      // What each provider's document declares: paths with samples, statuses and behaviour ids (for forcing).
      const declared = new Map(
        ids.map((id) => {
          const doc = closure.docs(id)
          const ops = Object.entries(doc.paths).flatMap(([template, methods]) =>
            Object.entries(methods).flatMap(([method, op]) => {
              const samples = op['x-operations']?.map((o) => o.sample) ?? [template.replace(/\{path\}/g, 'sample/path').replace(/\{[^{}]+\}/g, 'x1')]
              return samples.map((sample) => ({ method: method.toUpperCase(), sample, statuses: Object.keys(op.responses), behaviours: Object.values(op.responses).flatMap((r) => r['x-behaviours'].map((b) => b.id)) }))
            }),
          )
          return [id, ops]
        }),
      )
      const request = fc
        .record({
          provider: fc.constantFrom(...ids),
          op: fc.nat(),
          method: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
          path: fc.oneof(
            { weight: 6, arbitrary: fc.constant('sample') },
            { weight: 1, arbitrary: fc.constantFrom('/', '//', '/%zz', '/..%2f..%2f', '/%00', `/${'a'.repeat(3000)}`) },
            { weight: 1, arbitrary: printable.map((s) => `/${encodeURIComponent(s)}`) },
          ),
          query: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(
            fc.oneof(
              fc.nat().map((n) => `__code=${n % 600}`),
              fc.constantFrom('__code=401', '__code=abc', '__code=', '__example=constructor', '__example=__proto__', '__delay=x', 'logout=true', 'login=true', 'flow=nope'),
              // Redirect targets a browser reads differently from Go: backslash userinfo, non-ASCII, scheme-relative.
              fc.constantFrom('http://evil.example\\@127.0.0.1/self-service', 'http://ü@127.0.0.1/self-service', 'http://127.0.0.1/self-service/é?q=€#ü', '//evil.example', 'http://[::1/', '/\\evil.example').map((u) => `return_to=${encodeURIComponent(u)}`),
              fc.constant('__example=<declared>'),
              fc.tuple(printable, printable).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
            ),
            { minLength: 1, maxLength: 3 },
          ) }),
          prefer: fc.oneof(
            { weight: 2, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: fc.oneof(fc.constant('code=<declared>'), fc.constant('example=<declared>'), fc.constantFrom('code=418', 'code=', 'example=nope', 'code=200, example=x', 'respond-async'), printable) },
          ),
          auth: fc.constantFrom('none', 'live', 'live', 'mutated', 'garbage', 'basic'),
          cookie: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.oneof(printable, fc.constantFrom('a=b; a=c', 'session=', '=;;=', `big=${'c'.repeat(8000)}`)) }),
          contentType: fc.option(fc.constantFrom('application/json', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'application/merge-patch+json', '*/*', 'garbage'), { freq: 2 }),
          extra: fc.array(
            fc.oneof(
              fc.constantFrom<[string, string]>(
                ['accept', 'application/json'],
                ['accept', 'text/html'],
                ['accept', '*/*;q=0'],
                ['accept-encoding', 'br, gzip'],
                ['content-encoding', 'gzip'],
                ['origin', 'https://evil.example'],
                ['origin', 'null'],
                ['x-tenant-token', 'demo-tenant-token'],
                ['x-tenant-token', 'nope'],
                ['x-session-token', 'nope'],
                ['x-client-version', '0.0.1'],
                ['x-forwarded-for', '10.0.0.1, 10.0.0.2'],
                ['access-control-request-method', 'POST'],
              ),
              fc.tuple(fc.constantFrom('x-fuzz', 'authorization', 'cookie', 'accept', 'prefer', 'x-csrf-token'), printable),
            ),
            { maxLength: 3 },
          ),
          body: fc.oneof(
            { weight: 3, arbitrary: fc.constant<string | Uint8Array | undefined>(undefined) },
            { weight: 3, arbitrary: fc.json({ maxDepth: 3 }) },
            { weight: 2, arbitrary: fc.record({ email: fc.constantFrom(ALICE.email, 'x', ''), password: fc.constantFrom(ALICE.password, 'wrong'), method: fc.constantFrom('password', 'oidc') }).map((o) => JSON.stringify(o)) },
            {
              weight: 2,
              arbitrary: fc
                .record({ field: fc.constantFrom('email', 'username', 'identifier', 'token', 'code'), value: fc.constantFrom(...ADVERSARIAL), method: fc.constantFrom('password', 'otp', 'google', 'guest') })
                .map(({ field, value, method }) => JSON.stringify({ method, email: ALICE.email, password: ALICE.password, [field]: value })),
            },
            { weight: 1, arbitrary: fc.constantFrom(DEEP(600), DEEP(30_000)) },
            { weight: 1, arbitrary: fc.dictionary(printable, printable, { maxKeys: 3 }).map((d) => new URLSearchParams(d).toString()) },
            { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
            { weight: 1, arbitrary: fc.constantFrom('{', '[]', 'null', '"x"', '{"__proto__":{"a":1}}', '\ufeff{}', HUGE) },
          ),
        })
        .map((r) => {
          const ops = declared.get(r.provider)!
          const op = ops[r.op % ops.length]
          const pick = <T>(list: readonly T[]) => list[r.op % list.length]
          const fill = (s: string) => s.replace('<declared>', s.startsWith('code') || s.startsWith('__code') ? pick(op.statuses) : pick(op.behaviours))
          const headers: Record<string, string> = {}
          const creds = live.get(r.provider) ?? {}
          if (r.auth === 'live' || r.auth === 'mutated') {
            for (const [k, v] of Object.entries(creds)) headers[k.toLowerCase()] = r.auth === 'live' ? v : v.slice(0, -2) + (v.endsWith('A') ? 'B' : 'A') + v.slice(-1)
          } else if (r.auth === 'garbage') headers.authorization = 'Bearer eyJhbGciOiJub25lIn0.e30.'
          else if (r.auth === 'basic') headers.authorization = 'Basic YWxpY2U6eA=='
          if (r.cookie !== null) headers.cookie = headers.cookie ? `${headers.cookie}; ${r.cookie}` : r.cookie
          if (r.contentType !== null) headers['content-type'] = r.contentType
          if (r.prefer !== null) headers.prefer = fill(r.prefer)
          for (const [k, v] of r.extra) headers[k] = v
          // In-process there is no CORS (Node's fetch sends no preflight, and a browser's never reaches the worker):
          // a preflight would pass through msw to the network.
          if (mode.declaredPathsOnly) delete headers['access-control-request-method']
          let path = r.path === 'sample' || mode.declaredPathsOnly ? op.sample : r.path
          const method = mode.declaredPathsOnly && r.method === 'OPTIONS' && op.method !== 'OPTIONS' ? op.method : (r.method ?? op.method)
          if (r.query.length > 0) path += (path.includes('?') ? '&' : '?') + (r.query as string[]).map(fill).join('&')
          const call: Call = { provider: r.provider, method, path, headers, body: r.body }
          return call
        })
      const step = fc.oneof({ weight: 20, arbitrary: request.map((call) => ({ call })) }, { weight: 1, arbitrary: fc.constantFrom(...ids).map((flow) => ({ flow })) })
      await fc.assert(
        fc.asyncProperty(step, async (s) => {
          if ('flow' in s) await flows[s.flow]()
          else await send(s.call)
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      )
      expect(await mode.alive()).toBe(true)
      // The model is still sound: a fresh flow per provider still logs in.
      await mode.reset()
      live.clear()
      for (const id of ids) {
        await flows[id]()
        expect(live.has(id), `${id} logs in after fuzzing`).toBe(true)
      }
    }, Math.max(120_000, RUNS * 60))

    if (controlApi) it(`fuzzed control requests (${RUNS} runs): JSON or a mock problem, never a 5xx, and the instance stays healthy`, async () => {
      const origin = new URL(base('dreadnode')).origin
      const value = fc.oneof(
        fc.double(),
        fc.constantFrom(1e300, -1e300, 8.64e15, 0, -1, 1, 3_600_000, 2 ** 53, '__proto__', 'constructor', 'alice', ALICE.email, 'kratos', 'dreadnode.logout', 'network-error', 'hang', '2030-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', null, true, [], {}),
        // Non-string control fields (issue 20: {"toString": 1} was a 500, ["alice"] was read as "alice").
        fc.constantFrom<unknown>({ toString: 1 }, { valueOf: 1 }, ['alice'], [ALICE.email], ADVERSARIAL[0]),
        printable,
        fc.integer(),
      )
      const key = fc.constantFrom('advanceMs', 'set', 'behaviour', 'operation', 'times', 'delayMs', 'fault', 'provider', 'user', 'user', 'tenant', 'project', 'deviceCode', 'userCode', 'name', 'allowSelfRevoke', '__proto__', 'constructor')
      const controlCall = fc.record({
        method: fc.constantFrom('GET', 'POST', 'POST', 'DELETE', 'PUT', 'HEAD', 'OPTIONS'),
        path: fc.oneof(
          fc.constantFrom('', '/', '/reset', '/catalogue', '/requests', '/requests?limit=-1', '/requests?limit=1e9', '/requests?provider=__proto__', '/scenarios', '/clock', '/coverage', '/state', '/sessions', '/ui'),
          fc.tuple(fc.constantFrom('dreadnode', 'webmixhub', 'kratos', 'rested', '__proto__', 'constructor', '%zz'), fc.constantFrom('disableUser', 'enableUser', 'deleteUser', 'deleteUser', 'approveDeviceCode', 'createApiKey', '__proto__', 'constructor', 'toString', 'valueOf', '%E0%A4%A')).map(([p, a]) => `/state/${p}/${a}`),
          fc.constantFrom('dreadnode', 'kratos', '__proto__', 'constructor', 'toString', '%zz', '..%2f').map((p) => `/openapi/${p}.json`),
          printable.map((x) => `/${encodeURIComponent(x)}`),
        ),
        contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', null),
        body: fc.oneof(fc.dictionary(key, value, { maxKeys: 3 }).map((o) => JSON.stringify(o)), fc.json({ maxDepth: 2 }), fc.constantFrom('', '{', 'null', '[1]', `{"set":"${'9'.repeat(70_000)}"}`, `{"user":${'['.repeat(20_000)}${']'.repeat(20_000)}}`)),
      })
      await fc.assert(
        fc.asyncProperty(controlCall, async (c) => {
          const headers: Record<string, string> = c.contentType ? { 'content-type': c.contentType } : {}
          const r = await fetch(`${origin}/__mock${c.path}`, { method: c.method, headers, body: c.method === 'GET' || c.method === 'HEAD' ? undefined : c.body })
          const text = await r.text()
          expect(r.status, `${c.method} /__mock${c.path} ${c.body.slice(0, 100)} → ${text.slice(0, 200)}`).toBeLessThan(500)
          // The control panel's page is HTML; everything else the control API says is JSON or a problem.
          const panelPage = c.path.startsWith('/ui') && r.status === 200
          if (c.method !== 'HEAD' && r.status !== 204 && r.status !== 303) expect(r.headers.get('content-type')).toMatch(panelPage ? /^text\/html/ : /^application\/(problem\+)?json/)
          // Sticky scenarios (a hang, a long delay) would slow the next runs: each run leaves none behind.
          await fetch(`${origin}/__mock/scenarios`, { method: 'DELETE', headers: { 'content-type': 'application/json' } })
          for (const path of ['/__mock/state', '/__mock/clock', '/__mock/requests']) expect((await fetch(origin + path)).status, path).toBe(200)
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      )
      await mode.reset()
      for (const id of ids()) {
        live.delete(id)
        await flows[id]()
        expect(live.has(id), `${id} logs in after the control fuzz`).toBe(true)
      }
    }, Math.max(120_000, RUNS * 60))

    it('a Kratos 303 redirect body is the text/html its catalogue entry declares', async () => {
      const { response } = await send({ provider: 'kratos', method: 'GET', path: '/self-service/logout/browser', headers: { accept: 'text/html' } })
      expect(response.status).toBe(303)
    })
  })
}

suite('closure property, standalone server', true, async () => {
  const server = await startStandalone({ mocks: { seed: 11 } })
  return { mode: await standaloneMode(server), close: () => server.close() }
})

suite('closure property, in-process (setupServer)', false, async () => {
  const { mocks, close } = startInProcess({ seed: 11 })
  await mocks.ready
  return { mode: inProcessMode(mocks), close }
})
