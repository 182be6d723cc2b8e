/**
 * The control panel in real Chromium (Debian's, through playwright-core) against the real standalone server: force a
 * behaviour with one click (and with the keyboard alone), see the request arrive in the live journal, the coverage
 * move, and Reset empty it all. The page must make no request off its origin.
 * `PANEL_SCREENSHOT=docs/control-panel.png npm run test:browser` also writes the screenshot docs/standalone.md shows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import fs from 'node:fs/promises'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startServer, type RunningServer } from '../../server.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ID = 'dreadnode.logout.rateLimited'
let server: RunningServer
let browser: Browser
let page: Page
const offOrigin: string[] = []
const pageErrors: string[] = []

const logout = () => fetch(`${server.origin}/api/v1/auth/logout`, { method: 'POST' })
const coverageText = () => page.locator('#cov-dreadnode .cov-text').innerText()
const journalRows = () => page.locator('#journal tr')
/** The panel's aria-live status line once it says something matching `pattern`. */
const statusSays = (pattern: RegExp) => page.waitForFunction((source) => new RegExp(source).test(document.getElementById('status')!.textContent ?? ''), pattern.source, { timeout: 5000 })

async function openPanel() {
  await page.goto(`${server.origin}/__mock/ui`)
  await page.waitForSelector('body[data-ready="true"]')
  await page.waitForSelector('#live.on')
}

