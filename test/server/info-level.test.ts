/**
 * Issue 20, items 7 and 9, through the real standalone server: the control token never reaches the log (failed
 * guesses included, `--log headers` included); the `?token=` exchange redirects to a same-origin `/__mock` path only;
 * `Host: [::1]evil.example` is no host of ours; `--config` never echoes a file's bytes; a store at its cap that
 * drops a live session logs it and counts it in `/__mock/state`.
 */
import http from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../server.ts'
import { parseCli } from '../../server/cli.ts'
import { OptionsError } from '../../handlers/platform/options/options-error.ts'

const TOKEN = 's3cret-control-token'

function raw(origin: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path, headers, agent: false, setHost: false }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('with a control token', () => {
  let server: RunningServer
  const lines: string[] = []
  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', controlToken: TOKEN, logLevel: 'headers', log: (l) => lines.push(l) })
  })
  afterAll(() => server.close())

  it('the log never holds the token: ?token= visits (right and wrong), Bearer headers, provider routes', async () => {
    const host = { Host: new URL(server.origin).host }
    expect((await raw(server.origin, `/__mock/ui?token=${TOKEN}`, host)).status).toBe(303)
    expect((await raw(server.origin, '/__mock/state?token=almost-the-s3cret', host)).status).toBe(401)
    expect((await raw(server.origin, '/__mock/state', { ...host, Authorization: `Bearer ${TOKEN}` })).status).toBe(200)
    await raw(server.origin, `/api/v1/auth/logout?x=${TOKEN}`, { ...host, Authorization: `Bearer ${TOKEN}` })
    await expect.poll(() => lines.some((l) => l.includes('/api/v1/auth/logout'))).toBe(true)
    const log = lines.join('\n')
    expect(log).toContain('/__mock/ui?token=[redacted]')
    expect(log).toContain('/__mock/state?token=[redacted]')
    expect(log).not.toContain(TOKEN)
    expect(log).not.toContain('almost-the-s3cret')
  })

  it('the ?token= exchange sends the browser back to a /__mock path, never to //evil.example', async () => {
    const host = { Host: new URL(server.origin).host }
    const offSite = await raw(server.origin, `/__mock/..//evil.example?token=${TOKEN}`, host)
    expect(offSite.status).toBe(303)
    expect(offSite.headers.location).toBe('/__mock')
    const onSite = await raw(server.origin, `/__mock/ui?token=${TOKEN}&tab=coverage`, host)
    expect(onSite.headers.location).toBe('/__mock/ui?tab=coverage')
  })
})

describe('without a token', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', log: null, mocks: { limits: { maxRecords: 2 } } })
  })
  afterAll(() => server.close())

  it('Host: [::1]evil.example (and a port that is no number) is refused; [::1]:port is ours', async () => {
    const { port } = new URL(server.origin)
    expect((await raw(server.origin, '/__mock/state', { Host: '[::1]evil.example' })).status).toBe(403)
    expect((await raw(server.origin, '/__mock/state', { Host: `[::1]evil.example:${port}` })).status).toBe(403)
    expect((await raw(server.origin, '/__mock/state', { Host: 'localhost:evil' })).status).toBe(403)
    expect((await raw(server.origin, '/__mock/state', { Host: `[::1]:${port}` })).status).toBe(200)
    expect((await raw(server.origin, '/__mock/state', { Host: `localhost:${port}` })).status).toBe(200)
  })

  it('a store at its cap that drops a live session counts it in /__mock/state', async () => {
    const login = () => fetch(`${server.origin}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }) })
    for (let i = 0; i < 3; i++) expect((await login()).status).toBe(200)
    const state = (await (await fetch(`${server.origin}/__mock/state`)).json()) as { evicted: Record<string, number> }
    expect(state.evicted['dreadnode.sessions']).toBe(1)
  })
})

describe('--config', () => {
  it('a file that is not JSON is named, and none of its bytes are printed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'))
    const file = join(dir, 'secret.txt')
    writeFileSync(file, 'root:x:0:0:secret-line\n')
    let message = ''
    try {
      parseCli(['--config', file], {}, dir)
    } catch (e) {
      expect(e).toBeInstanceOf(OptionsError)
      message = (e as Error).message
    }
    expect(message).toContain(`${file}: not valid JSON`)
    expect(message).not.toContain('root')
    expect(message).not.toContain('secret-line')
  })
})
