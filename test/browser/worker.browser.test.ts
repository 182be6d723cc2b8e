/**
 * The packed package in a real browser: `npm pack`, a temporary project that installs the tarball (plus msw and the
 * Ory SDK), a page bundled there by Vite (test/browser/page), msw's worker from `msw init`, served on 127.0.0.1 and
 * driven in Debian's Chromium through playwright-core. Requests from the page are answered by the worker with the
 * same catalogue, model, JWT code and cookie jar as in Node, with no Node-only API.
 * Needs /usr/bin/chromium (`apt-get install chromium`) and the npm registry; run with `npm run test:browser`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { build } from 'vite'
import type { Browser, Page } from 'playwright-core'
import { installPackedPackage } from '../support/packed-package.ts'
import { launchChromium, serveStatic } from './chromium.ts'
import { RESTED_API_KEY } from '../../fixtures/rested.ts'

const PAGE = fileURLToPath(new URL('./page/', import.meta.url))
const ROOT_MANIFEST = JSON.parse(await fs.readFile(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { devDependencies: Record<string, string> }
/** Dreadnode's current-user route (one constant: its path is moving to `GET /api/v1/user`). */
const CURRENT_USER = '/api/v1/user'
const ALICE = { email: 'alice@example.com', password: 'alice-password-1' }

let project: string
let bundle: string
let site: { origin: string; close(): Promise<void> }
let browser: Browser
let page: Page
const hints: string[] = []

beforeAll(async () => {
  const { dir } = await installPackedPackage({ extraDeps: { '@ory/client-fetch': ROOT_MANIFEST.devDependencies['@ory/client-fetch'] } })
  project = dir
  for (const file of await fs.readdir(PAGE)) await fs.copyFile(path.join(PAGE, file), path.join(dir, file))
  const msw = JSON.parse(await fs.readFile(path.join(dir, 'node_modules/msw/package.json'), 'utf8')) as { bin: { msw: string } }
  await promisify(execFile)(process.execPath, [path.join(dir, 'node_modules/msw', msw.bin.msw), 'init', 'public', '--no-save'], { cwd: dir })
  const outDir = path.join(dir, 'dist')
  await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir, emptyOutDir: true, minify: false, target: 'es2022' } })
  const assets = path.join(outDir, 'assets')
  bundle = (await Promise.all((await fs.readdir(assets)).filter((f) => f.endsWith('.js')).map((f) => fs.readFile(path.join(assets, f), 'utf8')))).join('\n')
  site = await serveStatic(outDir)
  browser = await launchChromium()
  page = await browser.newPage()
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().startsWith('[logout-mocks]')) hints.push(m.text())
  })
  await page.goto(site.origin)
  await page.evaluate(() => window.mocksReady)
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
  if (project) await fs.rm(project, { recursive: true, force: true })
})

