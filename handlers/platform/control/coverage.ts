/**
 * Coverage of the catalogue: which behaviours a test run has been served since the last reset, per provider and
 * operation, split documented/assumed. QA reads it to see which documented error cases a run exercised.
 */
import type { CatalogueIndex } from '../catalogue/catalogue.ts'

export interface CoverageEntry {
  readonly id: string
  readonly status: number
  readonly source: 'documented' | 'assumed'
  readonly natural: number
  readonly forced: number
  readonly served: boolean
}

export interface CoverageTally {
  readonly served: number
  readonly total: number
}

export interface ProviderCoverage {
  readonly documented: CoverageTally
  readonly assumed: CoverageTally
  readonly operations: Record<string, CoverageEntry[]>
  /** Ids of documented behaviours never served: the gaps a test run left. */
  readonly missingDocumented: string[]
}

export interface CoverageReport {
  readonly documented: CoverageTally
  readonly assumed: CoverageTally
  readonly providers: Record<string, ProviderCoverage>
}

export interface CoverageTracker {
  hit(behaviourId: string, forced: boolean): void
  report(): CoverageReport
  clear(): void
}

/**
 * Creates a tracker over a catalogue.
 * @example
 * const coverage = createCoverage(index)
 * coverage.hit('dreadnode.logout.success', false)
 * coverage.report().providers.dreadnode.documented.served // 1
 */
export function createCoverage(index: CatalogueIndex): CoverageTracker {
  let counts = new Map<string, { natural: number; forced: number }>()
  return {
    hit(id, forced) {
      let c = counts.get(id)
      if (!c) counts.set(id, (c = { natural: 0, forced: 0 }))
      if (forced) c.forced++
      else c.natural++
    },
    clear() {
      counts = new Map()
    },
    report() {
      const total = { documented: { served: 0, total: 0 }, assumed: { served: 0, total: 0 } }
      const providers: Record<string, ProviderCoverage> = {}
      for (const p of index.providers) {
        const tally = { documented: { served: 0, total: 0 }, assumed: { served: 0, total: 0 } }
        const operations: Record<string, CoverageEntry[]> = {}
        const missingDocumented: string[] = []
        for (const op of p.operations) {
          operations[op.id] = index.forOperation(p.id, op.id).map((b) => {
            const c = counts.get(b.id) ?? { natural: 0, forced: 0 }
            const served = c.natural + c.forced > 0
            const kind = b.source.kind
            tally[kind].total++
            total[kind].total++
            if (served) {
              tally[kind].served++
              total[kind].served++
            } else if (kind === 'documented') missingDocumented.push(b.id)
            return { id: b.id, status: b.status, source: kind, natural: c.natural, forced: c.forced, served }
          })
        }
        providers[p.id] = { ...tally, operations, missingDocumented }
      }
      return { ...total, providers }
    },
  }
}
