/**
 * `mocks.dispatcher()` with real clients: Node's global fetch and the `undici` package's fetch and request. Each
 * client's answer equals what the same client gets from the standalone server (same seed, clock and base URLs), and
 * the journals agree; then what only a dispatcher does: redirects left to the client, request bodies and streams,
 * AbortSignal, delays and faults, requests no mock serves (to the wrapped dispatcher, or refused), the global
 * dispatcher put back by close(), and handlers of undici's controller interface (a composed dispatcher).
 */
import http from 'node:http'
import { Readable } from 'node:stream'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fetch as undiciFetch, getGlobalDispatcher, request as undiciRequest, setGlobalDispatcher, type Dispatcher } from 'undici'
import { createLogoutMocks, type LogoutMocks } from '../../handlers/index.ts'
import { UnhandledRequestError } from '../../handlers/dispatcher.ts'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'

const OPTIONS = { seed: 11, clock: { start: '2025-01-15T10:30:00.000Z', frozen: true } }
const ALICE = JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' })
const TRANSPORT_HEADERS = new Set(['connection', 'keep-alive', 'content-length', 'transfer-encoding'])

/** A local server standing for "the network": it says what it received. */
let network: http.Server
let networkOrigin = ''
const received: { method: string; url: string; body: string }[] = []
let server: RunningServer
let mocks: LogoutMocks
let dispatcher: Dispatcher

beforeAll(async () => {
  network = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`network saw ${req.method} ${req.url}`)
    })
  })
  await new Promise<void>((resolve) => network.listen(0, '127.0.0.1', resolve))
  networkOrigin = `http://127.0.0.1:${(network.address() as AddressInfo).port}`
  const kratos = { errorUiUrl: `${networkOrigin}/error-ui` }
  server = await startStandalone({ mocks: { ...OPTIONS, providers: { kratos } } })
  mocks = createLogoutMocks({ ...OPTIONS, origin: server.origin, providers: { kratos } })
  dispatcher = mocks.dispatcher()
})
beforeEach(async () => {
  received.length = 0
  await server.mocks.reset()
  await mocks.reset()
})
afterAll(async () => {
  await dispatcher.close()
  await server.close()
  await new Promise((resolve) => network.close(resolve))
})

interface Seen {
  status: number
  headers: [string, string][]
  cookies: string[]
  body: string
}

async function seen(response: Response | Awaited<ReturnType<typeof undiciFetch>>): Promise<Seen> {
  const headers = [...response.headers].filter(([name]) => name !== 'set-cookie' && !TRANSPORT_HEADERS.has(name)).sort(([a], [b]) => a.localeCompare(b))
  return { status: response.status, headers, cookies: response.headers.getSetCookie(), body: await response.text() }
}

const dreadnode = (path: string) => `${server.origin}/api/v1${path}`
const journal = (m: LogoutMocks) => m.journal.list().map(({ durationMs: _d, at: _a, ...entry }) => entry)

/** Requests of every shape a client sends: no body, a JSON body, forcing, a query twin, a manual redirect. */
const REQUESTS: { name: string; path: () => string; init: RequestInit }[] = [
  { name: 'logout without a session (natural 401)', path: () => dreadnode('/auth/logout'), init: { method: 'POST' } },
  { name: 'login with a JSON body (two Set-Cookie)', path: () => dreadnode('/auth/login'), init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: ALICE } },
  { name: 'forced by Prefer: example', path: () => dreadnode('/auth/logout'), init: { method: 'POST', headers: { prefer: 'example=dreadnode.logout.success' } } },
  { name: 'forced by the query twin', path: () => `${dreadnode('/auth/logout')}?__code=200`, init: { method: 'POST' } },
  { name: 'a forcing mistake', path: () => dreadnode('/auth/logout'), init: { method: 'POST', headers: { prefer: 'code=418' } } },
  { name: 'an undeclared method (405)', path: () => dreadnode('/auth/logout'), init: { method: 'PATCH' } },
  { name: 'Kratos browser logout, 303 to the error UI, redirect: manual', path: () => `${server.origin}/auth/self-service/logout/browser`, init: { redirect: 'manual' } },
]

