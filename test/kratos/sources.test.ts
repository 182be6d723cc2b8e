/**
 * Every Kratos catalogue source resolves to something a user can open: an upstream file and line range at a named
 * commit, or a section of the project's own provider page that exists. None cites the project's private notes.
 */
import { describe, expect, it } from 'vitest'
import { kratos } from '../../handlers/kratos/index.ts'
import { readFileSync } from 'node:fs'
import { docSections } from '../support/doc-sections.ts'

const PAGE = 'docs/providers/kratos.md'
const page = readFileSync(new URL(`../../${PAGE}`, import.meta.url), 'utf8')
const anchors = [...docSections(PAGE).keys()]
const UPSTREAM = /^https:\/\/github\.com\/ory\/kratos\/blob\/[0-9a-f]{40}\/[\w./-]+#L\d+(-L\d+)?$/

describe('kratos sources', () => {
  it.each(kratos.catalogue.map((b) => [b.id, b.source] as const))('%s cites an upstream line range or a section of the provider page', (_id, source) => {
    expect(source.ref).not.toMatch(/contracts\/|seeds\//)
    if (source.kind === 'documented') expect(source.ref).toMatch(UPSTREAM)
    else {
      const [path, anchor] = source.ref.split('#')
      expect(path).toBe(PAGE)
      expect(anchors).toContain(anchor)
    }
  })

  it('the provider page documents every option and names every path Kratos routes', () => {
    for (const option of kratos.options.docs) expect(page, option.name).toContain(`\`${option.name}\``)
    for (const op of kratos.operations) expect(page, op.id).toContain(op.path)
  })

  it('the provider names its page and the upstream tree, not private notes', () => {
    expect(kratos.docs).toContain(PAGE)
    expect(kratos.docs).not.toMatch(/contracts\/|seeds\//)
    expect(page).not.toMatch(/contracts\/|seeds\//)
  })
})
