/**
 * The store limits from the command line: `--max-records` caps every growing store (one eviction line on stderr),
 * and a bad value exits 2.
 */
import { describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// The TypeScript entry, as `npm start` runs it (the installed bin runs the compiled dist/).
const BIN = fileURLToPath(new URL('../../server.ts', import.meta.url))

describe('store limits on the command line', () => {
  it('--max-records 2 keeps the two newest Dreadnode sessions and logs the eviction once', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0', '--quiet', '--max-records', '2'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}${err}`)), 10_000)
      child.stdout.on('data', () => {
        const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
        if (m) {
          clearTimeout(timer)
          resolve(m[1])
        }
      })
    })
    try {
      const login = () =>
        fetch(`${origin}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'bob@example.com', password: 'bob-password-1' }) })
      const cookies: string[] = []
      for (let i = 0; i < 4; i++) {
        const r = await login()
        expect(r.status).toBe(200)
        cookies.push(r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '))
      }
      const state = (await (await fetch(`${origin}/__mock/state`)).json()) as { dreadnode: { sessions: unknown[] } }
      expect(state.dreadnode.sessions).toHaveLength(2)
      // The evicted (oldest) session is gone: its refresh is refused; the newest still refreshes.
      expect((await fetch(`${origin}/api/v1/auth/refresh`, { method: 'POST', headers: { cookie: cookies[0] } })).status).toBe(401)
      expect(err.match(/dreadnode\.sessions holds more than 2 records: evicting the oldest/g)).toHaveLength(1)
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('a --max-records that is not a positive integer exits 2', () => {
    const bad = spawnSync(process.execPath, [BIN, '--max-records', '0'], { encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--max-records must be an integer between 1 and 100000000')
  })
})
