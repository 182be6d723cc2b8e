/**
 * Rested.dev against the real standalone server only: the logout page's example URL verbatim, and raw request targets
 * that a WHATWG client would normalise before sending (`%2e%2e`, `..`, `%2F`), sent byte-for-byte with node:http;
 * oversized and unread bodies on a keep-alive connection; the catalogue document's sources and assumptions.
 */
import { Agent, request as httpRequest } from 'node:http'
import type { Socket } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'
import { docSections } from '../support/doc-sections.ts'
import { ACCESS_COOKIE, AUTH, LOCKED_AUTH, MESSAGES, RESTED_LOCKED_ORIGIN, SECURE, createClient, errorOf } from './client.ts'

const DOCS_URL_PATH = '/api/1/ce/examples/auth?key=d59eb2859c284168ac48aef65046d5dd&logout=true'

/** Sends a raw request target (no URL parsing on the client side). */
function raw(origin: string, method: string, target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path: target, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

interface KeptAliveResponse {
  status: number
  body: string
  socket: Socket
}

/** Sends a request through a keep-alive agent, the body in `chunks` (chunked unless `length` is declared). */
function keptAlive(agent: Agent, origin: string, path: string, headers: Record<string, string | number>, chunks: string[]): Promise<KeptAliveResponse> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method: 'POST', path, headers, agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, socket: req.socket! }))
    })
    req.on('error', reject)
    for (const chunk of chunks) req.write(chunk)
    req.end()
  })
}

