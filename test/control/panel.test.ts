/**
 * What the control panel needs from the standalone server, through fetch: its files under /__mock/ui (content types,
 * no-cache, a strict Content-Security-Policy) and clearing one scenario by id (DELETE /__mock/scenarios/<id>).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'

const json = { 'Content-Type': 'application/json' }
let server: RunningServer
const url = (path: string) => `${server.origin}${path}`

beforeAll(async () => {
  server = await startStandalone()
})
afterAll(() => server.close())
beforeEach(async () => {
  await fetch(url('/__mock/reset'), { method: 'POST', headers: json })
})

describe('GET /__mock/ui', () => {
  it('serves the page, its script and its styles with their types, no-cache and a same-origin-only CSP', async () => {
    const expected: Record<string, RegExp> = {
      '/__mock/ui': /^text\/html; charset=utf-8$/,
      '/__mock/ui/': /^text\/html/,
      '/__mock/ui/panel.js': /^text\/javascript; charset=utf-8$/,
      '/__mock/ui/panel.css': /^text\/css; charset=utf-8$/,
      '/__mock/ui/favicon.svg': /^image\/svg\+xml$/,
    }
    for (const [path, type] of Object.entries(expected)) {
      const r = await fetch(url(path))
      expect(r.status, path).toBe(200)
      expect(r.headers.get('content-type'), path).toMatch(type)
      expect(r.headers.get('cache-control'), path).toBe('no-cache')
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff')
      const csp = r.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("default-src 'self'")
      expect(csp, path).toContain("connect-src 'self'")
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/)
      expect((await r.text()).length, path).toBeGreaterThan(100)
    }
  })

  it('the page loads its own script and styles and nothing from elsewhere', async () => {
    const html = await (await fetch(url('/__mock/ui'))).text()
    expect(html).toContain('<script type="module" src="/__mock/ui/panel.js"></script>')
    expect(html).toContain('href="/__mock/ui/panel.css"')
    const js = await (await fetch(url('/__mock/ui/panel.js'))).text()
    expect(`${html}${js}`).not.toMatch(/https?:\/\//)
  })

  it('HEAD answers the headers only; other methods and unknown files are problems', async () => {
    const head = await fetch(url('/__mock/ui/panel.js'), { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(await head.text()).toBe('')
    const post = await fetch(url('/__mock/ui'), { method: 'POST', headers: json, body: '{}' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
    const missing = await fetch(url('/__mock/ui/panel.ts'))
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toBe('application/problem+json')
  })

  it('the control API index lists the panel', async () => {
    const index = (await (await fetch(url('/__mock'))).json()) as { routes: string[] }
    expect(index.routes.some((r) => /^GET\s+\/__mock\/ui\s/.test(r))).toBe(true)
  })
})

describe('DELETE /__mock/scenarios/<id>', () => {
  const add = async (body: unknown) =>
    ((await (await fetch(url('/__mock/scenarios'), { method: 'POST', headers: json, body: JSON.stringify(body) })).json()) as { scenario: { id: number } }).scenario
  const active = async () => ((await (await fetch(url('/__mock/scenarios'))).json()) as { scenarios: { id: number; operation: string }[] }).scenarios

  it('clears that scenario only: its operation answers naturally again, the other stays forced', async () => {
    const logout = await add({ behaviour: 'dreadnode.logout.rateLimited' })
    await add({ operation: 'kratos.toSession', fault: 'network-error', times: 5 })
    const r = await fetch(url(`/__mock/scenarios/${logout.id}`), { method: 'DELETE', headers: json })
    expect(r.status).toBe(200)
    expect(((await r.json()) as { removed: { id: number; behaviour: string } }).removed).toMatchObject({ id: logout.id, behaviour: 'dreadnode.logout.rateLimited' })
    expect((await active()).map((s) => s.operation)).toEqual(['kratos.toSession'])
    expect((await fetch(url('/api/v1/auth/logout'), { method: 'POST' })).status).toBe(401)
  })

  it('an id that is not active (or not a number) is a 404 problem listing the active ids', async () => {
    const s = await add({ behaviour: 'dreadnode.logout.rateLimited' })
    for (const id of [String(s.id + 100), 'abc']) {
      const r = await fetch(url(`/__mock/scenarios/${id}`), { method: 'DELETE', headers: json })
      expect(r.status).toBe(404)
      const problem = (await r.json()) as { type: string; active: number[] }
      expect(problem.type).toBe('urn:logout-mocks:problem:control-error')
      expect(problem.active).toEqual([s.id])
    }
  })

  it('the same through the in-process API: mocks.scenarios.remove', async () => {
    const s = server.mocks.scenarios.add({ behaviour: 'dreadnode.logout.rateLimited', times: 2 })
    expect(server.mocks.scenarios.remove(s.id)).toMatchObject({ id: s.id, remaining: 2 })
    expect(server.mocks.scenarios.remove(s.id)).toBeUndefined()
    expect(server.mocks.scenarios.list()).toEqual([])
  })
})
