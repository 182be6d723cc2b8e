/**
 * The store limits from the command line: `--max-records` caps every growing store (one eviction line on stderr),
 * and a bad value exits 2.
 */
import { describe, expect, it } from 'vitest'
import { runCli, startCli } from '../support/cli.ts'


describe('store limits on the command line', () => {
  it('--max-records 2 keeps the two newest Dreadnode sessions and logs the eviction once', async () => {
    const cli = await startCli(['--quiet', '--max-records', '2'])
    const origin = cli.origin
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
      expect(cli.output().err.match(/dreadnode\.sessions holds more than 2 records: evicting the oldest/g)).toHaveLength(1)
    } finally {
      await cli.stop()
    }
  })

  it('a --max-records that is not a positive integer exits 2', () => {
    const bad = runCli(['--max-records', '0'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--max-records must be an integer between 1 and 100000000')
  })
})
