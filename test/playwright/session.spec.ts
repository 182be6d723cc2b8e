/**
 * Each worker logs in, reads its user, logs out and is refused, in its own lane, while the other workers do the same
 * on the same server: a reset, a session or a journal of one worker never shows in another's.
 */
import { test, expect } from '../../server/playwright.ts'
import type { Page } from '@playwright/test'

const click = async (page: Page, id: string, status: number) => {
  await page.click(`#${id}`)
  await expect(page.locator('#out')).toHaveAttribute('data-status', String(status))
}

for (let round = 0; round < 4; round++) {
  test(`login → user → logout → refused, lane journal exactly this test's (round ${round})`, async ({ page, lane }) => {
    await page.goto(`/?api=${encodeURIComponent(lane.origin)}`)
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true')
    await click(page, 'login', 200)
    await click(page, 'me', 200)
    await expect(page.locator('#out')).toHaveText('/api/v1/user 200 alice@example.com')
    await click(page, 'logout', 200)
    await click(page, 'me', 401)
    const journal = await lane.journal({ path: '/api/' })
    expect(journal.map((e) => `${e.method} ${e.url} ${e.status}`)).toEqual([
      'POST /api/v1/auth/login 200',
      'GET /api/v1/user 200',
      'POST /api/v1/auth/logout 200',
      'GET /api/v1/user 401',
    ])
    expect(new Set(journal.map((e) => e.lane))).toEqual(new Set([lane.lane]))
    const state = (await lane.state()) as { dreadnode: { sessions: { revoked: boolean }[] } }
    expect(state.dreadnode.sessions.map((s) => s.revoked)).toEqual([true])
  })
}
