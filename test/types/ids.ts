/**
 * A strict consumer of the catalogue's id types (checked by ids.test.ts under `strict`, `exactOptionalPropertyTypes`
 * and `noUncheckedIndexedAccess`). Every `@ts-expect-error` must stay an error: a misspelt behaviour, operation or
 * provider id does not compile; if the ids widened back to `string`, the directive would be unused and the check fails.
 */
import { createLogoutMocks, type BehaviourId, type OperationId } from '../../handlers/index.ts'

const mocks = createLogoutMocks()

export async function ids(): Promise<void> {
  mocks.scenarios.add({ behaviour: 'dreadnode.logout.rateLimited', times: 1 })
  mocks.scenarios.add({ operation: 'kratos.toSession', delayMs: 200 })
  // @ts-expect-error a misspelt behaviour id (rateLimited)
  mocks.scenarios.add({ behaviour: 'dreadnode.logout.ratelimited' })
  // @ts-expect-error a misspelt operation id
  mocks.scenarios.add({ operation: 'kratos.toSesion', fault: 'hang' })
  // @ts-expect-error a misspelt provider id
  await mocks.sessions.create({ provider: 'dreadnote', user: 'alice' })

  // A `Prefer: example=` helper takes the same type.
  const prefer = (id: BehaviourId): Record<string, string> => ({ Prefer: `example=${id}` })
  prefer('webmixhub.logout.tooManyRequests')
  // @ts-expect-error a behaviour of another operation's name space that does not exist
  prefer('webmixhub.logout.rateLimited')
  const op: OperationId = 'rested.logout'
  void op

  // Coverage is keyed by provider and by that provider's own operation names.
  const coverage = mocks.coverage()
  const served: number = coverage.providers.dreadnode?.operations.logout.filter((e) => e.served).length ?? 0
  const missing: BehaviourId[] = coverage.providers.kratos?.missingDocumented ?? []
  void [served, missing]
  // @ts-expect-error Dreadnode has no operation named toSession
  void coverage.providers.dreadnode?.operations.toSession
  // @ts-expect-error no such provider
  void coverage.providers.dreadnote

  // Kratos's credentials are typed: the session token and logout URL are strings.
  const kratos = await mocks.sessions.create({ provider: 'kratos', user: 'alice' })
  const token: string = kratos.sessionToken
  const logoutUrl: string = kratos.logoutUrl
  const dreadnode = await mocks.sessions.create({ provider: 'dreadnode', user: 'alice' })
  const access: string = dreadnode.accessToken
  void [token, logoutUrl, access]
}
