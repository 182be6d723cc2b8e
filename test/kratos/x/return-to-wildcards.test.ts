/**
 * Unsafe wildcards in `allowedReturnUrls` are dropped when the configuration is read, as Kratos does
 * (driver/config/config.go:1060-1082 with ory/x corsx.ClassifyOrigin): `https://*.com/` would otherwise let
 * `return_to=https://evil.com/` through — an open redirect. A wildcard under a registrable domain stays.
 */
import { describe, expect, it } from 'vitest'
import { alice } from '../../../fixtures/users.ts'
import { useInProcessMocks } from '../../support/in-process.ts'
import { isUnsafeWildcard } from '../../../handlers/kratos/x/return-to.ts'
import { browserLogin, E } from '../support.ts'

const BASE = 'http://127.0.0.1:4433'

describe('allowedReturnUrls: unsafe wildcards dropped at load', () => {
  useInProcessMocks({
    only: ['kratos'],
    providers: { kratos: { baseUrl: BASE, allowedReturnUrls: ['https://*.com/', 'https://*foo.example/', 'https://www.ory.*/', 'https://*.vercel.app/', 'https://*.example.org/'] } },
  })

  it('return_to=https://evil.com/ is E4 (the *.com entry is gone); *.example.org still matches', async () => {
    const { cookie } = await browserLogin(BASE, alice)
    const ask = (returnTo: string) => fetch(`${BASE}/self-service/logout/browser?return_to=${encodeURIComponent(returnTo)}`, { headers: { Accept: 'application/json', Cookie: cookie } })
    for (const rejected of ['https://evil.com/', 'https://barfoo.example/', 'https://www.ory.sh/', 'https://attacker.vercel.app/']) {
      const r = await ask(rejected)
      expect(r.status, rejected).toBe(400)
      expect(await r.text()).toBe(E.E4(rejected))
    }
    expect((await ask('https://eu.example.org/x')).status).toBe(200)
  })
})

describe('isUnsafeWildcard (corsx.ClassifyOrigin)', () => {
  it.each([
    ['*.com', true],
    ['*foo.com', true],
    ['www.ory.*', true],
    ['*', true],
    ['*.co.uk', true],
    ['*.vercel.app', true],
    ['*.example.org', false],
    ['*.EXAMPLE.org:8443', false],
    ['*.shop.example.com', false],
    ['app.example.com', false],
  ])('%s → %s', (host, unsafe) => expect(isUnsafeWildcard(host)).toBe(unsafe))
})
