/**
 * Every WebmixHub catalogue source can be opened by a user: a vendor page URL, or the section of
 * docs/providers/webmixhub.md that states the assumption; the sign-up entries are marked assumed.
 */
import { describe, expect, it } from 'vitest'
import { webmixhub } from '../../handlers/webmixhub/index.ts'
import { WEBMIXHUB_ASSUMPTIONS, WEBMIXHUB_DOC_PAGE, WEBMIXHUB_PAGES } from '../../handlers/webmixhub/sources.ts'
import { describeSources } from '../support/doc-sections.ts'

describeSources(webmixhub, Object.values(WEBMIXHUB_PAGES), WEBMIXHUB_DOC_PAGE, WEBMIXHUB_ASSUMPTIONS)

describe('webmixhub round-2 sources', () => {
  it('the sign-up entries are marked assumed, the error table documented', () => {
    const byId = new Map(webmixhub.catalogue.map((b) => [b.id, b.source]))
    for (const id of ['webmixhub.signup.success', 'webmixhub.signup.conflict', 'webmixhub.signup.validationError']) {
      expect(byId.get(id), id).toEqual({ kind: 'assumed', ref: 'docs/providers/webmixhub.md#the-sign-up-endpoint' })
    }
    expect(byId.get('webmixhub.signin.requestTimeout')).toEqual({ kind: 'documented', ref: 'https://docs.hub.webmix.app/error-codes.html' })
    expect(byId.get('webmixhub.logout.internalServer')).toEqual({ kind: 'documented', ref: 'https://docs.hub.webmix.app/auth/logout.html' })
  })
})
