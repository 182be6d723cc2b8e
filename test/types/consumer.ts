/**
 * A strict consumer of the options types (checked by options.test.ts under `strict`, `exactOptionalPropertyTypes`
 * and `noUncheckedIndexedAccess`, and by the project's `tsc`). Every `@ts-expect-error` must stay an error: if the
 * typing regresses (ids widened to string, options to a record), the directive is unused and the check fails.
 */
import { createLogoutMocks, type DreadnodeConfig, type LogoutMocksOptions, type ProviderId } from '../../handlers/index.ts'

export const valid: LogoutMocksOptions = {
  only: ['dreadnode', 'kratos'],
  providers: {
    dreadnode: { rateLimit: 5, unauthenticatedLogout: 'idempotent', minClientVersion: null, rateLimitBy: 'token' },
    kratos: { mountPrefix: '/.ory', sameSite: 'Strict', allowedReturnUrls: ['https://app.example/'], cookieDomain: null },
    rested: { errorFormat: 'text', clearCookieOnLogout: false },
    webmixhub: { requireClientHeaders: true, accessTokenTtl: 60 },
  },
  seed: 1,
}

export function typed(): void {
  createLogoutMocks()
  createLogoutMocks({ providers: { dreadnode: { rateLimit: 5 } } })

  // @ts-expect-error rateLimit is a number
  createLogoutMocks({ providers: { dreadnode: { rateLimit: 'abc' } } })
  // @ts-expect-error unauthenticatedLogout is 'reject' | 'idempotent'
  createLogoutMocks({ providers: { dreadnode: { unauthenticatedLogout: 'maybe' } } })
  // @ts-expect-error trustForwardedFor is a boolean
  createLogoutMocks({ providers: { dreadnode: { trustForwardedFor: 'true' } } })
  // @ts-expect-error jwtSecret is not nullable
  createLogoutMocks({ providers: { dreadnode: { jwtSecret: null } } })
  // @ts-expect-error an unknown option
  createLogoutMocks({ providers: { dreadnode: { colour: 'blue' } } })
  // @ts-expect-error an option of another provider
  createLogoutMocks({ providers: { rested: { mountPrefix: '/auth' } } })
  // @ts-expect-error an unknown provider
  createLogoutMocks({ providers: { nosuch: {} } })
  // @ts-expect-error an unknown provider in only
  createLogoutMocks({ only: ['nosuch'] })
  // @ts-expect-error exactOptionalPropertyTypes: an option given as undefined
  createLogoutMocks({ providers: { dreadnode: { rateLimit: undefined } } })

  const ids: ProviderId[] = ['dreadnode', 'webmixhub', 'rested', 'kratos']
  // @ts-expect-error ProviderId is the union of the registered ids
  const notAnId: ProviderId = 'nosuch'
  const ttl: DreadnodeConfig['accessTokenTtl'] = 900
  void [ids, notAnId, ttl]
}
