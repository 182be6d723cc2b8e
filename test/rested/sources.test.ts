/**
 * Every Rested.dev catalogue source can be opened by a user: a vendor page URL, or the section of
 * docs/providers/rested.md that states the assumption (its anchor exists); assumptions name real options.
 */
import { describe, expect, it } from 'vitest'
import { rested } from '../../handlers/rested/index.ts'
import { RESTED_ASSUMPTIONS, RESTED_PAGES, assumptionRef } from '../../handlers/rested/sources.ts'
import { checkRef, docSections } from '../support/doc-sections.ts'

const pages = Object.values(RESTED_PAGES)
const options = new Set(rested.options.map((o) => o.name))

describe('rested sources', () => {
  it.each(rested.catalogue.map((b) => [b.id, b.source] as const))('%s cites an openable source', (_id, source) => {
    expect(checkRef(source.ref, pages)).toEqual({ ok: true })
    if (source.kind === 'assumed' && source.option !== undefined) expect(options).toContain(source.option)
    if (source.kind === 'documented') for (const a of source.assumptions ?? []) if (a.option !== undefined) expect(options).toContain(a.option)
  })

  it('every assumption anchor the code knows is a section of the docs page, and every option appears in it', () => {
    const sections = docSections('docs/providers/rested.md')
    for (const anchor of RESTED_ASSUMPTIONS) expect(checkRef(assumptionRef(anchor), pages), anchor).toEqual({ ok: true })
    const page = [...sections.values()].join('')
    for (const option of options) if (option !== 'baseUrl') expect(page, option).toContain(`\`${option}\``)
  })

  it('the check refuses what a user could not open', () => {
    expect(checkRef('docs/providers/rested.md#no-such-section', pages).ok).toBe(false)
    expect(checkRef('https://example.com/elsewhere', pages).ok).toBe(false)
    expect(checkRef('contracts/rested.md', pages).ok).toBe(false)
  })
})
