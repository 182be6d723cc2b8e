/**
 * The standalone server over real sockets: control API, CORS, JSON errors of our own, bad input, faults.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import net from 'node:net'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'
import { checkSchema } from '../../handlers/platform/catalogue/schema-check.ts'
import { buildOpenApi } from '../../handlers/platform/catalogue/openapi.ts'
import { createLogoutMocks } from '../../handlers/index.ts'

let server: RunningServer
let origin: string
beforeAll(async () => {
  server = await startStandalone({ mocks: { journalSize: 50 } })
  origin = server.origin
})
beforeEach(() => server.mocks.reset())
afterAll(() => server.close())

const json = (r: Response) => r.json() as Promise<Record<string, unknown>>
const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(origin + path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) })

/** Sends raw bytes and returns what the server wrote back before closing. */
function raw(request: string): Promise<string> {
  const { port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(request))
    let data = ''
    socket.on('data', (d) => (data += d.toString()))
    socket.on('end', () => resolve(data))
    socket.on('error', reject)
  })
}

describe('control API', () => {
  it('GET /__mock lists the routes and providers', async () => {
    const index = await json(await fetch(`${origin}/__mock`))
    expect(index.routes).toEqual(expect.arrayContaining([expect.stringContaining('POST   /__mock/reset')]))
    expect(index.providers).toEqual(expect.arrayContaining([{ id: 'dreadnode', title: 'Dreadnode platform API', baseUrl: origin }]))
  })

  it('scenarios: POST, applied to the next requests, DELETE', async () => {
    const created = await post('/__mock/scenarios', { behaviour: 'dreadnode.logout.rateLimited', times: 1 })
    expect(created.status).toBe(201)
    expect(await json(created)).toMatchObject({ scenario: { operation: 'dreadnode.logout', remaining: 1 } })
    const limited = await post('/api/v1/auth/logout')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    expect((await post('/api/v1/auth/logout')).status).toBe(401)
    await post('/__mock/scenarios', { operation: 'dreadnode.logout', fault: 'network-error' })
    expect((await json(await fetch(`${origin}/__mock/scenarios`))).scenarios).toHaveLength(1)
    expect((await fetch(`${origin}/__mock/scenarios`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' } })).status).toBe(200)
    expect((await post('/api/v1/auth/logout')).status).toBe(401)
  })

  it('invalid control input is a 400 problem, never a crash', async () => {
    const bad = await fetch(`${origin}/__mock/scenarios`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toBe('application/problem+json')
    expect((await json(bad)).detail).toMatch(/not JSON/)
    expect((await post('/__mock/scenarios', { behaviour: 42 })).status).toBe(400)
    expect((await post('/__mock/scenarios', ['x'])).status).toBe(400)
    expect((await post('/__mock/clock', { advanceMs: 'soon' })).status).toBe(400)
    expect((await post('/__mock/sessions', { provider: 'nope', user: 'alice' })).status).toBe(400)
    expect((await post('/__mock/sessions', { provider: 'dreadnode', user: 'zed' })).status).toBe(404)
    expect((await fetch(`${origin}/__mock/openapi/nope.json`)).status).toBe(404)
    expect((await fetch(`${origin}/__mock/whatever`)).status).toBe(404)
  })

  it('clock: advance expires a session; reset brings it back', async () => {
    const creds = await json(await post('/__mock/sessions', { provider: 'dreadnode', user: 'alice@example.com' }))
    // The access cookie alone: with the refresh cookie beside it an expired access token is rotated (rotateOnExpiredAccess).
    const cookie = `access_token=${creds.accessToken as string}`
    expect((await fetch(`${origin}/api/v1/user`, { headers: { cookie } })).status).toBe(200)
    const before = (await json(await fetch(`${origin}/__mock/clock`))).epochMs as number
    const after = await json(await post('/__mock/clock', { advanceMs: 3_600_000 }))
    expect((after.epochMs as number) - before).toBeGreaterThanOrEqual(3_600_000)
    expect((await fetch(`${origin}/api/v1/user`, { headers: { cookie } })).status).toBe(401)
    expect((await post('/__mock/reset')).status).toBe(200)
    expect(((await json(await fetch(`${origin}/__mock/state`))).dreadnode as { sessions: unknown[] }).sessions).toEqual([])
  })

  it('requests journal and coverage over HTTP', async () => {
    await post('/api/v1/auth/logout')
    const journal = await json(await fetch(`${origin}/__mock/requests?provider=dreadnode`))
    expect(journal).toMatchObject({ capacity: 50, total: 1 })
    expect((journal.entries as unknown[])[0]).toMatchObject({ method: 'POST', status: 401, behaviour: 'dreadnode.logout.unauthenticated', clientIp: '127.0.0.1' })
    const coverage = await json(await fetch(`${origin}/__mock/coverage`))
    expect((coverage.providers as Record<string, { documented: { served: number } }>).dreadnode.documented.served).toBe(1)
  })

  it('OpenAPI 3.1 per provider, generated from the catalogue', async () => {
    const doc = await json(await fetch(`${origin}/__mock/openapi/dreadnode.json`))
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.servers).toEqual([{ url: origin }])
    const logout = (doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)['/api/v1/auth/logout'].post
    expect(Object.keys(logout.responses)).toEqual(['200', '400', '401', '403', '404', '409', '422', '426', '429', '500', '502', '504'])
    expect(logout.responses['401']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/errorEnvelope' } } } })
    expect((doc.components as { schemas: Record<string, unknown> }).schemas.errorEnvelope).toBeDefined()
  })
  it('every provider\'s OpenAPI document lists all its operations and behaviours, and every $ref resolves inside it', async () => {
    for (const provider of server.mocks.catalogue.providers) {
      const doc = await json(await fetch(`${origin}/__mock/openapi/${provider.id}.json`))
      const refs: string[] = []
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk)
        if (typeof node !== 'object' || node === null) return
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && typeof v === 'string') refs.push(v)
          else walk(v)
        }
      }
      walk(doc)
      for (const ref of refs) {
        expect(ref, `${provider.id}: ${ref}`).toMatch(/^#\//)
        const target = ref
          .slice(2)
          .split('/')
          .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc)
        expect(target, `${provider.id}: ${ref} resolves`).toBeDefined()
      }
      const listed = Object.values(doc.paths as Record<string, Record<string, { responses: Record<string, { 'x-behaviours': { id: string }[] }> }>>).flatMap((ops) =>
        Object.values(ops).flatMap((op) => Object.values(op.responses).flatMap((r) => r['x-behaviours'].map((b) => b.id))),
      )
      // An operation's aliases are paths of their own in the document, each listing the operation's behaviours.
      const pathsOf = (operation: string) => 1 + (provider.operations.find((o) => o.id === operation)?.aliases?.length ?? 0)
      expect(listed.sort()).toEqual(provider.catalogue.flatMap((b) => Array<string>(pathsOf(b.operation)).fill(b.id)).sort())
    }
  })
})

