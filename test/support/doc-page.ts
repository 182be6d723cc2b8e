/**
 * Test support: a project docs page and the anchors GitHub gives its headings, for tests that check that a catalogue
 * `source.ref` (or any link) points at a section that exists.
 */
import { existsSync, readFileSync } from 'node:fs'

const ROOT = new URL('../../', import.meta.url)

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export const anchorOf = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').trim().replace(/ /g, '-')

/**
 * Reads a repo file and the anchors of its Markdown headings; `text` is null when the file does not exist.
 * @example
 * const page = readDocPage('docs/providers/kratos.md')
 * page.anchors.has('assumptions')
 */
export function readDocPage(path: string): { text: string | null; anchors: Set<string> } {
  const url = new URL(path, ROOT)
  if (!existsSync(url)) return { text: null, anchors: new Set() }
  const text = readFileSync(url, 'utf8')
  return { text, anchors: new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => anchorOf(m[1]))) }
}
