/** The committed id types are the catalogue's: `npm run build:ids` rewrites them after a catalogue change. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { catalogueIdsSource, GENERATED_IDS } from '../scripts/build-catalogue-ids.ts'
import { registry } from '../handlers/index.ts'

describe('catalogue id types', () => {
  it('handlers/catalogue-ids.generated.ts matches the catalogue (else: npm run build:ids)', () => {
    expect(readFileSync(GENERATED_IDS, 'utf8')).toBe(catalogueIdsSource())
  })

  it('holds every behaviour id of every provider', () => {
    const source = catalogueIdsSource()
    const behaviours = registry.flatMap((p) => p.catalogue.map((b) => b.id))
    expect(behaviours.length).toBeGreaterThan(300)
    for (const id of behaviours) expect(source).toContain(`  | '${id}'\n`)
  })
})