describe('cookie logins in the page, through the jar', () => {
  it('the page bundle holds the package, msw and tough-cookie, and no Node-only module', () => {
    expect(bundle).toContain('Cookie is SameSite but this is a cross-origin request') // tough-cookie, bundled
    expect(bundle).toContain('[logout-mocks]')
    expect(bundle).not.toContain('__vite-browser-external')
    expect(bundle).not.toMatch(/from\s*["']node:/)
  })

  it('Dreadnode (same origin): login → current user 200 → logout 200 (both cookies gone) → current user 401', async () => {
    const r = await page.evaluate(
      async ({ currentUser, alice }) => {
        const base = location.origin
        const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alice) })
        const afterLogin = window.here.cookies.list().map((c) => `${c.name}:${c.httpOnly}:${c.secure}:${c.sameSite}`)
        const me = await fetch(base + currentUser)
        const meBody = await me.json()
        const out = await fetch(`${base}/api/v1/auth/logout`, { method: 'POST' })
        const afterLogout = window.here.cookies.list()
        const meAfter = await fetch(base + currentUser)
        return { login: login.status, afterLogin, me: me.status, email: meBody.email_address, out: out.status, outBody: await out.json(), afterLogout, meAfter: meAfter.status, documentCookie: document.cookie }
      },
      { currentUser: CURRENT_USER, alice: ALICE },
    )
    expect(r.login).toBe(200)
    expect(r.afterLogin).toEqual(['access_token:true:true:lax', 'refresh_token:true:true:lax'])
    expect([r.me, r.email]).toEqual([200, 'alice@example.com'])
    expect([r.out, r.outBody]).toEqual([200, {}])
    expect(r.afterLogout).toEqual([])
    expect(r.meAfter).toBe(401)
    expect(r.documentCookie).toBe('') // HttpOnly cookies are never script-visible
  })

  it('Rested.dev cookie mode (same origin): login → secure endpoint 200 → logout 204 → secure endpoint 401', async () => {
    const r = await page.evaluate(
      async ({ key, alice }) => {
        const base = `${location.origin}/api/1/ce/examples`
        const login = await fetch(`${base}/auth?key=${key}&login=true`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alice) })
        const cookie = window.here.cookies.list().map((c) => c.name)
        const secure = await fetch(`${base}/secure?key=${key}`)
        const out = await fetch(`${base}/auth?key=${key}&logout=true`, { method: 'POST' })
        const after = await fetch(`${base}/secure?key=${key}`)
        return { login: login.status, cookie, secure: secure.status, out: out.status, outBody: await out.text(), jar: window.here.cookies.list().length, after: after.status }
      },
      { key: RESTED_API_KEY, alice: ALICE },
    )
    expect(r.login).toBe(200)
    expect(r.cookie).toEqual(['__Secure-rested-access-token'])
    expect(r.secure).toBe(200)
    expect([r.out, r.outBody]).toEqual([204, ''])
    // The logout 204 sends no cookie ("Cookies: None"): the browser keeps it, and the revoked token is refused.
    expect(r.jar).toBe(1)
    expect(r.after).toBe(401)
  })

  it('Kratos browser flow with the Ory SDK: login flow + submit → whoami 200 by cookie → createBrowserLogoutFlow → follow logout_url → whoami 401', async () => {
    const r = await page.evaluate(async () => {
      await window.here.reset() // a fresh jar: the Rested.dev cookie of the test before stays after its logout
      const whoami = () => fetch(`${location.origin}/auth/sessions/whoami`, { headers: { Accept: 'application/json' } })
      const flow = await window.ory.createBrowserLoginFlow()
      const csrfNode = flow.ui.nodes.find((n) => (n.attributes as { name?: string }).name === 'csrf_token')!
      const csrf = (csrfNode.attributes as { value: string }).value
      const afterFlow = window.here.cookies.list().map((c) => `${c.name}:${c.httpOnly}`)
      // The CSRF cookie is what a browser sends: without it (credentials omitted) the submit is a CSRF violation.
      const noCookie = await fetch(`${location.origin}/auth/self-service/login?flow=${flow.id}`, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ method: 'password', identifier: 'alice@example.com', password: 'alice-password-1', csrf_token: csrf }),
      })
      const login = await window.ory.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier: 'alice@example.com', password: 'alice-password-1', csrf_token: csrf } })
      const session = await window.ory.toSession()
      const before = await whoami()
      const { logout_url: logoutUrl } = await window.ory.createBrowserLogoutFlow()
      const followed = await fetch(logoutUrl)
      const after = await whoami()
      return {
        afterFlow,
        noCookie: [noCookie.status, (await noCookie.json()).error?.id],
        loginIdentity: login.session.identity?.traits,
        session: session.active,
        before: before.status,
        logoutUrl,
        // The 303 of the logout, followed by the browser to the return URL (the page itself).
        logoutServed: window.here.journal.list().filter((e) => e.operation === 'updateLogoutFlow').map((e) => e.status),
        followed: [followed.url, followed.status],
        jar: window.here.cookies.list().map((c) => c.name),
        after: after.status,
        documentCookie: document.cookie,
      }
    })
    expect(r.afterFlow).toHaveLength(1)
    expect(r.afterFlow[0]).toMatch(/^csrf_token_[0-9a-f]+:true$/)
    expect(r.noCookie).toEqual([403, 'security_csrf_violation'])
    expect(r.loginIdentity).toMatchObject({ email: 'alice@example.com' })
    expect(r.session).toBe(true)
    expect(r.before).toBe(200)
    expect(r.logoutUrl).toMatch(new RegExp(`^${site.origin}/auth/self-service/logout\\?token=`))
    expect(r.logoutServed).toEqual([303])
    expect(r.followed).toEqual([`${site.origin}/`, 200])
    expect(r.jar.some((n) => n === 'ory_kratos_session')).toBe(false)
    expect(r.after).toBe(401)
    expect(r.documentCookie).toBe('')
  })

  it("Dreadnode from another origin with credentials: 'omit' fails as the real API would, and the jar says why once", async () => {
    const r = await page.evaluate(
      async ({ currentUser, alice }) => {
        const base = 'https://app.dreadnode.io'
        const init = { credentials: 'omit' } as const
        const login = await fetch(`${base}/api/v1/auth/login`, { ...init, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alice) })
        const jar = window.vendor.cookies.list().length
        const me = await fetch(base + currentUser, init)
        const out = await fetch(`${base}/api/v1/auth/logout`, { ...init, method: 'POST' })
        // With include, the cross-site SameSite=Lax cookies are still refused: only a same-site page logs in.
        const included = await fetch(`${base}/api/v1/auth/login`, { credentials: 'include', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alice) })
        return { login: login.status, jar, me: [me.status, await me.json()], out: out.status, included: included.status, jarAfterInclude: window.vendor.cookies.list().length }
      },
      { currentUser: CURRENT_USER, alice: ALICE },
    )
    expect(r.login).toBe(200)
    expect(r.jar).toBe(0)
    expect(r.me).toEqual([401, { code: 401, detail: 'Authentication failed', type: 'authentication_error' }])
    expect(r.out).toBe(401)
    expect([r.included, r.jarAfterInclude]).toEqual([200, 0])
    expect(hints.filter((h) => h.includes('https://app.dreadnode.io'))).toEqual([expect.stringMatching(/Set-Cookie was ignored for https:\/\/app\.dreadnode\.io: .*credentials: 'omit'.*credentials: 'include'/)])
  })
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
      const coverage = window.mocks.coverage().providers.dreadnode!.operations.logout.filter((e) => e.served).map((e) => e.id)
      return { forced: [forced.status, await forced.json()], unknown: [unknown.status, unknown.headers.get('content-type')], networkError, coverage }
    })
    expect(result.forced).toEqual([504, { code: 504, detail: 'Gateway timeout', type: 'gateway_timeout' }])
    expect(result.unknown).toEqual([400, 'application/problem+json'])
    expect(result.networkError).toBe('TypeError')
    expect(result.coverage).toContain('dreadnode.logout.gatewayTimeout')
  })
})

