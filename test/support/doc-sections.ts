/**
 * Test support: the sections of one of the project's Markdown pages, by the anchor GitHub gives their heading, so a
 * catalogue `source.ref` like `docs/providers/rested.md#cors` can be checked to open on real text; and the generic
 * test of a provider's sources built on it.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { AnyProvider } from '../../handlers/platform/types.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/**
 * GitHub's anchor for a heading: lowercased, punctuation other than `-` and `_` dropped, spaces to `-`.
 * @example
 * headingSlug('A revoked token on the logged-in user') // 'a-revoked-token-on-the-logged-in-user'
 */
function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/**
 * Every section of a repo file (path relative to the repo root), keyed by anchor: its heading line and the text up
 * to the next heading of any level.
 * @example
 * docSections('docs/providers/rested.md').get('cors') // '### CORS\n…'
 */
export function docSections(path: string): Map<string, string> {
  const sections = new Map<string, string>()
  let current: string | undefined
  let inFence = false
  for (const line of readFileSync(ROOT + path, 'utf8').split('\n')) {
    if (line.startsWith('```')) inFence = !inFence
    const heading = inFence ? null : /^#{1,6}[\t ]+(\S.*)$/.exec(line)
    if (heading) {
      current = headingSlug(heading[1].replace(/`/g, ''))
      sections.set(current, '')
    }
    if (current !== undefined) sections.set(current, sections.get(current) + line + '\n')
  }
  return sections
}

/** What a catalogue `source.ref` must be: a vendor page the provider lists, or a section of one of the project's pages. */
export interface RefCheck {
  readonly ok: boolean
  readonly why?: string
}

/**
 * Checks one `source.ref`: a URL among the provider's `pages`, or `docs/…md#anchor` whose section exists; never a
 * path into the project's private notes.
 * @example
 * checkRef('docs/providers/rested.md#cors', RESTED_PAGES) // { ok: true }
 */
export function checkRef(ref: string, pages: readonly string[]): RefCheck {
  if (/contracts\/|seeds\//.test(ref)) return { ok: false, why: `${ref} cites private notes` }
  if (/^https:\/\//.test(ref)) return pages.includes(ref) ? { ok: true } : { ok: false, why: `${ref} is not one of the provider's vendor pages` }
  const m = /^(docs\/[\w/.-]+\.md)#([\w-]+)$/.exec(ref)
  if (!m) return { ok: false, why: `${ref} is neither a URL nor docs/<page>.md#<anchor>` }
  return docSections(m[1]).has(m[2]) ? { ok: true } : { ok: false, why: `${m[1]} has no section #${m[2]}` }
}

/**
 * A provider's stricter source rules, on top of test/sources.test.ts (which checks for every provider that each ref
 * opens and each option named exists): every documented ref is one of the provider's own vendor `pages`, every
 * docs reference inside an assumption's text opens, and every assumption anchor the code knows is a section of it.
 * @example
 * describeSources(rested, Object.values(RESTED_PAGES), 'docs/providers/rested.md', RESTED_ASSUMPTIONS)
 */
export function describeSources(provider: AnyProvider, pages: readonly string[], docPage: string, anchors: readonly string[]): void {
  describe(`${provider.id} sources`, () => {
    it.each(provider.catalogue.map((b) => [b.id, b.source] as const))('%s cites one of its own vendor pages or docs sections', (_id, source) => {
      expect(checkRef(source.ref, pages)).toEqual({ ok: true })
      for (const a of source.kind === 'documented' ? (source.assumptions ?? []) : []) {
        for (const ref of a.what.match(/docs\/[\w/.-]+\.md#[\w-]+/g) ?? []) expect(checkRef(ref, pages), a.what).toEqual({ ok: true })
      }
    })

    it('every assumption anchor the code knows is a section of the docs page', () => {
      for (const anchor of anchors) expect(checkRef(`${docPage}#${anchor}`, pages), anchor).toEqual({ ok: true })
    })

    it('the check refuses what a user could not open', () => {
      expect(checkRef(`${docPage}#no-such-section`, pages).ok).toBe(false)
      expect(checkRef('https://example.com/elsewhere', pages).ok).toBe(false)
      expect(checkRef(`contracts/${provider.id}.md`, pages).ok).toBe(false)
    })
  })
}