describe('OpenAPI request bodies', () => {
  /** Bodies real clients send (the fixtures' alice), and one missing what the schema requires. */
  const SAMPLES: Record<string, { required: boolean; good: unknown; bad?: unknown }> = {
    'dreadnode.login': { required: true, good: { email: 'alice@example.com', password: 'alice-password-1' }, bad: { email: 'alice@example.com' } },
    'dreadnode.refresh': { required: false, good: {} }, // refreshBody: 'optional', the default
    'dreadnode.deviceToken': { required: true, good: { device_code: 'abc' }, bad: {} },
    'dreadnode.mintApiKey': { required: true, good: { name: 'ci', allow_self_revoke: true }, bad: { allow_self_revoke: true } },
    'kratos.performNativeLogout': { required: true, good: { session_token: 'ory_st_x' } },
  }

  it('every operation that reads a body documents it, with a schema that takes what clients send', async () => {
    const declared: string[] = []
    for (const provider of server.mocks.catalogue.providers) {
      const doc = (await json(await fetch(`${origin}/__mock/openapi/${provider.id}.json`))) as { paths: Record<string, Record<string, { requestBody?: { required: boolean; content: Record<string, { schema: { $ref: string } }> } }>> }
      for (const op of provider.operations) {
        if (!op.requestBody) continue
        declared.push(`${provider.id}.${op.id}`)
        const path = op.path.replace(/:(\w+)/g, '{$1}')
        const body = doc.paths[path][op.method.toLowerCase()].requestBody
        expect(body?.content['application/json'].schema.$ref, `${provider.id}.${op.id}`).toBe(`#/components/schemas/${op.requestBody.schema}`)
        const sample = SAMPLES[`${provider.id}.${op.id}`]
        expect(sample, `a sample body for ${provider.id}.${op.id}`).toBeDefined()
        expect(body?.required, `${provider.id}.${op.id} required`).toBe(sample.required)
        const schema = provider.schemas[op.requestBody.schema] as object
        expect(checkSchema(schema, sample.good)).toEqual([])
        if (sample.bad !== undefined) expect(checkSchema(schema, sample.bad)).not.toEqual([])
      }
    }
    expect(declared.sort()).toEqual(Object.keys(SAMPLES).sort())
  })

  it('an option that makes a body required makes the document say so (Dreadnode refreshBody)', () => {
    const refreshBody = (mocks: ReturnType<typeof createLogoutMocks>) =>
      (buildOpenApi(mocks, 'dreadnode').paths['/api/v1/auth/refresh'] as { post: { requestBody: { required: boolean } } }).post.requestBody.required
    expect(refreshBody(createLogoutMocks({ only: ['dreadnode'] }))).toBe(false)
    expect(refreshBody(createLogoutMocks({ only: ['dreadnode'], providers: { dreadnode: { refreshBody: 'required' } } }))).toBe(true)
  })
})

