/**
 * Issue 20, item 10: `reset()` seeds Rested.dev's fixture records with the clock's start, not the time of the reset,
 * so the model after a reset is deep-equal to the model at start (two runs of one seeded test see the same records)
 * — with a real-time clock too, where the reset happens later than the start.
 */
import { describe, expect, it } from 'vitest'
import { createLogoutMocks } from '../../handlers/index.ts'

describe('Rested.dev fixtures after a reset', () => {
  it.each([
    ['a real-time clock', {}],
    ['a started clock', { clock: { start: '2025-01-15T10:30:00.000Z' } }],
  ])('with %s, the state after reset() deep-equals the state at start', async (_what, options) => {
    const mocks = createLogoutMocks({ only: ['rested'], seed: 7, ...options })
    await mocks.ready
    const atStart = mocks.state().rested
    // Real time passes between the start and the reset (no assertion on it: only that the stamps do not follow it).
    await new Promise((resolve) => setTimeout(resolve, 25))
    await mocks.reset()
    expect(mocks.state().rested).toEqual(atStart)
    expect(mocks.clock.startedAt).toBeLessThanOrEqual(mocks.clock.now())
  })

  it('the fixture note is stamped with the clock start', async () => {
    const mocks = createLogoutMocks({ only: ['rested'], clock: { start: '2025-01-15T10:30:00.000Z' } })
    await mocks.ready
    const records = (mocks.state().rested as { records: { createdAt: number; updatedAt: number }[] }).records
    expect(records.length).toBeGreaterThan(0)
    const start = Date.parse('2025-01-15T10:30:00.000Z')
    for (const r of records) expect([r.createdAt, r.updatedAt]).toEqual([start, start])
  })
})
