/**
 * Every WebmixHub catalogue source can be opened by a user: a vendor page URL, or the section of
 * docs/providers/webmixhub.md that states the assumption (its anchor exists); assumptions name real options.
 */
import { describe, expect, it } from 'vitest'
import { webmixhub } from '../../handlers/webmixhub/index.ts'
import { WEBMIXHUB_ASSUMPTIONS, WEBMIXHUB_PAGES, assumptionRef } from '../../handlers/webmixhub/sources.ts'
import { checkRef, docSections } from '../support/doc-sections.ts'

const pages = Object.values(WEBMIXHUB_PAGES)
const options = new Set(webmixhub.options.map((o) => o.name))

describe('webmixhub sources', () => {
  it.each(webmixhub.catalogue.map((b) => [b.id, b.source] as const))('%s cites an openable source', (_id, source) => {
    expect(checkRef(source.ref, pages)).toEqual({ ok: true })
    if (source.kind === 'assumed' && source.option !== undefined) expect(options).toContain(source.option)
    if (source.kind === 'documented') for (const a of source.assumptions ?? []) if (a.option !== undefined) expect(options).toContain(a.option)
  })

  it('every assumption anchor the code knows is a section of the docs page, and every option appears in it', () => {
    const page = [...docSections('docs/providers/webmixhub.md').values()].join('')
    for (const anchor of WEBMIXHUB_ASSUMPTIONS) expect(checkRef(assumptionRef(anchor), pages), anchor).toEqual({ ok: true })
    for (const option of options) if (option !== 'baseUrl') expect(page, option).toContain(`\`${option}\``)
  })

  it('the sign-up entries are marked assumed, the error table documented', () => {
    const byId = new Map(webmixhub.catalogue.map((b) => [b.id, b.source]))
    for (const id of ['webmixhub.signup.success', 'webmixhub.signup.conflict', 'webmixhub.signup.validationError']) {
      expect(byId.get(id), id).toEqual({ kind: 'assumed', ref: 'docs/providers/webmixhub.md#the-sign-up-endpoint' })
    }
    expect(byId.get('webmixhub.signin.requestTimeout')).toEqual({ kind: 'documented', ref: 'https://docs.hub.webmix.app/error-codes.html' })
    expect(byId.get('webmixhub.logout.internalServer')).toEqual({ kind: 'documented', ref: 'https://docs.hub.webmix.app/auth/logout.html' })
  })
})
