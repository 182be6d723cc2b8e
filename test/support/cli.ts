/**
 * Test support: the CLI as a user runs it, a child process on the TypeScript entry (as `npm start` runs it; the
 * installed bin runs the compiled dist/, which test/package/ covers), in a fresh working directory.
 */
import { afterAll } from 'vitest'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../server.ts', import.meta.url))

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/**
 * A fresh working directory (removed after the file's tests), with these files in it.
 * @example
 * const cwd = workdir({ 'logout-mocks.config.json': '{"port": 0}' })
 */
export function workdir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'logout-mocks-cli-'))
  dirs.push(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

/**
 * Runs the CLI to completion (subcommands, and the runs that must refuse to start).
 * @example
 * runCli(['--max-records', '0']).status // 2
 */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: options.cwd ?? workdir(), env: { ...process.env, ...options.env }, timeout: 20_000 })
}

export interface RunningCli {
  readonly origin: string
  readonly child: ChildProcess
  /** Everything printed so far on stdout and on stderr. */
  output(): { out: string; err: string }
  /** SIGTERM, then the exit code and the whole stdout. */
  stop(): Promise<{ code: number | null; out: string }>
}

/**
 * Starts the CLI on a free port and waits for its banner.
 * @example
 * const cli = await startCli(['--log', 'headers'])
 * await fetch(`${cli.origin}/api/v1/auth/logout`, { method: 'POST' })
 * await cli.stop()
 */
export async function startCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<RunningCli> {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd ?? workdir(), env: { ...process.env, ...options.env } })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (err += d))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${out} ${err}`)), 15_000)
    void exit.then((code) => reject(new Error(`exited ${code}: ${err}`)))
    child.stdout!.on('data', () => {
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
  })
  return {
    origin,
    child,
    output: () => ({ out, err }),
    async stop() {
      await new Promise((r) => setTimeout(r, 50))
      child.kill('SIGTERM')
      return { code: await exit, out }
    },
  }
}
