/**
 * The CLI as a user runs it: a child process, flags and environment, graceful shutdown on SIGTERM.
 */
import { describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// The TypeScript entry, as `npm start` runs it (the installed bin runs the compiled dist/: test/package/ covers that).
const BIN = fileURLToPath(new URL('../../server.ts', import.meta.url))

describe('logout-mocks CLI', () => {
  it('--help prints usage and exits 0; an unknown flag exits 2 with the usage', () => {
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' })
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('--port <n>')
    const bad = spawnSync(process.execPath, [BIN, '--colour', 'blue'], { encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/Unknown option '--colour'/)
    const badPort = spawnSync(process.execPath, [BIN], { encoding: 'utf8', env: { ...process.env, PORT: 'eighty' } })
    expect(badPort.status).toBe(2)
    expect(badPort.stderr).toContain('--port must be an integer')
    const badOption = spawnSync(process.execPath, [BIN, '--port', '0', '--set', 'dreadnode.colour=1'], { encoding: 'utf8' })
    expect(badOption.status).toBe(1)
    expect(badOption.stderr).toContain('unknown option "colour"')
  })

  it('serves on the announced origin with --set options, logs one line per request, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0', '--set', 'dreadnode.unauthenticatedLogout=idempotent'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 10_000)
      child.stdout.on('data', () => {
        const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
        if (m) {
          clearTimeout(timer)
          resolve(m[1])
        }
      })
    })
    const r = await fetch(`${origin}/api/v1/auth/logout`, { method: 'POST' })
    expect(r.status).toBe(200)
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    await new Promise((r2) => setTimeout(r2, 50))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
    expect(out).toMatch(/POST \/api\/v1\/auth\/logout 200 [\d.]+ms dreadnode\.logout\.idempotent/)
    expect(out).toContain('SIGTERM: shutting down')
  })
})
