/**
 * Lanes on the standalone server, from outside over HTTP: many isolated mocks on one port, chosen by `X-Mock-Lane`,
 * `<id>.localhost`, `__lane` or the lane cookie; every control route acts on its lane.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../server.ts'
import { cookiesOf, laneClient, viaHost } from './support.ts'

const ALICE = JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' })
const JSON_HEADERS = { 'Content-Type': 'application/json' }

describe('lanes on one server', () => {
  let server: RunningServer
  let origin: string
  let port: number
  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', log: null })
    origin = server.origin
    port = Number(new URL(origin).port)
  })
  afterAll(() => server.close())

  it('16 lanes in parallel: login → user → logout → refused, scenarios, clock jumps and resets stay in their lane', async () => {
    const before = await (await fetch(`${origin}/__mock/clock`)).json()
    const lanes = Array.from({ length: 16 }, (_, i) => laneClient(origin, `p${i}`))
    await Promise.all(
      lanes.map(async (lane, i) => {
        const login = await lane.fetch('/api/v1/auth/login', { method: 'POST', headers: JSON_HEADERS, body: ALICE })
        expect(login.status).toBe(200)
        const cookie = cookiesOf(login)
        expect((await lane.fetch('/api/v1/user', { headers: { cookie } })).status).toBe(200)
        expect((await lane.fetch('/api/v1/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(200)
        expect((await lane.fetch('/api/v1/user', { headers: { cookie } })).status).toBe(401)
        // Odd lanes arm a sticky 429 for their next logout; even lanes must not see it.
        if (i % 2 === 1) expect((await lane.control('POST', '/__mock/scenarios', { behaviour: 'dreadnode.logout.rateLimited', times: 1 })).status).toBe(201)
        const next = await lane.fetch('/api/v1/auth/logout', { method: 'POST' })
        expect(next.status).toBe(i % 2 === 1 ? 429 : 401)
        // Each lane moves its own clock by i hours.
        expect((await lane.control('POST', '/__mock/clock', { advanceMs: i * 3_600_000 })).status).toBe(200)
      }),
    )
    for (const [i, lane] of lanes.entries()) {
      const clock = (await lane.control('GET', '/__mock/clock')).body as { epochMs: number }
      expect(Math.round((clock.epochMs - before.epochMs) / 3_600_000)).toBe(i)
      const journal = await lane.control('GET', '/__mock/requests')
      expect(journal.body.lane).toBe(lane.lane)
      const entries = journal.body.entries!
      expect(entries.map((e) => `${e.status} ${e.url}`)).toEqual([
        '200 /api/v1/auth/login',
        '200 /api/v1/user',
        '200 /api/v1/auth/logout',
        '401 /api/v1/user',
        `${i % 2 === 1 ? 429 : 401} /api/v1/auth/logout`,
      ])
      expect(new Set(entries.map((e) => e.lane))).toEqual(new Set([lane.lane]))
      const coverage = (await lane.control('GET', '/__mock/coverage')).body as { providers: { dreadnode: { operations: { logout: { id: string; natural: number; forced: number }[] } } } }
      const logout = Object.fromEntries(coverage.providers.dreadnode.operations.logout.map((e) => [e.id, e.natural + e.forced]))
      expect(logout['dreadnode.logout.success']).toBe(1)
      expect(logout['dreadnode.logout.rateLimited']).toBe(i % 2)
      const state = (await lane.control('GET', '/__mock/state')).body as { lane: string; dreadnode: { sessions: { revoked: boolean }[] } }
      expect(state.lane).toBe(lane.lane)
      expect(state.dreadnode.sessions.map((s) => s.revoked)).toEqual([true])
    }
    // The default lane saw none of it.
    const mine = (await (await fetch(`${origin}/__mock/requests`)).json()) as { entries: { url: string }[] }
    expect(mine.entries.filter((e) => e.url.startsWith('/api/'))).toEqual([])
    // Resetting the even lanes leaves the odd ones as they were.
    await Promise.all(lanes.filter((_, i) => i % 2 === 0).map((lane) => lane.control('POST', '/__mock/reset')))
    for (const [i, lane] of lanes.entries()) {
      const entries = (await lane.control('GET', '/__mock/requests')).body.entries!
      expect(entries.length).toBe(i % 2 === 0 ? 0 : 5)
      const sessions = ((await lane.control('GET', '/__mock/state')).body as { dreadnode: { sessions: unknown[] } }).dreadnode.sessions
      expect(sessions.length).toBe(i % 2 === 0 ? 0 : 1)
    }
  })

  it('a session minted in one lane is unknown in another, and a rate limit counts per lane', async () => {
    const a = laneClient(origin, 'iso-a')
    const b = laneClient(origin, 'iso-b')
    const minted = (await a.control('POST', '/__mock/sessions', { provider: 'dreadnode', user: 'alice' })).body as { headers: Record<string, string> }
    expect((await a.fetch('/api/v1/user', { headers: minted.headers })).status).toBe(200)
    expect((await b.fetch('/api/v1/user', { headers: minted.headers })).status).toBe(401)
    expect((await fetch(`${origin}/api/v1/user`, { headers: minted.headers })).status).toBe(401)
  })

  it('<id>.localhost, with and without a port, reaches the same lane as X-Mock-Lane: <id>', async () => {
    const login = await viaHost(port, `hl.localhost:${port}`, 'POST', '/api/v1/auth/login', JSON_HEADERS, ALICE)
    expect(login.status).toBe(200)
    const cookie = (login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ')
    expect((await viaHost(port, 'hl.localhost', 'GET', '/api/v1/user', { cookie })).status).toBe(200)
    expect((await viaHost(port, 'HL.LOCALHOST', 'GET', '/api/v1/user', { cookie })).status).toBe(200)
    const hl = laneClient(origin, 'hl')
    expect((await hl.fetch('/api/v1/user', { headers: { cookie } })).status).toBe(200)
    expect((await fetch(`${origin}/api/v1/user`, { headers: { cookie } })).status).toBe(401)
    const state = JSON.parse((await viaHost(port, 'hl.localhost', 'GET', '/__mock/state')).body)
    expect(state.lane).toBe('hl')
    expect(state.dreadnode.sessions).toHaveLength(1)
  })

  it('the query twin __lane picks a lane and is stripped before the provider and the journal see the URL', async () => {
    const login = await fetch(`${origin}/api/v1/auth/login?__lane=qt`, { method: 'POST', headers: JSON_HEADERS, body: ALICE })
    expect(login.status).toBe(200)
    const entries = (await laneClient(origin, 'qt').control('GET', '/__mock/requests')).body.entries!
    expect(entries.map((e) => e.url)).toEqual(['/api/v1/auth/login'])
    // Control routes take it too.
    expect(((await (await fetch(`${origin}/__mock/state?__lane=qt`)).json()) as { lane: string }).lane).toBe('qt')
  })

  it('GET /__mock/lanes/<id>/enter sets the lane cookie; the browser stays in the lane, the panel included; default leaves', async () => {
    const enter = await fetch(`${origin}/__mock/lanes/qa-ann/enter`)
    expect(enter.status).toBe(200)
    expect(enter.headers.getSetCookie()).toEqual(['logout-mocks-lane=qa-ann; Path=/; HttpOnly; SameSite=Lax'])
    const cookie = cookiesOf(enter)
    const login = await fetch(`${origin}/api/v1/auth/login`, { method: 'POST', headers: { ...JSON_HEADERS, cookie }, body: ALICE })
    expect(login.status).toBe(200)
    expect(((await (await fetch(`${origin}/__mock/state`, { headers: { cookie } })).json()) as { lane: string }).lane).toBe('qa-ann')
    const entries = (await laneClient(origin, 'qa-ann').control('GET', '/__mock/requests')).body.entries!
    expect(entries.map((e) => e.url)).toEqual(['/api/v1/auth/login'])
    // A browser navigating to it lands on the panel.
    const navigated = await fetch(`${origin}/__mock/lanes/qa-ann/enter`, { headers: { accept: 'text/html' }, redirect: 'manual' })
    expect(navigated.status).toBe(303)
    expect(navigated.headers.get('location')).toBe('/__mock/ui')
    const leave = await fetch(`${origin}/__mock/lanes/default/enter`)
    expect(leave.headers.getSetCookie()[0]).toMatch(/^logout-mocks-lane=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/)
  })

  it('precedence: header over host over query over cookie', async () => {
    const lane = async (headers: Record<string, string>, path = '/__mock/state') => JSON.parse((await viaHost(port, headers.host ?? `127.0.0.1:${port}`, 'GET', path, headers)).body).lane
    expect(await lane({ 'x-mock-lane': 'h1', host: `h2.localhost:${port}`, cookie: 'logout-mocks-lane=h4' }, '/__mock/state?__lane=h3')).toBe('h1')
    expect(await lane({ host: `h2.localhost:${port}`, cookie: 'logout-mocks-lane=h4' }, '/__mock/state?__lane=h3')).toBe('h2')
    expect(await lane({ cookie: 'logout-mocks-lane=h4' }, '/__mock/state?__lane=h3')).toBe('h3')
    expect(await lane({ cookie: 'logout-mocks-lane=h4' })).toBe('h4')
    expect(await lane({})).toBe('default')
  })

  it('a malformed lane id is a 400 mock problem that says the rule, on provider and control routes, from every selector', async () => {
    const answers = [
      await viaHost(port, `127.0.0.1:${port}`, 'POST', '/api/v1/auth/logout', { 'x-mock-lane': 'Bad_Lane' }),
      await viaHost(port, `bad_lane.localhost:${port}`, 'POST', '/api/v1/auth/logout'),
      await viaHost(port, `127.0.0.1:${port}`, 'GET', '/__mock/state?__lane=-x'),
      await viaHost(port, `127.0.0.1:${port}`, 'GET', '/__mock/state', { cookie: `logout-mocks-lane=${'a'.repeat(64)}` }),
      await viaHost(port, `127.0.0.1:${port}`, 'GET', '/__mock/state', { 'x-mock-lane': '' }),
    ]
    for (const r of answers) {
      expect(r.status).toBe(400)
      expect(r.headers['content-type']).toBe('application/problem+json')
      expect(r.headers['x-logout-mocks-error']).toBe('invalid-lane')
      const problem = JSON.parse(r.body)
      expect(problem.title).toBe('Invalid lane id')
      expect(problem.detail).toMatch(/1 to 63 characters, lowercase letters, digits and "-"/)
    }
    const list = (await (await fetch(`${origin}/__mock/lanes`)).json()) as { lanes: { id: string }[] }
    expect(list.lanes.map((l) => l.id)).not.toContain('Bad_Lane')
  })

  it('GET /__mock/lanes lists them; DELETE drops one (its next request gets a fresh lane); an unknown one is a 404', async () => {
    const d = laneClient(origin, 'to-drop')
    await d.control('POST', '/__mock/sessions', { provider: 'dreadnode', user: 'alice' })
    await d.control('POST', '/__mock/scenarios', { behaviour: 'dreadnode.logout.rateLimited' })
    await d.fetch('/api/v1/auth/logout', { method: 'POST' })
    const listed = ((await (await fetch(`${origin}/__mock/lanes`)).json()) as { maxLanes: number; lanes: Record<string, unknown>[] })
    expect(listed.maxLanes).toBe(64)
    expect(listed.lanes[0].id).toBe('default')
    const info = listed.lanes.find((l) => l.id === 'to-drop')!
    expect(info).toMatchObject({ liveSessions: 1, journalSize: 1, activeScenarios: 1, inFlight: 0 })
    expect(Date.parse(info.created as string)).toBeLessThanOrEqual(Date.parse(info.lastUsed as string))
    const deleted = await fetch(`${origin}/__mock/lanes/to-drop`, { method: 'DELETE', headers: JSON_HEADERS })
    expect(deleted.status).toBe(200)
    expect(await deleted.json()).toEqual({ deleted: 'to-drop' })
    expect(((await (await fetch(`${origin}/__mock/lanes`)).json()) as { lanes: { id: string }[] }).lanes.map((l) => l.id)).not.toContain('to-drop')
    expect((await d.control('GET', '/__mock/requests')).body.entries).toEqual([])
    expect((await fetch(`${origin}/__mock/lanes/never-was`, { method: 'DELETE', headers: JSON_HEADERS })).status).toBe(404)
  })

  it('GET /__mock/requests?lanes=all shows every lane with a lane column; the stream of a lane carries only its own', async () => {
    const s1 = laneClient(origin, 'sse-1')
    const s2 = laneClient(origin, 'sse-2')
    const controller = new AbortController()
    const stream = await fetch(`${origin}/__mock/requests/stream?__lane=sse-1`, { signal: controller.signal })
    const reader = stream.body!.getReader()
    await s2.fetch('/api/v1/auth/logout', { method: 'POST' })
    await s1.fetch('/api/v1/user')
    let text = ''
    while (!text.includes('/api/v1/user')) text += new TextDecoder().decode((await reader.read()).value)
    controller.abort()
    const events = text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)) as { lane: string; url: string })
    expect(events.map((e) => `${e.lane} ${e.url}`)).toEqual(['sse-1 /api/v1/user'])
    const all = (await (await fetch(`${origin}/__mock/requests?lanes=all&path=/api/v1/auth/logout`)).json()) as { entries: { lane: string }[] }
    expect(new Set(all.entries.map((e) => e.lane))).toContain('sse-2')
  })

  it('X-Mock-Lane may be sent from a loopback page (CORS preflight) and is never seen by the provider', async () => {
    const preflight = await fetch(`${origin}/api/v1/auth/logout`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-mock-lane' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-mock-lane')
    const lane = laneClient(origin, 'cors-page')
    const r = await lane.fetch('/api/v1/auth/logout', { method: 'POST', headers: { Origin: 'http://localhost:5173' } })
    expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const entry = (await lane.control('GET', '/__mock/requests')).body.entries![0] as unknown as { exchange: { request: { headers: Record<string, string> } } }
    expect(Object.keys(entry.exchange.request.headers).map((h) => h.toLowerCase())).not.toContain('x-mock-lane')
  })

  it('a lane selector never widens the control guard: another site is refused in any lane', async () => {
    const r = await fetch(`${origin}/__mock/reset`, { method: 'POST', headers: { ...JSON_HEADERS, Origin: 'https://evil.example', 'X-Mock-Lane': 'victim' } })
    expect(r.status).toBe(403)
    const viaEvilHost = await viaHost(port, `evil.localhost:${port}`, 'POST', '/__mock/reset', { ...JSON_HEADERS, origin: 'https://evil.example' })
    expect(viaEvilHost.status).toBe(403)
    const preflight = await fetch(`${origin}/__mock/scenarios`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-mock-lane, content-type' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    // Refusals create no lane.
    const lanes = ((await (await fetch(`${origin}/__mock/lanes`)).json()) as { lanes: { id: string }[] }).lanes.map((l) => l.id)
    expect(lanes).not.toContain('victim')
  })
})

describe('lane bounds', () => {
  it('at --max-lanes the least recently used idle lane is dropped with a log line; when all are busy, a 503 names the cap', async () => {
    const lines: string[] = []
    const warn = console.warn
    console.warn = (line: string) => lines.push(line)
    const server = await startServer({ port: 0, host: '127.0.0.1', log: null, maxLanes: 3 })
    try {
      const a = laneClient(server.origin, 'cap-a')
      const b = laneClient(server.origin, 'cap-b')
      const c = laneClient(server.origin, 'cap-c')
      await a.control('POST', '/__mock/sessions', { provider: 'dreadnode', user: 'alice' })
      await b.control('GET', '/__mock/state')
      await c.control('GET', '/__mock/state')
      const ids = ((await (await fetch(`${server.origin}/__mock/lanes`)).json()) as { lanes: { id: string }[] }).lanes.map((l) => l.id)
      expect(ids).toEqual(['default', 'cap-b', 'cap-c'])
      expect(lines.some((l) => l.includes('lane "cap-a" dropped') && l.includes('--max-lanes 3'))).toBe(true)
      // b and c busy (a delayed request each): a new lane has nowhere to go.
      const busy = [b.fetch('/api/v1/auth/logout', { method: 'POST', headers: { Prefer: 'delay=1500' } }), c.fetch('/api/v1/auth/logout', { method: 'POST', headers: { Prefer: 'delay=1500' } })]
      await new Promise((r) => setTimeout(r, 300))
      const full = await a.fetch('/api/v1/auth/logout', { method: 'POST' })
      expect(full.status).toBe(503)
      expect(full.headers.get('x-logout-mocks-error')).toBe('lanes-full')
      const problem = await full.json()
      expect(problem.detail).toMatch(/all 3 lanes are in use/)
      expect(problem.flag).toBe('--max-lanes')
      expect((await a.control('GET', '/__mock/state')).status).toBe(503)
      expect((await Promise.all(busy)).map((r) => r.status)).toEqual([401, 401])
      // Once they are idle again, the LRU one makes room.
      expect((await a.fetch('/api/v1/auth/logout', { method: 'POST' })).status).toBe(401)
    } finally {
      console.warn = warn
      await server.close()
    }
  })

  it('a lane unused for --lane-idle-ms is dropped (default never is)', async () => {
    const lines: string[] = []
    const warn = console.warn
    console.warn = (line: string) => lines.push(line)
    const server = await startServer({ port: 0, host: '127.0.0.1', log: null, laneIdleMs: 1000 })
    try {
      await laneClient(server.origin, 'sleepy').control('GET', '/__mock/state')
      const ids = async () => ((await (await fetch(`${server.origin}/__mock/lanes`)).json()) as { lanes: { id: string }[] }).lanes.map((l) => l.id)
      expect(await ids()).toEqual(['default', 'sleepy'])
      const deadline = Date.now() + 5000
      while ((await ids()).includes('sleepy') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
      expect(await ids()).toEqual(['default'])
      expect(lines.some((l) => l.includes('lane "sleepy" dropped (idle'))).toBe(true)
    } finally {
      console.warn = warn
      await server.close()
    }
  })
})

describe('every lane\'s journal as one', () => {
  it('is one view per server, so the stream\'s bound on clients per journal holds for lanes=all streams too', async () => {
    const { lanesJournal } = await import('../../handlers/platform/control/lanes-journal.ts')
    const server = await startServer({ port: 0, host: '127.0.0.1', log: null })
    try {
      expect(lanesJournal(server.lanes)).toBe(lanesJournal(server.lanes))
      await laneClient(server.origin, 'one').fetch('/api/v1/auth/logout', { method: 'POST' })
      await laneClient(server.origin, 'two').fetch('/api/v1/auth/logout', { method: 'POST' })
      expect(lanesJournal(server.lanes).list({ path: '/api/' }).map((e) => e.lane)).toEqual(['one', 'two'])
    } finally {
      await server.close()
    }
  })
})
