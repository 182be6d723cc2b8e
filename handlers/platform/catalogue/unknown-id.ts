/**
 * The error for a provider, operation or behaviour id the catalogue does not hold, listing the valid ones at the
 * nearest level the id got right: a misspelt behaviour of a known operation lists that operation's behaviours, a
 * misspelt operation of a known provider lists its operations, anything else lists the providers. The list is in the
 * message (what a thrown error shows) and in the problem's extensions (what `/__mock` clients read).
 */
import { ControlError } from '../control/control-error.ts'
import type { CatalogueIndex } from './catalogue.ts'

/** The ids one level down from what `id` got right, with the extension name they go under. */
function validChoices(index: CatalogueIndex, id: string): { key: string; values: string[] } {
  const [providerId = '', operationId = ''] = id.split('.')
  const provider = index.provider(providerId)
  if (!provider) return { key: 'validProviders', values: index.providers.map((p) => p.id) }
  if (index.operation(providerId, operationId)) {
    return { key: 'validBehaviours', values: index.forOperation(providerId, operationId).map((b) => b.id) }
  }
  return { key: 'validOperations', values: provider.operations.map((op) => `${providerId}.${op.id}`) }
}

/**
 * A 400 `ControlError` for an unknown provider, operation or behaviour id, naming the valid ones.
 * @example
 * throw unknownIdError(index, 'behaviour', 'dreadnode.logout.rateLimit')
 * // unknown behaviour "dreadnode.logout.rateLimit" (valid for dreadnode.logout: dreadnode.logout.success, …)
 */
export function unknownIdError(index: CatalogueIndex, kind: 'provider' | 'operation' | 'behaviour', id: string): ControlError {
  const { key, values } = validChoices(index, kind === 'provider' ? '' : id)
  const scope = key === 'validBehaviours' ? ` for ${id.split('.').slice(0, 2).join('.')}` : key === 'validOperations' ? ` for ${id.split('.')[0]}` : ''
  return new ControlError(`unknown ${kind} "${id}" (valid${scope}: ${values.join(', ')})`, 400, {
    [key]: values,
    ...(kind === 'behaviour' ? { hint: 'GET /__mock/catalogue lists every behaviour id' } : {}),
  })
}