beforeAll(async () => {
  await fs.access(CHROMIUM).catch(() => {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`)
  })
  server = await startServer({ port: 0, host: '127.0.0.1', log: null })
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
  page.on('request', (r) => {
    if (!r.url().startsWith(`${server.origin}/`)) offOrigin.push(r.url())
  })
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text())
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

beforeEach(async () => {
  await server.mocks.reset()
  await openPanel()
})

describe('the control panel at /__mock/ui', () => {
  it('Force → the next logout is 429 → the journal shows it live → coverage moves → Reset empties the journal', async () => {
    const before = await coverageText()
    expect(before).toMatch(/^0\/\d+ documented$/)
    await page.locator('#cov-dreadnode-summary').click() // opened by hand: stays open while coverage follows the journal
    await page.getByRole('button', { name: `Force ${ID}`, exact: true }).click()
    await statusSays(new RegExp(`Forced ${ID.replace(/\./g, '\\.')} for 1 request`))
    await page.locator('#scenarios').getByText(ID).waitFor({ timeout: 2000 })

    const response = await logout()
    expect(response.status).toBe(429)
    const row = page.getByRole('row').filter({ hasText: ID })
    await row.waitFor({ timeout: 2000 })
    expect(await row.innerText()).toMatch(/POST\s+\/api\/v1\/auth\/logout\s+429\s+dreadnode\.logout\.rateLimited/)
    await page.waitForFunction((text) => document.querySelector('#cov-dreadnode .cov-text')?.textContent !== text, before, { timeout: 2000 })
    expect(await coverageText()).toMatch(/^1\/\d+ documented$/)
    expect(await page.locator('#cov-dreadnode-ops').getAttribute('open')).toBe('')
    expect(await page.locator('#cov-dreadnode-ops').innerText()).toMatch(/^logout\s+1\/\d+ documented$/m)
    expect(await page.locator('#cov-dreadnode-ops li').allInnerTexts()).not.toContain(ID)
    // The scenario was for one request: it is gone from the list.
    await page.getByText('None: every request gets its natural response.').waitFor({ timeout: 2000 })

    // A row opens its request and response with the keyboard.
    await row.focus()
    await page.keyboard.press('Enter')
    const detail = page.locator('#detail')
    await detail.waitFor({ state: 'visible' })
    expect(await detail.innerText()).toMatch(/Request: POST \/api\/v1\/auth\/logout[\s\S]*Response: 429 dreadnode\.logout\.rateLimited[\s\S]*content-type: application\/json/)

    await page.getByRole('button', { name: 'Reset', exact: true }).click()
    await statusSays(/^Reset/)
    expect(await journalRows().count()).toBe(0)
    expect(await coverageText()).toBe(before)
    expect(server.mocks.journal.size).toBe(0)
  })

  it('keyboard only: search for the id, Tab to its Force button, Enter', async () => {
    await page.locator('#search').focus()
    await page.keyboard.type(ID)
    // The search leaves only the matching behaviour: the others are out of sight and out of the Tab order.
    await page.getByRole('button', { name: 'Force dreadnode.logout.success', exact: true }).waitFor({ state: 'hidden' })
    let reached = false
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab')
      reached = await page.evaluate((name) => document.activeElement?.getAttribute('aria-label') === name, `Force ${ID}`)
    }
    expect(reached).toBe(true)
    await page.keyboard.press('Enter')
    await statusSays(/^Forced /)
    expect(server.mocks.scenarios.list()).toMatchObject([{ operation: 'dreadnode.logout', behaviour: ID, remaining: 1 }])
    expect((await logout()).status).toBe(429)
    await page.getByRole('row').filter({ hasText: ID }).waitFor({ timeout: 2000 })
  })

  it('filters the journal by provider and status, advances the clock, mints credentials with a curl line that works', async () => {
    await logout() // 401
    await fetch(`${server.origin}/auth/sessions/whoami`) // 401
    await page.getByRole('row').filter({ hasText: 'kratos.toSession.unauthorized' }).waitFor({ timeout: 2000 })
    await page.getByLabel('Provider filter').selectOption('kratos')
    const shown = () => page.evaluate(() => [...document.querySelectorAll<HTMLTableRowElement>('#journal tr')].filter((r) => !r.hidden).map((r) => r.cells[5].textContent))
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('#journal tr')].filter((r) => !r.hidden).length === 1)
    expect(await shown()).toEqual(['kratos.toSession.unauthorized'])
    await page.getByLabel('Provider filter').selectOption('')
    await page.getByLabel('Status filter').fill('4xx')
    await page.waitForTimeout(600) // the list query behind the filter is debounced
    expect(await shown()).toEqual(['kratos.toSession.unauthorized', 'dreadnode.logout.unauthenticated'])
    await page.getByLabel('Status filter').fill('200')
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('#journal tr')].every((r) => r.hidden))

    await page.getByRole('button', { name: '+1 day' }).click()
    await statusSays(/Clock advanced/)
    expect(server.mocks.clock.now() - Date.now()).toBeGreaterThan(86_000_000)

    await page.locator('#session-provider').selectOption('dreadnode')
    await page.locator('#session-user').fill('alice@example.com')
    await page.getByRole('button', { name: 'Mint credentials' }).click()
    await statusSays(/Credentials minted/)
    const curl = await page.locator('.cred', { hasText: 'curl line' }).locator('code').innerText()
    const [, target] = /'([^']+)'/.exec(curl)!
    const headers = Object.fromEntries([...curl.matchAll(/-H '([^:]+): ([^']*)'/g)].map((m) => [m[1], m[2]]))
    expect(target).toBe(`${server.origin}/api/v1/user`)
    expect((await fetch(target, { headers })).status).toBe(200)
  })

  it('faults and delays per operation, until cleared; one scenario cleared by its own button, the rest by Clear all', async () => {
    await page.getByLabel('Force for').fill('0')
    await page.getByRole('button', { name: 'Fault kratos.toSession', exact: true }).click()
    await statusSays(/^Fault network-error on kratos\.toSession until cleared$/)
    await page.getByLabel('Delay for dreadnode.logout, in milliseconds').fill('200')
    await page.getByRole('button', { name: 'Delay dreadnode.logout', exact: true }).click()
    await statusSays(/^Delay 200 ms on dreadnode\.logout until cleared$/)
    expect(server.mocks.scenarios.list()).toMatchObject([
      { operation: 'kratos.toSession', fault: 'network-error', remaining: null },
      { operation: 'dreadnode.logout', delayMs: 200, remaining: null },
    ])
    await expect(fetch(`${server.origin}/auth/sessions/whoami`)).rejects.toThrow()
    await expect(fetch(`${server.origin}/auth/sessions/whoami`)).rejects.toThrow()

    await page.getByRole('button', { name: 'Clear network-error on kratos.toSession', exact: true }).click()
    await statusSays(/^Cleared network-error on kratos\.toSession$/)
    expect((await fetch(`${server.origin}/auth/sessions/whoami`)).status).toBe(401)
    expect(server.mocks.scenarios.list()).toMatchObject([{ operation: 'dreadnode.logout' }])
    await page.getByRole('button', { name: 'Clear all', exact: true }).click()
    await statusSays(/^All scenarios cleared$/)
    expect(server.mocks.scenarios.list()).toEqual([])
  })

  it('sets the clock from its field', async () => {
    await page.getByLabel('Set to (UTC)').fill('2030-01-02T03:04:05')
    await page.getByRole('button', { name: 'Set', exact: true }).click()
    await statusSays(/^Clock set to 2030-01-02T03:04:05/)
    expect(new Date(server.mocks.clock.now()).toISOString()).toMatch(/^2030-01-02T03:04:0/)
    expect(await page.locator('#clock-now').innerText()).toMatch(/^2030-01-02 03:04:0\d UTC/)
  })

  it('loads nothing from another origin and logs no error', () => {
    expect(offOrigin).toEqual([])
    expect(pageErrors).toEqual([])
  })
})

describe('lanes in the panel', () => {
  it('entering a lane puts the panel (and the browser) in it: its forcing and journal are the lane\'s; "every lane" shows both with a lane column', async () => {
    await page.locator('#lane').fill('qa-ann')
    await page.getByRole('button', { name: 'Enter', exact: true }).click()
    await page.waitForURL(`${server.origin}/__mock/ui`)
    await page.waitForSelector('body[data-ready="true"][data-lane="qa-ann"]')
    await page.waitForSelector('#live.on')
    await page.getByRole('button', { name: `Force ${ID}`, exact: true }).click()
    await page.locator('#scenarios').getByText(ID).waitFor({ timeout: 2000 })
    // The scenario is qa-ann's: the default lane's logout is its natural 401, qa-ann's is the forced 429.
    expect((await logout()).status).toBe(401)
    expect((await fetch(`${server.origin}/api/v1/auth/logout`, { method: 'POST', headers: { 'X-Mock-Lane': 'qa-ann' } })).status).toBe(429)
    const row = page.getByRole('row').filter({ hasText: ID })
    await row.waitFor({ timeout: 2000 })
    expect(await row.locator('td.lane').innerText()).toBe('qa-ann')
    expect(await page.getByRole('row').filter({ hasText: 'dreadnode.logout.unauthenticated' }).count()).toBe(0)
    await page.locator('#all-lanes').check()
    const other = page.getByRole('row').filter({ hasText: 'dreadnode.logout.unauthenticated' })
    await other.waitFor({ timeout: 3000 })
    expect(await other.locator('td.lane').innerText()).toBe('default')
    // Back to default: the lane cookie is cleared.
    await page.locator('#lane').fill('default')
    await page.getByRole('button', { name: 'Enter', exact: true }).click()
    await page.waitForSelector('body[data-ready="true"][data-lane="default"]')
    expect(pageErrors).toEqual([])
  })
})

describe.runIf(process.env.PANEL_SCREENSHOT)('screenshot for docs/standalone.md', () => {
  it('with some traffic in the journal', async () => {
    await fetch(`${server.origin}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }) })
    await page.getByRole('button', { name: `Force ${ID}`, exact: true }).click()
    await logout()
    await logout()
    await fetch(`${server.origin}/auth/sessions/whoami`)
    await fetch(`${server.origin}/auth/self-service/logout/api`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: '{"session_token":"ory_st_nope"}' })
    await page.locator('#search').fill('dreadnode.logout')
    await page.locator('#search').dispatchEvent('input')
    await page.getByRole('row').filter({ hasText: ID }).click()
    await page.locator('#catalogue').evaluate((el) => el.scrollTo(0, 0))
    await page.waitForTimeout(400)
    await page.screenshot({ path: process.env.PANEL_SCREENSHOT!, fullPage: true })
  })
})
