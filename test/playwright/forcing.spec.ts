/**
 * Sticky scenarios, minted sessions and clock jumps of one worker's lane: consumed and seen by that worker alone.
 */
import { test, expect } from '../../server/playwright.ts'
import type { Page } from '@playwright/test'

const click = async (page: Page, id: string, status: number) => {
  await page.click(`#${id}`)
  await expect(page.locator('#out')).toHaveAttribute('data-status', String(status))
}

for (let round = 0; round < 4; round++) {
  test(`a forced 429 fires once, in this lane only (round ${round})`, async ({ page, lane }) => {
    await lane.force('dreadnode.logout.rateLimited', 1)
    await page.goto(`/?api=${encodeURIComponent(lane.origin)}`)
    await click(page, 'logout', 429)
    await click(page, 'logout', 401)
    const coverage = await lane.coverage()
    const served = coverage.providers.dreadnode.operations.logout.filter((e) => e.served).map((e) => e.id)
    expect(served.sort()).toEqual(['dreadnode.logout.rateLimited', 'dreadnode.logout.unauthenticated'])
    expect(await lane.scenarios.list()).toEqual([])
  })

  test(`a minted session lives in the browser until this lane's clock passes its expiry (round ${round})`, async ({ page, lane }) => {
    await lane.sessions.create({ provider: 'dreadnode', user: 'bob' })
    await page.goto(`/?api=${encodeURIComponent(lane.origin)}`)
    await click(page, 'me', 200)
    await expect(page.locator('#out')).toHaveText('/api/v1/user 200 bob@example.com')
    await lane.clock.advance(8 * 86_400_000)
    await click(page, 'me', 401)
  })
}
