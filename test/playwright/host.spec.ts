/**
 * `laneVia: 'host'`: no header at all — the app and the mock are both reached on `<lane>.localhost`, which Chromium
 * resolves to loopback; the lane is chosen by the host, cookies stay with that host as for a real site.
 */
import { test, expect } from '../../server/playwright.ts'
import type { Page } from '@playwright/test'

test.use({ laneVia: 'host' })

const click = async (page: Page, id: string, status: number) => {
  await page.click(`#${id}`)
  await expect(page.locator('#out')).toHaveAttribute('data-status', String(status))
}

for (let round = 0; round < 2; round++) {
  test(`by host: the lane's origin serves login → user → logout → refused (round ${round})`, async ({ page, lane, context }) => {
    expect(lane.origin).toBe(`http://${lane.lane}.localhost:${new URL(lane.mockOrigin).port}`)
    expect(await context.request.get(`${lane.mockOrigin}/__mock/state`).then((r) => r.json())).toMatchObject({ lane: 'default' })
    const app = new URL(process.env.APP_ORIGIN!)
    await page.goto(`http://${lane.lane}.localhost:${app.port}/?api=${encodeURIComponent(lane.origin)}`)
    await click(page, 'login', 200)
    await click(page, 'me', 200)
    await click(page, 'logout', 200)
    await click(page, 'me', 401)
    const journal = await lane.journal({ path: '/api/' })
    expect(journal.filter((e) => e.method !== 'OPTIONS').map((e) => `${e.lane} ${e.url} ${e.status}`)).toEqual([
      `${lane.lane} /api/v1/auth/login 200`,
      `${lane.lane} /api/v1/user 200`,
      `${lane.lane} /api/v1/auth/logout 200`,
      `${lane.lane} /api/v1/user 401`,
    ])
  })
}
