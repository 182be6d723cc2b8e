/**
 * One pipeline, three front doors: every catalogue behaviour of every provider (forced by id, by status, by query
 * twin), each operation's natural answer to a bare request, its forcing mistakes and an undeclared method go once
 * through the msw handlers (`getResponse()`, the in-process and browser door), once through the standalone server
 * (its route table and socket writer) and once through `mocks.dispatcher()` (the undici door for fetch, called with
 * undici's `request`, which like node:http adds no header but Host), on three instances with the same seed, clock and
 * base URLs. Status, headers, cookies and bytes must be identical; only the connection's own headers differ.
 */
import http from 'node:http'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { getResponse } from 'msw'
import { request as undiciRequest, type Dispatcher } from 'undici'
import { createLogoutMocks, registry, type LogoutMocks, type ProviderId } from '../../handlers/index.ts'
import type { HttpMethod, Operation } from '../../handlers/platform/types.ts'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'
import '../../handlers/dispatcher.ts'

const OPTIONS = { seed: 7, clock: { start: '2025-01-15T10:30:00.000Z', frozen: true } }
/** Headers of the HTTP connection, not of the answer. */
const TRANSPORT_HEADERS = new Set(['connection', 'keep-alive', 'content-length', 'transfer-encoding'])
const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

let server: RunningServer
let inProcess: LogoutMocks
let viaDispatcher: LogoutMocks
let dispatcher: Dispatcher

beforeAll(async () => {
  server = await startStandalone({ mocks: OPTIONS })
  inProcess = createLogoutMocks({ ...OPTIONS, origin: server.origin })
  viaDispatcher = createLogoutMocks({ ...OPTIONS, origin: server.origin })
  // Nothing may reach the network: a request the dispatcher does not answer fails the test.
  dispatcher = viaDispatcher.dispatcher({ unhandled: 'error' })
})
beforeEach(async () => {
  await server.mocks.reset()
  await inProcess.reset()
  await viaDispatcher.reset()
})
afterAll(async () => {
  await dispatcher.close()
  await server.close()
})

interface Seen {
  status: number
  headers: [string, string][]
  cookies: string[]
  body: string
}

async function seen(response: Response): Promise<Seen> {
  const headers = [...response.headers].filter(([name]) => name !== 'set-cookie' && !TRANSPORT_HEADERS.has(name)).sort(([a], [b]) => a.localeCompare(b))
  return { status: response.status, headers, cookies: response.headers.getSetCookie(), body: await response.text() }
}

/** The server's answer through node:http, which (unlike fetch) adds no request headers of its own but Host. */
function overTheWire(url: URL, init: { method: string; headers: Record<string, string> }): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method, headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const headers: [string, string][] = Object.entries(res.headers)
          .filter(([name]) => name !== 'set-cookie' && !TRANSPORT_HEADERS.has(name))
          .map(([name, value]) => [name, String(value)] as [string, string])
          .sort(([a], [b]) => a.localeCompare(b))
        resolve({ status: res.statusCode!, headers, cookies: res.headers['set-cookie'] ?? [], body: Buffer.concat(chunks).toString('utf8') })
      })
    })
    req.on('error', reject)
    req.end()
  })
}

/** The dispatcher's answer through undici's `request` (no socket: the dispatcher answers from the route table). */
async function throughDispatcher(url: URL, init: { method: string; headers: Record<string, string> }): Promise<Seen> {
  const res = await undiciRequest(url, { method: init.method as Dispatcher.HttpMethod, headers: init.headers, dispatcher })
  const headers: [string, string][] = Object.entries(res.headers)
    .filter(([name]) => name !== 'set-cookie' && !TRANSPORT_HEADERS.has(name))
    .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)] as [string, string])
    .sort(([a], [b]) => a.localeCompare(b))
  const cookies = res.headers['set-cookie']
  return { status: res.statusCode, headers, cookies: cookies === undefined ? [] : Array.isArray(cookies) ? cookies : [cookies], body: await res.body.text() }
}

function concretePath(op: Operation, path?: string): string {
  if (path !== undefined) return path.replace(/:([A-Za-z0-9_]+)/g, 'x1').replace(/\*/g, 'sample/path')
  return op.sample ?? op.path.replace(/:([A-Za-z0-9_]+)/g, 'x1').replace(/\*/g, 'sample/path')
}

/** The same request through the three doors; the answers as seen by a client. */
async function throughBothDoors(baseUrl: string, op: Operation, init: { method?: string; prefer?: string; query?: string; headers?: Record<string, string>; path?: string }) {
  const url = new URL(baseUrl + concretePath(op, init.path))
  for (const [k, v] of new URLSearchParams(init.query ?? '')) url.searchParams.set(k, v)
  const headers: Record<string, string> = { ...init.headers }
  if (init.prefer) headers.prefer = init.prefer
  const requestInit = { method: init.method ?? op.method, headers }
  const viaMsw = await getResponse(inProcess.handlers, new Request(url, { ...requestInit, headers: { ...requestInit.headers, host: url.host } }))
  expect(viaMsw, `msw answers ${requestInit.method} ${url}`).toBeDefined()
  const msw = await seen(viaMsw!)
  // A HEAD answer travels without its body (Node drops it on the wire; a fetch client sees none either).
  const answers = { msw: requestInit.method === 'HEAD' ? { ...msw, body: '' } : msw, server: await overTheWire(url, requestInit) }
  expect(await throughDispatcher(url, requestInit), `the dispatcher answers ${requestInit.method} ${url} as the server does`).toEqual(answers.server)
  return answers
}

