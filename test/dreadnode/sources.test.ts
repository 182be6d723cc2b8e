/**
 * Every Dreadnode catalogue source points at something a user can open: a vendor page or public source file, or the
 * section of docs/providers/dreadnode.md that states the assumption; every option named there exists and is
 * documented on that page.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { dreadnode } from '../../handlers/dreadnode/index.ts'

const PAGE = 'docs/providers/dreadnode.md'
const page = readFileSync(new URL(`../../${PAGE}`, import.meta.url), 'utf8')
/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchors = new Set([...page.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')))
const VENDOR = /^https:\/\/(docs\.dreadnode\.io\/|github\.com\/dreadnode\/|pypi\.org\/project\/dreadnode\/)\S*$/
const optionNames = new Set(dreadnode.options.map((o) => o.name))

describe('dreadnode catalogue sources', () => {
  it.each(dreadnode.catalogue.map((b) => [b.id, b] as const))('%s cites a vendor URL or a section of the provider page', (_id, b) => {
    const { ref } = b.source
    if (b.source.kind === 'documented') expect(ref).toMatch(VENDOR)
    else {
      const [path, anchor] = ref.split('#')
      expect(path).toBe(PAGE)
      expect(anchors.has(anchor), `${PAGE} has no section #${anchor}`).toBe(true)
    }
    const options = b.source.kind === 'assumed' ? [b.source.option] : (b.source.assumptions ?? []).map((a) => a.option)
    for (const option of options.filter((o) => o !== undefined)) expect(optionNames.has(option!), `unknown option ${option}`).toBe(true)
  })

  it('the provider page documents every option', () => {
    for (const name of optionNames) expect(page, name).toContain(`\`${name}\``)
  })

  it('the provider page names every route of the provider', () => {
    for (const op of dreadnode.operations) expect(page, op.id).toContain(`${op.method} ${op.path.replace(/:([a-z_]+)/g, '{$1}')}`)
  })
})
