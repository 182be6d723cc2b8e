/**
 * Every source the catalogue cites resolves to something a user can open: a public URL, or a file of this repository
 * (with a section that exists, when the ref names one). Nothing cites notes outside the repository, and every option
 * a source names exists. Walks every provider in the registry, so a new provider is checked without changes here.
 */
import { describe, expect, it } from 'vitest'
import { registry } from '../handlers/index.ts'
import { existsSync, readFileSync } from 'node:fs'
import { docSections } from './support/doc-sections.ts'

const PRIVATE_NOTES = /(?:^|[\s/(])(?:contracts|seeds)\//

/** Why `ref` does not resolve, or null when it does. */
function unresolved(ref: string): string | null {
  if (PRIVATE_NOTES.test(ref)) return `cites notes outside the repository: ${ref}`
  if (/^https?:\/\//.test(ref)) {
    try {
      const url = new URL(ref)
      return url.protocol === 'https:' && url.hostname.includes('.') && !/^(localhost|127\.)/.test(url.hostname) ? null : `not a public https URL: ${ref}`
    } catch {
      return `not a URL: ${ref}`
    }
  }
  const [path, anchor] = ref.split('#')
  if (!existsSync(new URL(`../${path}`, import.meta.url))) return `neither a URL nor a file of the repository: ${ref}`
  if (anchor !== undefined && !docSections(path).has(anchor)) return `${path} has no section #${anchor}`
  return null
}

describe.each(registry.map((p) => [p.id, p] as const))('%s sources', (_id, provider) => {
  const options = new Set(provider.options.docs.map((o) => o.name))
  it.each(provider.catalogue.map((b) => [b.id, b.source] as const))('%s resolves', (_bid, source) => {
    expect(unresolved(source.ref)).toBeNull()
    const named = source.kind === 'assumed' ? [source.option] : (source.assumptions ?? []).map((a) => a.option)
    for (const option of named) if (option !== undefined) expect(options.has(option), `unknown option ${option}`).toBe(true)
  })

  it('its docs field names its own page, which documents every option and cites no private notes', () => {
    const pagePath = `docs/providers/${provider.id}.md`
    expect(provider.docs).toContain(pagePath)
    expect(provider.docs).not.toMatch(PRIVATE_NOTES)
    const page = readFileSync(new URL(`../${pagePath}`, import.meta.url), 'utf8')
    expect(page).not.toMatch(PRIVATE_NOTES)
    for (const option of options) if (option !== 'baseUrl') expect(page, option).toContain(`\`${option}\``)
  })
})