describe('transport', () => {
  it('CORS: the Origin is reflected with credentials and exposed headers; preflights are answered', async () => {
    const r = await post('/api/v1/auth/logout', undefined, { Origin: 'http://localhost:5173' })
    expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(r.headers.get('access-control-allow-credentials')).toBe('true')
    expect(r.headers.get('access-control-expose-headers')).toContain('Retry-After')
    const pre = await fetch(`${origin}/api/v1/auth/logout`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, prefer' },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type, prefer')
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST')
  })

  it('CORS exposes the platform\'s headers and those of the providers served: Ory\'s only when Kratos is', async () => {
    const exposed = async (srv: RunningServer) =>
      (await fetch(`${srv.origin}/api/v1/auth/logout`, { method: 'POST', headers: { Origin: 'http://localhost:5173' } })).headers.get('access-control-expose-headers')
    const all = await exposed(server)
    for (const name of ['Authorization', 'Location', 'Retry-After', 'X-RateLimit-Remaining', 'X-Logout-Mocks-Error', 'Ory-Error-Id', 'X-Kratos-Authenticated-Identity-Id', 'X-Request-Id']) {
      expect(all?.split(', '), name).toContain(name)
    }
    const dreadnodeOnly = await startStandalone({ mocks: { only: ['dreadnode'] } })
    try {
      const some = (await exposed(dreadnodeOnly))?.split(', ')
      expect(some).toContain('Retry-After')
      expect(some).not.toContain('Ory-Error-Id')
      expect(some).not.toContain('X-Kratos-Authenticated-Identity-Id')
      expect(some).not.toContain('X-Request-Id') // WebmixHub's
    } finally {
      await dreadnodeOnly.close()
    }
  })

  it('unknown paths get our JSON 404, unknown methods a 405 with Allow; no x-powered-by', async () => {
    const nf = await fetch(`${origin}/nowhere`)
    expect(nf.status).toBe(404)
    expect(nf.headers.get('content-type')).toBe('application/problem+json')
    expect(nf.headers.get('x-powered-by')).toBeNull()
    expect(await json(nf)).toMatchObject({ type: 'urn:logout-mocks:problem:not-found' })
    const m = await fetch(`${origin}/api/v1/auth/logout`, { method: 'PATCH' })
    expect(m.status).toBe(405)
    expect(m.headers.get('allow')).toBe('POST')
  })

  it('an oversized cookie header gets a JSON 431 and the server keeps serving', async () => {
    const reply = await raw(`POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\nCookie: access_token=${'a'.repeat(20_000)}\r\n\r\n`)
    expect(reply).toMatch(/^HTTP\/1.1 431 Request Header Fields Too Large\r\n/)
    expect(reply).toContain('"type":"urn:logout-mocks:problem:headers-too-large"')
    // The headers every mock problem carries, on the raw socket too: the kind, and the platform clock's Date.
    expect(reply).toMatch(/\r\nx-logout-mocks-error: headers-too-large\r\n/)
    expect(reply).toMatch(/\r\ndate: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT\r\n/)
    expect((await post('/api/v1/auth/logout')).status).toBe(401)
  })

  it('a large but accepted cookie is a documented 422, not a crash', async () => {
    const r = await post('/api/v1/auth/logout', undefined, { Cookie: `access_token=${'x'.repeat(12_000)}` })
    expect(r.status).toBe(422)
  })

  it('malformed requests: broken percent-encoding, a garbage request line, an absolute-form target', async () => {
    expect((await fetch(`${origin}/api/v1/auth/logout%E0%A4%A`, { method: 'POST' })).status).toBe(404)
    expect((await fetch(`${origin}/api/v1/auth/logout?x=%zz`, { method: 'POST' })).status).toBe(401)
    expect(await raw('GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1.1 400 [\s\S]*malformed-request/)
    expect(await raw('GET http://elsewhere.example/api HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1.1 400 [\s\S]*bad-request-target/)
    expect((await post('/api/v1/auth/logout')).status).toBe(401)
  })

  it('faults: connection-reset and hang end or stall the connection; the server keeps serving', async () => {
    await expect(post('/api/v1/auth/logout', undefined, { Prefer: 'fault=connection-reset' })).rejects.toThrow()
    await expect(fetch(`${origin}/api/v1/auth/logout?__fault=hang`, { method: 'POST', signal: AbortSignal.timeout(300) })).rejects.toThrow(/aborted|timeout/i)
    expect((await post('/api/v1/auth/logout')).status).toBe(401)
  })
})
