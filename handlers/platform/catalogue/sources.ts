/**
 * Building a provider's catalogue sources: `documented` cites one of the vendor's public pages (with the parts of the
 * response that are nevertheless assumptions), `assumed` cites the section of the project's own provider page that
 * states the assumption (`docs/providers/<id>.md#<anchor>`), so every `source.ref` is something a user can open.
 */
import type { Source } from '../types.ts'

/** A part of a documented response that is an assumption, and the option that switches it (if any). */
export interface Assumption {
  readonly what: string
  readonly option?: string
}

export interface SourceKit<Page extends string, Anchor extends string> {
  /** A documented source: the page's URL, and the assumed parts of the response. */
  documented(page: Page, assumptions?: readonly Assumption[]): Source
  /** An assumed source: the docs section stating it, and the option that switches it. */
  assumed(anchor: Anchor, option?: string): Source
  /** `<docPage>#<anchor>`. */
  assumptionRef(anchor: Anchor): string
}

/**
 * The source builders of one provider, over its vendor pages (name → URL), its docs page and the anchors of that
 * page's assumption sections.
 * @example
 * const { documented, assumed } = sourceKit({ logout: 'https://vendor.example/logout' }, 'docs/providers/x.md', ['cors'] as const)
 * documented('logout') // { kind: 'documented', ref: 'https://vendor.example/logout' }
 * assumed('cors', 'corsMode') // { kind: 'assumed', ref: 'docs/providers/x.md#cors', option: 'corsMode' }
 */
export function sourceKit<Pages extends Record<string, string>, Anchor extends string>(pages: Pages, docPage: string, _anchors: readonly Anchor[]): SourceKit<keyof Pages & string, Anchor> {
  const assumptionRef = (anchor: Anchor) => `${docPage}#${anchor}`
  return {
    documented: (page, assumptions = []) => ({ kind: 'documented', ref: pages[page], ...(assumptions.length > 0 ? { assumptions } : {}) }),
    assumed: (anchor, option) => ({ kind: 'assumed', ref: assumptionRef(anchor), ...(option ? { option } : {}) }),
    assumptionRef,
  }
}