describe.each([
  ['Node’s global fetch', (url: string, init: RequestInit & { dispatcher?: Dispatcher }) => fetch(url, init as RequestInit)],
  ['undici’s fetch', (url: string, init: RequestInit & { dispatcher?: Dispatcher }) => undiciFetch(url, init as Parameters<typeof undiciFetch>[1])],
] as const)('%s', (_name, client) => {
  it.each(REQUESTS.map((r) => [r.name, r] as const))('%s: the same answer and journal as the standalone server', async (_n, { path, init }) => {
    const viaServer = await seen(await client(path(), init))
    const viaDispatcher = await seen(await client(path(), { ...init, dispatcher }))
    expect(viaDispatcher).toEqual(viaServer)
    expect(journal(mocks)).toEqual(journal(server.mocks))
    expect(mocks.coverage()).toEqual(server.mocks.coverage())
    expect(received).toEqual([])
  })

  it('a whole session: login, the cookies sent back, logout, the old cookies refused', async () => {
    const login = await client(dreadnode('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: ALICE, dispatcher })
    expect(login.status).toBe(200)
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    expect(cookie).toMatch(/^access_token=[^;]+; refresh_token=[^;]+$/)
    expect((await client(dreadnode('/user'), { headers: { cookie }, dispatcher })).status).toBe(200)
    const logout = await client(dreadnode('/auth/logout'), { method: 'POST', headers: { cookie }, dispatcher })
    expect(logout.status).toBe(200)
    expect(logout.headers.getSetCookie()).toHaveLength(2)
    expect((await client(dreadnode('/user'), { headers: { cookie }, dispatcher })).status).toBe(401)
    expect(mocks.journal.list().map((e) => e.behaviour)).toEqual(['dreadnode.login.success', 'dreadnode.user.success', 'dreadnode.logout.success', 'dreadnode.user.unauthenticated'])
    expect(mocks.coverage().providers.dreadnode!.operations.logout!.find((b) => b.id === 'dreadnode.logout.success')).toMatchObject({ natural: 1 })
  })

  it('redirect: follow follows the mock’s 303 to the error UI, which the wrapped dispatcher fetches from the network', async () => {
    const response = await client(`${server.origin}/auth/self-service/logout/browser`, { dispatcher })
    expect(response.redirected).toBe(true)
    expect(response.url).toMatch(new RegExp(`^${networkOrigin}/error-ui\\?id=`))
    expect([response.status, await response.text()]).toEqual([200, `network saw GET ${new URL(response.url).pathname}${new URL(response.url).search}`])
    expect(received).toHaveLength(1)
  })

  it('a streamed request body is read as the server reads it', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of [ALICE.slice(0, 10), ALICE.slice(10)]) controller.enqueue(new TextEncoder().encode(part))
        controller.close()
      },
    })
    const response = await client(dreadnode('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half', dispatcher } as RequestInit)
    expect(response.status).toBe(200)
    expect(mocks.journal.list()[0]!.exchange!.request.body).toBe(ALICE)
  })

  it('an AbortSignal ends a delayed answer and a hung one with an AbortError; the next request is answered', async () => {
    for (const prefer of ['delay=60000', 'fault=hang']) {
      const controller = new AbortController()
      const pending = client(dreadnode('/auth/logout'), { method: 'POST', headers: { prefer }, signal: controller.signal, dispatcher })
      // The answer is being computed (journaled) before the client gives up.
      await expect.poll(() => mocks.journal.size).toBeGreaterThan(0)
      controller.abort()
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
      mocks.journal.clear()
    }
    expect((await client(dreadnode('/auth/logout'), { method: 'POST', dispatcher })).status).toBe(401)
  })

  it('a delay is waited, then the answer is the undelayed one', async () => {
    const delayed = await seen(await client(dreadnode('/auth/logout'), { method: 'POST', headers: { prefer: 'delay=20' }, dispatcher }))
    const plain = await seen(await client(dreadnode('/auth/logout'), { method: 'POST', dispatcher }))
    expect(delayed).toEqual(plain)
  })

  it('faults: network-error and connection-reset fail the fetch with a TypeError, as over a socket; so does a fault scenario', async () => {
    for (const prefer of ['fault=network-error', 'fault=connection-reset']) {
      const viaDispatcher = await client(dreadnode('/auth/logout'), { method: 'POST', headers: { prefer }, dispatcher }).catch((e: unknown) => e)
      const viaServer = await client(dreadnode('/auth/logout'), { method: 'POST', headers: { prefer } }).catch((e: unknown) => e)
      expect(viaDispatcher).toBeInstanceOf(TypeError)
      expect(viaServer).toBeInstanceOf(TypeError)
      expect((viaDispatcher as TypeError).message).toBe((viaServer as TypeError).message)
    }
    mocks.scenarios.add({ operation: 'dreadnode.logout', fault: 'network-error', times: 1 })
    await expect(client(dreadnode('/auth/logout'), { method: 'POST', dispatcher })).rejects.toBeInstanceOf(TypeError)
    expect((await client(dreadnode('/auth/logout'), { method: 'POST', dispatcher })).status).toBe(401)
    expect(mocks.journal.list().map((e) => [e.status, e.fault])).toEqual([
      [0, 'network-error'],
      [0, 'connection-reset'],
      [0, 'network-error'],
      [401, null],
    ])
  })

  it('a URL no mock serves goes to the wrapped dispatcher with its body, under a provider’s base URL too', async () => {
    const elsewhere = await client(`${networkOrigin}/elsewhere?x=1`, { method: 'POST', body: 'hello', dispatcher })
    expect(await elsewhere.text()).toBe('network saw POST /elsewhere?x=1')
    const own = createLogoutMocks({ only: ['dreadnode'], providers: { dreadnode: { baseUrl: networkOrigin } } })
    const ownDispatcher = own.dispatcher()
    const unknownPath = await client(`${networkOrigin}/api/v1/nothing-here`, { method: 'PUT', body: 'payload', dispatcher: ownDispatcher })
    expect(await unknownPath.text()).toBe('network saw PUT /api/v1/nothing-here')
    // The base URL's own operations are still the mock's.
    expect((await client(`${networkOrigin}/api/v1/auth/logout`, { method: 'POST', dispatcher: ownDispatcher })).status).toBe(401)
    expect(received).toEqual([
      { method: 'POST', url: '/elsewhere?x=1', body: 'hello' },
      { method: 'PUT', url: '/api/v1/nothing-here', body: 'payload' },
    ])
    await ownDispatcher.close()
  })

  it('unhandled: "error" refuses a URL no mock serves with an error naming it, and nothing reaches the network', async () => {
    const strict = mocks.dispatcher({ unhandled: 'error' })
    const error = await client(`${networkOrigin}/elsewhere`, { dispatcher: strict }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as TypeError).cause).toBeInstanceOf(UnhandledRequestError)
    expect(((error as TypeError).cause as Error).message).toContain(`GET ${networkOrigin}/elsewhere`)
    expect(received).toEqual([])
    expect((await client(dreadnode('/auth/logout'), { method: 'POST', dispatcher: strict })).status).toBe(401)
    await strict.close()
  })
})

