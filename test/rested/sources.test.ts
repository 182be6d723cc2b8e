/**
 * Every Rested.dev catalogue source can be opened by a user: a vendor page URL, or the section of
 * docs/providers/rested.md that states the assumption; the round-2 entries cite the pages that document them.
 */
import { expect, it } from 'vitest'
import { rested } from '../../handlers/rested/index.ts'
import { RESTED_ASSUMPTIONS, RESTED_DOC_PAGE, RESTED_PAGES } from '../../handlers/rested/sources.ts'
import { describeSources } from '../support/doc-sections.ts'

describeSources(rested, Object.values(RESTED_PAGES), RESTED_DOC_PAGE, RESTED_ASSUMPTIONS)

it('rested: the four 401s of the logged-in user cite the page that lists them', () => {
  for (const name of ['missingAccessToken', 'invalidCredentials', 'tokenExpired', 'noUserFound']) {
    expect(rested.catalogue.find((b) => b.id === `rested.loggedInUser.${name}`)?.source.ref, name).toBe('https://yawe.dev/docs/authentication/authentication-get-logged-in-user/')
  }
})
