/**
 * The behaviour catalogue across providers: lookups by id and by operation, checked once at start-up so a provider
 * with a broken catalogue fails loudly instead of at the first request.
 */
import type { AnyProvider, Behaviour, Operation } from '../types.ts'

export interface CatalogueIndex {
  readonly providers: readonly AnyProvider[]
  provider(id: string): AnyProvider | undefined
  behaviour(id: string): Behaviour | undefined
  /** Entries of one operation, in catalogue order. */
  forOperation(providerId: string, operationId: string): readonly Behaviour[]
  operation(providerId: string, operationId: string): Operation | undefined
  /** The entry forced by `code=<status>`: the one marked primary for that status, else the first. */
  forStatus(providerId: string, operationId: string, status: number): Behaviour | undefined
  /** The provider that owns a behaviour id. */
  providerOf(behaviourId: string): AnyProvider | undefined
}

/**
 * Indexes and validates the catalogues of the given providers.
 * @example
 * const index = indexCatalogue([dreadnode])
 * index.behaviour('dreadnode.logout.success')?.status // 200
 */
export function indexCatalogue(providers: readonly AnyProvider[]): CatalogueIndex {
  const byId = new Map<string, Behaviour>()
  const owner = new Map<string, AnyProvider>()
  const byOperation = new Map<string, Behaviour[]>()
  const operations = new Map<string, Operation>()
  const providerById = new Map<string, AnyProvider>()
  for (const provider of providers) {
    if (providerById.has(provider.id)) throw new Error(`provider "${provider.id}" is registered twice`)
    providerById.set(provider.id, provider)
    for (const op of provider.operations) {
      const key = `${provider.id}.${op.id}`
      if (operations.has(key)) throw new Error(`operation ${key} is declared twice`)
      operations.set(key, op)
      byOperation.set(key, [])
    }
    for (const b of provider.catalogue) {
      if (byId.has(b.id)) throw new Error(`behaviour ${b.id} is declared twice`)
      if (!b.id.startsWith(`${provider.id}.${b.operation}.`)) throw new Error(`behaviour ${b.id} must be named ${provider.id}.${b.operation}.<name>`)
      const list = byOperation.get(`${provider.id}.${b.operation}`)
      if (!list) throw new Error(`behaviour ${b.id} refers to unknown operation ${b.operation}`)
      if (b.schema && !provider.schemas[b.schema]) throw new Error(`behaviour ${b.id} refers to unknown schema ${b.schema}`)
      byId.set(b.id, b)
      owner.set(b.id, provider)
      list.push(b)
    }
    for (const op of provider.operations) {
      if (byOperation.get(`${provider.id}.${op.id}`)!.length === 0) throw new Error(`operation ${provider.id}.${op.id} has no behaviour in the catalogue`)
    }
  }
  return {
    providers,
    provider: (id) => providerById.get(id),
    behaviour: (id) => byId.get(id),
    providerOf: (id) => owner.get(id),
    operation: (p, o) => operations.get(`${p}.${o}`),
    forOperation: (p, o) => byOperation.get(`${p}.${o}`) ?? [],
    forStatus(p, o, status) {
      const candidates = (byOperation.get(`${p}.${o}`) ?? []).filter((b) => b.status === status && b.forceable !== false)
      return candidates.find((b) => b.primary) ?? candidates[0]
    },
  }
}
