/**
 * The handlers in a real browser: the test bundle is built with Vite, served on 127.0.0.1 with msw's service worker,
 * and driven in Debian's Chromium through playwright-core. Requests from the page to the vendors' real URLs are
 * answered by the worker — the same catalogue, model and JWT code as in Node, with no Node-only API.
 * Needs /usr/bin/chromium (`apt-get install chromium`); run with `npm run test:browser`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import http from 'node:http'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { chromium, type Browser, type Page } from 'playwright-core'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
let outDir: string
let server: http.Server
let origin: string
let browser: Browser
let page: Page

beforeAll(async () => {
  await fs.access(CHROMIUM).catch(() => {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`)
  })
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'logout-mocks-browser-'))
  await build({ root: HERE, configFile: false, logLevel: 'silent', build: { outDir, emptyOutDir: true, minify: false, target: 'es2022' } })
  const workerScript = await fs.readFile(fileURLToPath(import.meta.resolve('msw/mockServiceWorker.js')))
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (url.pathname === '/mockServiceWorker.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(workerScript)
      return
    }
    const file = path.join(outDir, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname))
    if (!file.startsWith(outDir)) return void res.writeHead(403).end()
    try {
      const body = await fs.readFile(file)
      res.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html' : 'text/javascript' }).end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
  page = await browser.newPage()
  await page.goto(origin)
  await page.evaluate(() => window.mocksReady)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  server?.close()
  if (outDir) await fs.rm(outDir, { recursive: true, force: true })
})

describe('in a browser, behind setupWorker', () => {
  it('WebmixHub: signin → logout → the re-login quirk, JWTs signed and verified by the browser code path', async () => {
    const result = await page.evaluate(async () => {
      const base = 'https://api.hub.webmix.app'
      const tenant = { 'x-tenant-token': 'demo-tenant-token' }
      const signin = await fetch(`${base}/auth/signin`, {
        method: 'POST',
        headers: { ...tenant, 'Content-Type': 'application/json' },
        body: JSON.stringify({ method: 'password', email: 'alice@example.com', password: 'alice-password-1' }),
      })
      const token = (await signin.json()).data.accessToken as string
      const logout = await fetch(`${base}/auth/logout`, { headers: { ...tenant, 'x-token': token } })
      const logoutBody = await logout.json()
      const afterLogout = (window.mocks.state().webmixhub as { users: { email: string; tenant: string; status: string }[] }).users.find(
        (u) => u.email === 'alice@example.com' && u.tenant === 'demo-tenant-token',
      )!.status
      const me = await (await fetch(`${base}/auth/me`, { headers: { ...tenant, 'x-token': token } })).json()
      const forged = await fetch(`${base}/auth/logout`, { headers: { ...tenant, 'x-token': token.slice(0, -4) + 'AAAA' } })
      return { signin: signin.status, logout: logout.status, logoutBody, afterLogout, me, forged: [forged.status, (await forged.json()).error.code] }
    })
    expect(result.signin).toBe(200)
    expect(result.logout).toBe(200)
    expect(result.logoutBody.data).toEqual({ success: true })
    expect(result.afterLogout).toBe('logged_out')
    expect(result.me.data.status).toBe('logged_in')
    expect(result.forged).toEqual([401, 'INVALID_TOKEN'])
  })

  it('Kratos: native login → whoami → performNativeLogout → whoami 401', async () => {
    const result = await page.evaluate(async () => {
      const base = 'http://127.0.0.1:4433'
      const flow = await (await fetch(`${base}/self-service/login/api`)).json()
      const login = await fetch(`${base}/self-service/login?flow=${flow.id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ method: 'password', identifier: 'bob@example.com', password: 'bob-password-1' }),
      })
      const token = (await login.json()).session_token as string
      const before = await fetch(`${base}/sessions/whoami`, { headers: { 'X-Session-Token': token } })
      const out = await fetch(`${base}/self-service/logout/api`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ session_token: token }) })
      const after = await fetch(`${base}/sessions/whoami`, { headers: { 'X-Session-Token': token } })
      return { login: login.status, token, before: before.status, out: out.status, after: after.status, afterBody: await after.json() }
    })
    expect(result.login).toBe(200)
    expect(result.token).toMatch(/^ory_st_[A-Za-z0-9]{32}$/)
    expect(result.before).toBe(200)
    expect(result.out).toBe(204)
    expect(result.after).toBe(401)
    expect(result.afterBody).toEqual({ error: { code: 401, status: 'Unauthorized', reason: 'No valid session credentials found in the request.', message: 'The request could not be authorized' } })
  })

  it('forcing, faults and coverage work the same in the worker', async () => {
    const result = await page.evaluate(async () => {
      const url = 'https://app.dreadnode.io/api/v1/auth/logout'
      const forced = await fetch(url, { method: 'POST', headers: { Prefer: 'code=504' } })
      const unknown = await fetch(`${url}?__code=418`, { method: 'POST' })
      let networkError = ''
      try {
        await fetch(url, { method: 'POST', headers: { Prefer: 'fault=network-error' } })
      } catch (e) {
        networkError = (e as Error).name
      }
      const coverage = window.mocks.coverage().providers.dreadnode.operations.logout.filter((e) => e.served).map((e) => e.id)
      return { forced: [forced.status, await forced.json()], unknown: [unknown.status, unknown.headers.get('content-type')], networkError, coverage }
    })
    expect(result.forced).toEqual([504, { code: 504, detail: 'Gateway timeout', type: 'gateway_timeout' }])
    expect(result.unknown).toEqual([400, 'application/problem+json'])
    expect(result.networkError).toBe('TypeError')
    expect(result.coverage).toContain('dreadnode.logout.gatewayTimeout')
  })
})