describe('undici’s request', () => {
  it('answers with every Set-Cookie, and reads Buffer and Readable bodies', async () => {
    for (const body of [Buffer.from(ALICE), Readable.from([ALICE.slice(0, 5), ALICE.slice(5)])]) {
      await mocks.reset()
      const res = await undiciRequest(dreadnode('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body, dispatcher })
      expect(res.statusCode).toBe(200)
      expect(res.headers['set-cookie']).toHaveLength(2)
      expect(JSON.parse(await res.body.text())).toMatchObject({ email_address: 'alice@example.com' })
    }
  })

  it('a composed dispatcher (undici’s controller handler interface) answers the same', async () => {
    const composed = dispatcher.compose((dispatch) => (opts, handler) => dispatch(opts, handler))
    const login = (d: Dispatcher) => undiciRequest(dreadnode('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: ALICE, dispatcher: d })
    const plain = await login(dispatcher)
    const plainBody = await plain.body.text()
    await mocks.reset()
    const viaComposed = await login(composed)
    expect([viaComposed.statusCode, viaComposed.headers, await viaComposed.body.text()]).toEqual([plain.statusCode, plain.headers, plainBody])
  })
})

describe('the global dispatcher', () => {
  let before: Dispatcher
  beforeEach(() => {
    before = getGlobalDispatcher()
  })
  afterEach(() => setGlobalDispatcher(before))

  it('setGlobalDispatcher(mocks.dispatcher()) answers every fetch; close() puts the previous one back and stops answering', async () => {
    const global = mocks.dispatcher()
    setGlobalDispatcher(global)
    expect((await fetch(dreadnode('/auth/logout'), { method: 'POST' })).status).toBe(401)
    expect((await undiciFetch(dreadnode('/auth/logout'), { method: 'POST' })).status).toBe(401)
    expect(mocks.journal.size).toBe(2)
    await global.close()
    expect(getGlobalDispatcher()).toBe(before)
    // Back on the network: the standalone server answers now, and the closed dispatcher refuses.
    expect((await fetch(dreadnode('/auth/logout'), { method: 'POST' })).status).toBe(401)
    expect(server.mocks.journal.size).toBe(1)
    await expect(fetch(dreadnode('/auth/logout'), { method: 'POST', dispatcher: global } as RequestInit)).rejects.toMatchObject({ cause: { code: 'UND_ERR_CLOSED' } })
  })

  it('close() of a dispatcher that is not the global one leaves the global alone', async () => {
    const other = mocks.dispatcher()
    await other.close()
    expect(getGlobalDispatcher()).toBe(before)
  })

  it('options are checked', () => {
    expect(() => mocks.dispatcher({ unhandled: 'warn' as 'error' })).toThrow(/unhandled must be 'bypass' or 'error', got "warn"/)
    expect(() => mocks.dispatcher({ fallback: {} as Dispatcher })).toThrow(/fallback must be an undici Dispatcher/)
  })
})
