import { describe, expect, it } from 'vitest'
import { belowNodeFloor, NODE_FLOOR, nodeFloorMessage } from '../../handlers/node-floor.ts'

/** The CLI's own check (plain JavaScript, untyped): what `npx logout-mocks` runs before anything else. */
const BIN = '../../bin/node-floor.mjs'
const bin = (await import(BIN)) as { NODE_FLOOR: string; nodeFloorMessage(v: string, p: string): string; nodeOlderThan(floor: string, v: string): boolean }

describe('the Node floor', () => {
  it('is the one in package.json engines, for the import check and the CLI alike', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { engines: { node: string } }
    expect(pkg.engines.node).toBe(`>=${NODE_FLOOR}.0`)
    expect(bin.NODE_FLOOR).toBe(NODE_FLOOR)
    expect(bin.nodeFloorMessage('20.19.5', '/opt/node')).toBe(nodeFloorMessage('20.19.5', '/opt/node'))
  })

  it('refuses what is below it and nothing else', () => {
    expect(['18.20.0', '20.19.5', '22.11.9'].map(belowNodeFloor)).toEqual([true, true, true])
    expect(['22.12.0', '22.18.1', '24.0.0', '26.1.0'].map(belowNodeFloor)).toEqual([false, false, false, false])
    expect(bin.nodeOlderThan(NODE_FLOOR, '22.11.9')).toBe(true)
  })

  it('names the version needed, the running one and how to get a newer one', () => {
    expect(nodeFloorMessage('20.19.5', '/opt/node')).toBe(
      'logout-mocks needs Node >= 22.12, but this is Node 20.19.5 (/opt/node). Get Node 22 or newer: `nvm install 22` (or fnm, volta), or https://nodejs.org/en/download',
    )
  })
})
