/**
 * The lanes fixture in a real `@playwright/test` run: 3 workers, Debian's Chromium, one standalone server, a demo
 * app that logs in and out with cookies. Every spec must pass, spread over the 3 workers, each in its own lane.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../server.ts'
import { serveStatic } from './chromium.ts'

const CLI = fileURLToPath(new URL('../../node_modules/@playwright/test/cli.js', import.meta.url))
const CONFIG = fileURLToPath(new URL('../playwright/playwright.config.ts', import.meta.url))
const APP = fileURLToPath(new URL('../playwright/app', import.meta.url))

interface Report {
  config: { workers: number }
  stats: { expected: number; unexpected: number; flaky: number; skipped: number }
  suites: Suite[]
  errors: unknown[]
}
interface Suite {
  suites?: Suite[]
  specs?: { title: string; tests: { results: { workerIndex: number; status: string; errors: { message?: string }[] }[] }[] }[]
}
const results = (s: Suite): { title: string; workerIndex: number; status: string; errors: { message?: string }[] }[] => [
  ...(s.specs ?? []).flatMap((spec) => spec.tests.flatMap((t) => t.results.map((r) => ({ title: spec.title, ...r })))),
  ...(s.suites ?? []).flatMap(results),
]

let mock: RunningServer
let app: { origin: string; close(): Promise<void> }
beforeAll(async () => {
  mock = await startServer({ port: 0, host: '127.0.0.1', log: null })
  app = await serveStatic(APP)
})
afterAll(async () => {
  await app?.close()
  await mock?.close()
})

it('3 Playwright workers on one server, each in its own lane through logout-mocks/playwright: every spec passes', { timeout: 300_000 }, async () => {
  // Not spawnSync: the mock server and the app live in this process and must keep answering.
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'test', '-c', CONFIG], { env: { ...process.env, LOGOUT_MOCKS_ORIGIN: mock.origin, APP_ORIGIN: app.origin, CI: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout, stderr })
    })
  })
  let report: Report
  try {
    report = JSON.parse(run.stdout) as Report
  } catch {
    throw new Error(`playwright printed no JSON report (exit ${run.status}):\n${run.stdout.slice(0, 2000)}\n${run.stderr.slice(0, 4000)}`)
  }
  const all = report.suites.flatMap(results)
  const failed = all.filter((r) => r.status !== 'passed')
  expect(failed.map((r) => `${r.title}: ${r.errors.map((e) => e.message).join(' | ')}`)).toEqual([])
  expect(report.errors).toEqual([])
  expect(report.stats).toMatchObject({ expected: 14, unexpected: 0, flaky: 0, skipped: 0 })
  expect(run.status).toBe(0)
  expect(report.config.workers).toBe(3)
  // The specs really ran side by side in 3 parallel workers (the host specs' worker option starts workers of their
  // own, so more than 3 worker indexes appear), and the server holds their lanes.
  expect(new Set(all.map((r) => r.workerIndex)).size).toBeGreaterThanOrEqual(3)
  const lanes = ((await (await fetch(`${mock.origin}/__mock/lanes`)).json()) as { lanes: { id: string }[] }).lanes.map((l) => l.id)
  expect(lanes).toEqual(expect.arrayContaining(['w0', 'w1', 'w2']))
  // Nothing ran in the default lane but CORS preflights, which no browser sends with the lane header (they name it
  // in Access-Control-Request-Headers) and which only ask whether the real request may go.
  const stray = ((await (await fetch(`${mock.origin}/__mock/requests?path=/api/`)).json()) as { entries: { method: string }[] }).entries
  expect(stray.length).toBeGreaterThan(0)
  expect(stray.filter((e) => e.method !== 'OPTIONS')).toEqual([])
})