describe('under a Content-Security-Policy without unsafe-eval', () => {
  it('provider options and scenarios are validated without eval: good ones take, a bad one gets its message', async () => {
    const strict = await serveStatic(path.join(project, 'dist'), { 'Content-Security-Policy': "default-src 'self'; script-src 'self'; worker-src 'self'" })
    const cspPage = await browser.newPage()
    try {
      await cspPage.goto(`${strict.origin}/?csp-check`)
      await cspPage.evaluate(() => window.mocksReady)
      const result = await cspPage.evaluate(() => window.cspCheck!)
      // The page really forbids eval, so options that validate prove no validator needed it.
      expect(result.evalBlocked).toBe('EvalError')
      expect(result.providers).toContain('dreadnode https://dreadnode.example.test')
      expect(result.rejected).toBe('dreadnode.rateLimit: "abc" is not allowed (expected an integer ≥ 0)')
      // Scenarios are checked the same way, in the page.
      expect(result.scenario).toBe('dreadnode.logout')
      expect(result.badScenario).toBe('times: 0 is not allowed (expected an integer ≥ 1 or null)')
    } finally {
      await cspPage.close()
      await strict.close()
    }
  })
})

describe('a page reload keeps the session, as the real API does', () => {
  /** Dreadnode's current user as the page sees it: status, email, the jar's cookie names. */
  const me = () =>
    page.evaluate(async (currentUser) => {
      const r = await fetch(location.origin + currentUser)
      const body = (await r.json()) as { email_address?: string }
      return { status: r.status, email: body.email_address ?? null, jar: window.here.cookies.list().map((c) => c.name).sort() }
    }, CURRENT_USER)
  const reload = async () => {
    await page.reload()
    await page.evaluate(() => window.mocksReady)
  }
  const savedKeys = () => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('logout-mocks:state:')))

  it('logged in, reloaded: still logged in with the same cookies; logged out, reloaded: still out; reset(): nothing is replayed', async () => {
    await page.evaluate(async () => {
      await window.here.reset()
      await window.vendor.reset()
    })
    expect((await me()).status).toBe(401)
    const login = await page.evaluate(async (alice) => {
      const r = await fetch(`${location.origin}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alice) })
      return { status: r.status, cookies: window.here.cookies.list().map((c) => `${c.name}=${c.value}`).sort() }
    }, ALICE)
    expect(login.status).toBe(200)
    expect(await me()).toEqual({ status: 200, email: ALICE.email, jar: ['access_token', 'refresh_token'] })
    // Each instance has its own record, in sessionStorage.
    expect((await savedKeys()).length).toBeGreaterThanOrEqual(1)

    await reload()
    expect(await me()).toEqual({ status: 200, email: ALICE.email, jar: ['access_token', 'refresh_token'] })
    // The very same tokens (same seed, same platform times): a token the app kept in memory or storage stays valid.
    expect(await page.evaluate(() => window.here.cookies.list().map((c) => `${c.name}=${c.value}`).sort())).toEqual(login.cookies)
    // The model came back with it: one live Dreadnode session for alice.
    const sessions = await page.evaluate(() => JSON.stringify(window.here.state().dreadnode))
    expect(sessions).toContain(ALICE.email)

    expect(await page.evaluate(async () => (await fetch(`${location.origin}/api/v1/auth/logout`, { method: 'POST' })).status)).toBe(200)
    await reload()
    expect(await me()).toEqual({ status: 401, email: null, jar: [] })

    // Logged in again, then reset(): a reload starts from the fixtures.
    await page.evaluate(async (alice) => {
      await fetch(`${location.origin}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alice) })
      await window.here.reset()
    }, ALICE)
    await reload()
    expect(await me()).toEqual({ status: 401, email: null, jar: [] })
  })

  it('a record from another version is dropped, never replayed', async () => {
    await page.evaluate(async (alice) => {
      await window.here.reset()
      await fetch(`${location.origin}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alice) })
    }, ALICE)
    expect((await me()).status).toBe(200)
    // What an upgrade looks like to the saved record: another package version wrote it. Rewritten as the page goes
    // away, after the mocks' own last save (listeners run in the order they were added).
    await page.evaluate(() => {
      addEventListener('pagehide', () => {
        for (const key of Object.keys(sessionStorage).filter((k) => k.startsWith('logout-mocks:state:'))) {
          const saved = JSON.parse(sessionStorage.getItem(key)!) as { version: string; events: unknown[] }
          if (saved.events.length === 0) continue
          saved.version = '0.0.1-older'
          sessionStorage.setItem(key, JSON.stringify(saved))
          sessionStorage.setItem('rewritten', String(Number(sessionStorage.getItem('rewritten') ?? 0) + 1))
        }
      })
    })
    await reload()
    expect(await page.evaluate(() => sessionStorage.getItem('rewritten'))).toBe('1')
    expect(await me()).toEqual({ status: 401, email: null, jar: [] })
  })
})