describe('rested (standalone only)', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startStandalone()
  })
  beforeEach(() => server.mocks.reset())
  afterAll(() => server.close())

  it("the logout page's example URL works verbatim: 401 without a token, 204 with one, then the token is dead", async () => {
    const anonymous = await fetch(server.origin + DOCS_URL_PATH, { method: 'POST' })
    expect(await errorOf(anonymous)).toEqual({ status: 401, message: 'Unauthorized' })

    const c = createClient(server.origin)
    const login = await c.call('/api/1/ce/examples/auth?key=d59eb2859c284168ac48aef65046d5dd&login=true', {
      method: 'POST',
      json: { email: 'alice@example.com', password: 'alice-password-1' },
      headers: { origin: 'http://localhost:5173' },
    })
    expect(login.status).toBe(200)
    expect(login.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const token = await c.accessToken()
    expect(token).toBeDefined()

    const out = await c.call(DOCS_URL_PATH, { method: 'POST', headers: { origin: 'http://localhost:5173' } })
    expect(out.status).toBe(204)
    expect(out.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(out.headers.get('access-control-allow-credentials')).toBe('true')
    // "Cookies: None": the cookie stays in the jar, dead; the logged-in-user GET says so.
    expect(await c.accessToken()).toBe(token)
    expect((await fetch(server.origin + SECURE, { headers: { cookie: `${ACCESS_COOKIE}=${token}` } })).status).toBe(401)
    expect(await errorOf(await c.call(AUTH, { headers: { origin: 'http://localhost:5173' } }))).toEqual({ status: 401, message: 'Invalid credentials' })
  })

  it('the standalone CORS layer stays out: a locked project answers a foreign origin with no allow headers', async () => {
    const res = await fetch(`${server.origin}/api/1/ce/locked/auth?key=locked-api-key&logout=true`, { method: 'POST', headers: { origin: 'https://evil.example' } })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(await errorOf(res)).toEqual({ status: 403, message: MESSAGES.origin })
    const pre = await fetch(`${server.origin}/api/1/ce/locked/auth?key=locked-api-key&logout=true`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(pre.status).toBe(403)
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('raw traversal targets: what reaches the handler is refused with the documented 400, or matches no mock', async () => {
    const key = 'key=d59eb2859c284168ac48aef65046d5dd&logout=true'
    const refused = [
      `/api/1/ce/examples%2Fauth?${key}`,
      `/api/1/ce/examples%2fauth?${key}`,
      `/api/1/ce/examples/%2e%2e%2fauth?${key}`,
      `/api/1/ce/examples/%2E%2E/secure?${key}`,
      `/api/1/ce/examples/../secure?${key}`,
      `/api/1/ce/examples/.%2e/auth/x?${key}`,
      `/api/1/ce/examples/%E0%A4?${key}`,
      `/api/1/ce/examples/%?${key}`,
    ]
    for (const target of refused) {
      const res = await raw(server.origin, 'POST', target)
      expect({ target, status: res.status, body: JSON.parse(res.body) }).toEqual({ target, status: 400, body: { message: MESSAGES.invalid } })
    }
    // Climbing out of /ce/ is resolved by the server's URL parsing: no provider path matches, the mock's own 404.
    for (const target of [`/api/1/ce/%2e%2e/%2e%2e/etc/passwd?${key}`, `/api/1/ce/../../examples/auth?${key}`]) {
      const res = await raw(server.origin, 'POST', target)
      expect(res.status, target).toBe(404)
      expect(JSON.parse(res.body).type).toBe('urn:logout-mocks:problem:not-found')
    }
    // And the server keeps serving.
    expect((await raw(server.origin, 'POST', DOCS_URL_PATH)).status).toBe(401)
  })

  it('oversized and unread bodies get their 400 and the keep-alive connection serves the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const good = JSON.stringify({ username: 'alice', password: 'alice-password-1' })
      const first = await keptAlive(agent, server.origin, `${AUTH}&login=true`, { 'content-type': 'application/json', 'content-length': good.length }, [good])
      expect(first.status).toBe(200)
      const pad = 'x'.repeat(256 * 1024)
      const huge = [`{"username":"alice","password":"alice-password-1","pad":"`, ...Array.from({ length: 8 }, () => pad), '"}']
      const hugeLength = huge.reduce((n, c) => n + c.length, 0)
      const oversized: { name: string; headers: Record<string, string | number>; message: string }[] = [
        { name: 'declared length over 1 MiB', headers: { 'content-type': 'application/json', 'content-length': hugeLength }, message: 'Body too large' },
        { name: 'chunked, no declared length', headers: { 'content-type': 'application/json' }, message: 'Body too large' },
        { name: 'not JSON: never read', headers: { 'content-type': 'text/plain', 'content-length': hugeLength }, message: 'Content-Type not valid, only application/json is allowed' },
      ]
      for (const { name, headers, message } of oversized) {
        const res = await keptAlive(agent, server.origin, `${AUTH}&login=true`, headers, huge)
        expect({ name, status: res.status, body: JSON.parse(res.body) }).toEqual({ name, status: 400, body: { message } })
        expect(res.socket, name).toBe(first.socket)
        const next = await keptAlive(agent, server.origin, `${AUTH}&login=true`, { 'content-type': 'application/json', 'content-length': good.length }, [good])
        expect(next.status, name).toBe(200)
        expect(next.socket, name).toBe(first.socket)
      }
    } finally {
      agent.destroy()
    }
  })

  it('GET /__mock/catalogue: assumptions name real options, and every error entry says errorFormat switches its body', async () => {
    type Source = { kind: string; ref: string; option?: string; assumptions?: { what: string; option?: string }[] }
    type Entry = { id: string; schema: string | null; contentType: string | null; source: Source }
    type Doc = { providers: { id: string; options: { name: string; description: string }[]; operations: { behaviours: Entry[] }[] }[] }
    const provider = ((await (await fetch(`${server.origin}/__mock/catalogue`)).json()) as Doc).providers.find((p) => p.id === 'rested')!
    const entries = provider.operations.flatMap((o) => o.behaviours)
    const options = new Set(provider.options.map((o) => o.name))
    const byId = new Map(entries.map((e) => [e.id, e.source]))

    // Every option an entry names (its own, or one of its documented parts' assumptions) is a real option key.
    for (const { id, source } of entries) {
      for (const option of [source.option, ...(source.assumptions ?? []).map((a) => a.option)]) {
        if (option !== undefined) expect(options, `${id} names option ${option}`).toContain(option)
      }
    }
    // The error entries declare the default (JSON) and say, in their source, that errorFormat "text" serves text/plain:
    // documented ones in an assumption naming the option, assumed ones through the docs section their ref opens.
    const sections = docSections('docs/providers/rested.md')
    const errors = entries.filter((e) => e.schema === 'error')
    expect(errors.length).toBeGreaterThan(30)
    for (const { id, contentType, source } of errors) {
      expect(contentType, id).toBe('application/json')
      const note = source.kind === 'documented' ? source.assumptions?.find((a) => a.option === 'errorFormat')?.what : sections.get(source.ref.split('#')[1] ?? '')
      expect(note, id).toMatch(/errorFormat[\s\S]*"text"[\s\S]*text\/plain/)
    }
    expect(provider.options.find((o) => o.name === 'errorFormat')!.description).toMatch(/catalogue.*text\/plain/)

    expect(byId.get('rested.logout.success')).toEqual({ kind: 'documented', ref: 'https://rested.dev/docs/authentication/authentication-logout' })
    expect(byId.get('rested.logout.successClearingCookie')).toMatchObject({ kind: 'assumed', option: 'clearCookieOnLogout' })
    expect(byId.get('rested.logout.unauthenticated')).toMatchObject({ kind: 'assumed', option: 'unauthenticatedLogout' })
    expect(byId.get('rested.logout.idempotent')).toMatchObject({ kind: 'assumed', option: 'unauthenticatedLogout' })
    for (const id of ['rested.login.success', 'rested.login.successDataOnly']) {
      const source = byId.get(id)!
      expect(source.kind, id).toBe('documented')
      expect(source.assumptions?.map((a) => a.option), id).toEqual(expect.arrayContaining(['passwordInLoginBodies', 'accessTokenTtl']))
    }
    for (const op of ['login', 'register']) expect(byId.get(`rested.${op}.usernameEmailRules`)?.kind, op).toBe('documented')
    // Round 2 of the docs: register's missing password and login's wrong credentials are documented, and so is login's
    // missing password on the login page's twin (its reason text is ours).
    expect(byId.get('rested.register.missingPassword')).toMatchObject({ kind: 'documented', ref: 'https://rested.dev/docs/authentication/authentication-register-user' })
    expect(byId.get('rested.login.invalidCredentials')).toMatchObject({ kind: 'documented', ref: 'https://yawe.dev/docs/authentication/authentication-login/' })
    expect(byId.get('rested.login.missingPassword')).toMatchObject({ kind: 'documented', ref: 'https://yawe.dev/docs/authentication/authentication-login/' })
    // The create page accepts text/plain too: refusing it is the mock's assumption, not the page's.
    expect(byId.get('rested.secureCreate.badContentType')).toMatchObject({ kind: 'assumed', ref: 'docs/providers/rested.md#data-endpoints' })
    for (const name of ['missingAccessToken', 'invalidCredentials', 'tokenExpired', 'noUserFound']) {
      expect(byId.get(`rested.loggedInUser.${name}`), name).toMatchObject({ kind: 'documented', ref: 'https://yawe.dev/docs/authentication/authentication-get-logged-in-user/' })
    }
    expect(byId.get('rested.logout.missingApiKey')?.kind).toBe('documented')
  })

  it('a browser forcing with a query twin: its preflight answers normally, the forced response and a forcing mistake are readable', async () => {
    const url = `${server.origin}${LOCKED_AUTH}&logout=true&__code=401`
    const origin = RESTED_LOCKED_ORIGIN
    const pre = await fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin)
    expect(pre.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, Prefer')
    expect(server.mocks.journal.list().at(-1)).toMatchObject({ behaviour: 'rested.preflight.allowed', forced: null })

    const forced = await fetch(url, { method: 'POST', headers: { origin } })
    expect(forced.headers.get('access-control-allow-origin')).toBe(origin)
    expect(await errorOf(forced)).toEqual({ status: 401, message: 'Unauthorized' })
    expect(server.mocks.journal.list().at(-1)).toMatchObject({ behaviour: 'rested.logout.unauthenticated', forced: 'query' })

    // A forcing mistake is the mock's, not Rested.dev's: the platform's CORS answers it (loopback origins by default,
    // issue 20 item 8), so a page on the project's own (non-loopback) origin reads it only when --cors-origins says so.
    const mistakeFrom = (from: string) => fetch(`${server.origin}${LOCKED_AUTH}&logout=true&__code=418`, { method: 'POST', headers: { origin: from } })
    expect((await mistakeFrom(origin)).headers.get('access-control-allow-origin')).toBeNull()
    const page = 'http://localhost:5173'
    const mistake = await mistakeFrom(page)
    expect(mistake.status).toBe(400)
    expect(mistake.headers.get('x-logout-mocks-error')).toBe('unknown-forced-status')
    expect(mistake.headers.get('access-control-allow-origin')).toBe(page)
    expect(mistake.headers.get('access-control-expose-headers')).toContain('X-Logout-Mocks-Error')
    expect(((await mistake.json()) as { validCodes: number[] }).validCodes).toEqual([204, 400, 401, 403])
  })
})
