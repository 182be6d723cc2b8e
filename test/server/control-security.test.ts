/**
 * The control plane's guard over real HTTP: other websites cannot reach `/__mock` (CORS, Content-Type, Host,
 * Origin), an optional token locks it, and curl and the same-origin panel keep working.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import http from 'node:http'
import { startServer, type RunningServer } from '../../server.ts'
import { exposureWarning, isLoopbackBind } from '../../server/control-guard.ts'
import { HELP, parseCli, UsageError } from '../../server/cli.ts'

const JSON_TYPE = { 'Content-Type': 'application/json' }
const body = (r: Response) => r.json() as Promise<Record<string, unknown>>

/** A request with any Host header (fetch always sends the URL's host); resolves status, headers and body text. */
function rawRequest(origin: string, path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path, method, headers, agent: false, setHost: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('control API security (default policy)', () => {
  let server: RunningServer
  let origin: string
  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', log: null, controlOrigins: ['http://localhost:5173'], allowedHosts: ['mock.test', '.dev.test'] })
    origin = server.origin
  })
  beforeEach(() => server.mocks.reset())
  afterAll(() => server.close())

  /** A browser's preflight for a credentialed JSON POST from `from`, asking for private-network access too. */
  const preflight = (path: string, from: string) =>
    fetch(origin + path, {
      method: 'OPTIONS',
      headers: { Origin: from, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type', 'Access-Control-Request-Private-Network': 'true' },
    })
  const clockNow = async () => ((await body(await fetch(`${origin}/__mock/clock`))).epochMs as number)

  it('a cross-origin preflight to the control API is denied, without CORS or Private-Network grants', async () => {
    const pre = await preflight('/__mock/sessions', 'https://evil.example')
    expect(pre.status).toBe(403)
    expect(pre.headers.get('content-type')).toBe('application/problem+json')
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
    expect(pre.headers.get('access-control-allow-private-network')).toBeNull()
    expect((await body(pre)).type).toBe('urn:logout-mocks:problem:forbidden-origin')
  })

  it('a cross-origin request to the control API is refused and reads nothing', async () => {
    const r = await fetch(`${origin}/__mock/state`, { headers: { Origin: 'https://evil.example' } })
    expect(r.status).toBe(403)
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
    expect(JSON.stringify(await body(r))).not.toContain('sessions')
    // A no-cors request carries no Origin, but the browser marks it cross-site.
    const noCors = await rawRequest(origin, '/__mock/state', { Host: new URL(origin).host, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'script' })
    expect(noCors.status).toBe(403)
    const framed = await rawRequest(origin, '/__mock/state', { Host: new URL(origin).host, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'iframe' })
    expect(framed.status).toBe(403)
    // Following a link to the control API from another site is a top-level navigation the other site cannot read.
    const link = await rawRequest(origin, '/__mock/clock', { Host: new URL(origin).host, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' })
    expect(link.status).toBe(200)
  })

  it('an origin allowed with controlOrigins gets CORS with credentials, never Private-Network', async () => {
    const pre = await preflight('/__mock/clock', 'http://localhost:5173')
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true')
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST')
    expect(pre.headers.get('access-control-allow-private-network')).toBeNull()
    const r = await fetch(`${origin}/__mock/clock`, { headers: { Origin: 'http://localhost:5173' } })
    expect(r.status).toBe(200)
    expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
  })

  it('provider routes answer CORS for loopback origins only by default (issue 20 item 8)', async () => {
    const r = await fetch(`${origin}/api/v1/auth/logout`, { method: 'POST', headers: { Origin: 'https://evil.example' } })
    expect(r.status).toBe(401)
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
    const pre = await fetch(`${origin}/api/v1/auth/logout`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } })
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
    const local = await fetch(`${origin}/api/v1/auth/logout`, { method: 'OPTIONS', headers: { Origin: 'http://app.localhost:3000', 'Access-Control-Request-Method': 'POST' } })
    expect(local.status).toBe(204)
    expect(local.headers.get('access-control-allow-origin')).toBe('http://app.localhost:3000')
  })

  it('a text/plain POST (what a form or a preflight-free fetch sends) is a 415 and changes nothing', async () => {
    await fetch(`${origin}/__mock/clock`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ set: '2030-01-01T00:00:00Z' }) })
    const before = await clockNow()
    for (const headers of [{ 'Content-Type': 'text/plain' }, { 'Content-Type': 'application/x-www-form-urlencoded' }, {}] as Record<string, string>[]) {
      const r = await fetch(`${origin}/__mock/clock`, { method: 'POST', headers, body: JSON.stringify({ advanceMs: 86_400_000 }) })
      expect(r.status).toBe(415)
      expect(r.headers.get('accept')).toBe('application/json')
      expect((await body(r)).type).toBe('urn:logout-mocks:problem:unsupported-media-type')
    }
    expect((await clockNow()) - before).toBeLessThan(60_000)
    // Bodiless mutations too: a form can POST /__mock/reset with no body.
    const sessions = await fetch(`${origin}/__mock/sessions`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ provider: 'dreadnode', user: 'alice@example.com' }) })
    expect(sessions.status).toBe(201)
    expect((await fetch(`${origin}/__mock/reset`, { method: 'POST' })).status).toBe(415)
    expect((await fetch(`${origin}/__mock/scenarios`, { method: 'DELETE' })).status).toBe(415)
    const state = (await body(await fetch(`${origin}/__mock/state`))).dreadnode as { sessions: unknown[] }
    expect(state.sessions).toHaveLength(1)
    expect((await fetch(`${origin}/__mock/reset`, { method: 'POST', headers: JSON_TYPE })).status).toBe(200)
  })

  it('a Host outside the allow-list (DNS rebinding) is a 403; loopback names, IPs, the bound host and allowed names pass', async () => {
    for (const host of ['evil.example', 'localhost.evil.example', 'mock.test.evil.example']) {
      const r = await rawRequest(origin, '/__mock/state', { Host: host })
      expect(r.status, host).toBe(403)
      expect(JSON.parse(r.text).type).toBe('urn:logout-mocks:problem:forbidden-host')
    }
    // An empty Host is no host at all: HTTP/1.1 requires one (RFC 9112 §3.2), answered before any route.
    const empty = await rawRequest(origin, '/__mock/state', { Host: '' })
    expect(empty.status).toBe(400)
    expect(JSON.parse(empty.text).type).toBe('urn:logout-mocks:problem:missing-host')
    const { port } = new URL(origin)
    for (const host of [`localhost:${port}`, `app.localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `192.168.1.20:${port}`, `mock.test:${port}`, `a.dev.test:${port}`, 'dev.test']) {
      expect((await rawRequest(origin, '/__mock/clock', { Host: host })).status, host).toBe(200)
    }
    // The provider routes do not check Host: the vendors' own names reach them through proxies.
    expect((await rawRequest(origin, '/api/v1/auth/logout', { Host: 'evil.example' }, 'POST')).status).toBe(401)
  })

  it('same-origin requests (the control panel) and curl (no Origin) work', async () => {
    const sameOrigin = await fetch(`${origin}/__mock/clock`, { method: 'POST', headers: { ...JSON_TYPE, Origin: origin }, body: JSON.stringify({ advanceMs: 1000 }) })
    expect(sameOrigin.status).toBe(200)
    expect(sameOrigin.headers.get('access-control-allow-origin')).toBeNull()
    expect((await fetch(`${origin}/__mock/clock`, { method: 'POST', headers: JSON_TYPE, body: '{"advanceMs":1000}' })).status).toBe(200)
  })

  it('methods the control API does not speak are a 405 problem with Allow (TRACE, which nothing serves, a 501), not a 500', async () => {
    const r = await rawRequest(origin, '/__mock', { Host: new URL(origin).host }, 'PUT')
    expect(r.status).toBe(405)
    expect(r.headers.allow).toBe('GET, HEAD, POST, DELETE, OPTIONS')
    expect(JSON.parse(r.text).type).toBe('urn:logout-mocks:problem:method-not-allowed')
    const trace = await rawRequest(origin, '/__mock', { Host: new URL(origin).host }, 'TRACE')
    expect(trace.status).toBe(501)
    expect(JSON.parse(trace.text).type).toBe('urn:logout-mocks:problem:method-not-implemented')
  })
})

describe('control API security with --control-token', () => {
  const token = 's3cret-token-for-tests'
  let server: RunningServer
  let origin: string
  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', log: null, controlToken: token })
    origin = server.origin
  })
  afterAll(() => server.close())

  it('without the token: 401 problem with WWW-Authenticate; a wrong token too', async () => {
    for (const headers of [{}, { Authorization: 'Bearer wrong-token' }, { Authorization: `Basic ${token}` }, { Cookie: 'logout-mocks-control=wrong' }] as Record<string, string>[]) {
      const r = await fetch(`${origin}/__mock/state`, { headers })
      expect(r.status).toBe(401)
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="logout-mocks control API"')
      expect((await body(r)).type).toBe('urn:logout-mocks:problem:control-token-required')
    }
    expect((await fetch(`${origin}/__mock/reset`, { method: 'POST', headers: JSON_TYPE })).status).toBe(401)
    expect((await fetch(`${origin}/__mock?token=wrong`, { redirect: 'manual' })).status).toBe(401)
  })

  it('curl: Authorization: Bearer <token> works', async () => {
    const r = await fetch(`${origin}/__mock/sessions`, { method: 'POST', headers: { ...JSON_TYPE, Authorization: `Bearer ${token}` }, body: JSON.stringify({ provider: 'dreadnode', user: 'alice@example.com' }) })
    expect(r.status).toBe(201)
  })

  it('a browser opens ?token= once: a 303 without the token sets an HttpOnly SameSite=Strict cookie that authorises the panel', async () => {
    const r = await fetch(`${origin}/__mock/ui?token=${token}&tab=state`, { redirect: 'manual' })
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe('/__mock/ui?tab=state')
    const [cookie] = r.headers.getSetCookie()
    expect(cookie).toBe(`logout-mocks-control=${token}; Path=/__mock; HttpOnly; SameSite=Strict`)
    const jar = cookie.split(';')[0]
    const panelCall = await fetch(`${origin}/__mock/clock`, { method: 'POST', headers: { ...JSON_TYPE, Origin: origin, Cookie: jar }, body: '{"advanceMs":1}' })
    expect(panelCall.status).toBe(200)
  })

  it('provider routes do not need the token', async () => {
    expect((await fetch(`${origin}/api/v1/auth/logout`, { method: 'POST' })).status).toBe(401)
    expect((await fetch(`${origin}/api/v1/auth/logout`, { method: 'POST' })).headers.get('www-authenticate')).toBeNull()
  })
})

describe('binding beyond loopback', () => {
  it('warns that the control API is reachable from the network; loopback binds are silent', () => {
    expect(isLoopbackBind('127.0.0.1')).toBe(true)
    expect(isLoopbackBind('::1')).toBe(true)
    expect(isLoopbackBind('localhost')).toBe(true)
    expect(exposureWarning('127.0.0.1', false)).toBeNull()
    for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
      expect(exposureWarning(host, false)).toMatch(/control API \(\/__mock\) is reachable from the network[\s\S]*--control-token/)
    }
    expect(exposureWarning('0.0.0.0', true)).toMatch(/requires the control token/)
  })
})

describe('control API flags', () => {
  it('--control-origins, --allowed-hosts and --control-token (or its environment variable) reach the server options', () => {
    const cli = parseCli(['--control-origins', 'http://localhost:5173, https://qa.example', '--allowed-hosts', 'mock.test,.dev.test', '--control-token', 'abcdefgh12'], {})
    expect(cli.help || cli.print !== undefined ? null : cli.options).toMatchObject({ controlOrigins: ['http://localhost:5173', 'https://qa.example'], allowedHosts: ['mock.test', '.dev.test'], controlToken: 'abcdefgh12' })
    const env = parseCli([], { LOGOUT_MOCKS_CONTROL_TOKEN: 'from-the-env' })
    expect(env.help || env.print !== undefined ? null : env.options).toMatchObject({ controlOrigins: [], allowedHosts: [], controlToken: 'from-the-env' })
    expect(() => parseCli(['--control-origins', 'localhost:5173'], {})).toThrow(UsageError)
    // --cors-origins takes what the config file's corsOrigins does: a URL (it used to accept anything).
    expect(() => parseCli(['--cors-origins', 'not a url'], {})).toThrow('--cors-origins takes origins like http://localhost:5173 (or * for every origin), got "not a url"')
    expect(parseCli(['--cors-origins', 'http://localhost:5173'], {})).toMatchObject({ options: { corsOrigins: ['http://localhost:5173'] } })
    expect(() => parseCli(['--control-token', 'short'], {})).toThrow(/at least 8/)
    expect(HELP).toContain('--control-token <t>')
  })
})