for (const provider of registry) {
  const baseUrl = () => inProcess.providers.find((p) => p.id === provider.id)!.baseUrl
  for (const op of provider.operations) {
    const behaviours = provider.catalogue.filter((b) => b.operation === op.id && b.forceable !== false)
    it.each(behaviours.map((b) => [b.id] as const))('%s: forced by id, status and query twin, the same through msw, the server and the dispatcher', async (id) => {
      const b = behaviours.find((x) => x.id === id)!
      for (const init of [{ prefer: `example=${id}` }, { query: `__example=${id}` }, { prefer: `code=${b.status}` }]) {
        const { msw, server: standalone } = await throughBothDoors(baseUrl(), op, init)
        expect(standalone, `${id} ${JSON.stringify(init)}`).toEqual(msw)
      }
    })

    for (const alias of op.aliases ?? []) {
      it(`${provider.id}.${op.id} on its alias ${alias}: natural and every behaviour forced, the same through both doors`, async () => {
        for (const init of [{}, ...behaviours.map((b) => ({ prefer: `example=${b.id}` }))]) {
          const { msw, server: standalone } = await throughBothDoors(baseUrl(), op, { ...init, path: alias })
          expect(standalone, `${op.method} ${alias} ${JSON.stringify(init)}`).toEqual(msw)
          // the operation answered, not the mock's own problem (no route, bad forcing)
          expect(msw.headers.find(([name]) => name === 'content-type')?.[1], `${op.method} ${alias} ${JSON.stringify(init)}`).not.toBe('application/problem+json')
        }
      })
    }

    if (provider.createSession) {
      it(`${provider.id}.${op.id}: a request carrying a live session (the same seed makes the same session on each), the same through the three doors`, async () => {
        const [a, b, c] = await Promise.all([inProcess, server.mocks, viaDispatcher].map((m) => m.sessions.create({ provider: provider.id as ProviderId, user: 'alice@example.com' })))
        expect(b).toEqual(a)
        expect(c).toEqual(a)
        const { msw, server: standalone } = await throughBothDoors(baseUrl(), op, { headers: a.headers })
        expect(standalone, `${op.method} ${op.path} with a session`).toEqual(msw)
        expect(server.mocks.state()).toEqual(inProcess.state())
        expect(viaDispatcher.state()).toEqual(inProcess.state())
      })
    }

    it(`${provider.id}.${op.id}: the natural answer, forcing mistakes and undeclared methods, the same through both doors`, async () => {
      const declared = new Set(provider.operations.filter((o) => o.path === op.path).map((o) => o.method))
      const cases = [{}, { prefer: 'code=418' }, { query: '__example=nope' }, { prefer: 'delay=abc' }, ...METHODS.filter((m) => !declared.has(m)).map((method) => ({ method }))]
      for (const init of cases) {
        const { msw, server: standalone } = await throughBothDoors(baseUrl(), op, init)
        expect(standalone, `${op.method} ${op.path} ${JSON.stringify(init)}`).toEqual(msw)
      }
    })
  }
}

it('Date follows the platform clock through the three doors, and a session cookie set under it expires after it', async () => {
  for (const mocks of [inProcess, server.mocks, viaDispatcher]) mocks.clock.advance(30 * 86_400_000)
  const kratos = registry.find((p) => p.id === 'kratos')!
  const baseUrl = inProcess.providers.find((p) => p.id === 'kratos')!.baseUrl
  const persistent: { date: string; expires: string }[] = []
  for (const b of kratos.catalogue.filter((x) => x.forceable !== false)) {
    const op = kratos.operations.find((o) => o.id === b.operation)!
    const { msw, server: standalone } = await throughBothDoors(baseUrl, op, { prefer: `example=${b.id}` })
    expect(standalone).toEqual(msw)
    const date = new Map(msw.headers).get('date')
    expect(date, b.id).toBe('Fri, 14 Feb 2025 10:30:00 GMT')
    for (const c of msw.cookies) {
      const expires = /Expires=([^;]+)/i.exec(c)?.[1]
      // A session cookie, not a clearing one (those expire at the epoch with Max-Age=0).
      if (expires && Number(/Max-Age=(\d+)/i.exec(c)?.[1] ?? 0) > 0) persistent.push({ date: date!, expires })
    }
  }
  expect(persistent.length).toBeGreaterThan(0)
  for (const { date, expires } of persistent) expect(Date.parse(expires)).toBeGreaterThan(Date.parse(date))
})
