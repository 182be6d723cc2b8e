/**
 * Dreadnode's sources beyond what test/sources.test.ts checks for every provider: documented entries cite Dreadnode's
 * own public pages or SDK sources, assumptions cite a section of docs/providers/dreadnode.md, and the page names
 * every route.
 */
import { describe, expect, it } from 'vitest'
import { dreadnode } from '../../handlers/dreadnode/index.ts'
import { readFileSync } from 'node:fs'

const PAGE = 'docs/providers/dreadnode.md'
const page = readFileSync(new URL(`../../${PAGE}`, import.meta.url), 'utf8')
const VENDOR = /^https:\/\/(docs\.dreadnode\.io\/|github\.com\/dreadnode\/|pypi\.org\/project\/dreadnode\/)\S*$/

describe('dreadnode catalogue sources', () => {
  it.each(dreadnode.catalogue.map((b) => [b.id, b] as const))('%s cites a vendor URL or a section of the provider page', (_id, b) => {
    if (b.source.kind === 'documented') expect(b.source.ref).toMatch(VENDOR)
    else expect(b.source.ref.split('#')[0]).toBe(PAGE)
  })

  it('the provider page names every route of the provider', () => {
    for (const op of dreadnode.operations) expect(page, op.id).toContain(`${op.method} ${op.path.replace(/:([a-z_]+)/g, '{$1}')}`)
  })
})
