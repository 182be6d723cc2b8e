/**
 * Where Rested.dev's behaviours come from: the vendor's public documentation pages (and their twins published under
 * the product's earlier name, yawe.dev, which show the error lists and bodies the rested.dev pages cut), and, for what
 * no page states, the section of the project's own provider page that states the assumption.
 */
import { sourceKit } from '../platform/catalogue/sources.ts'

/** The vendor pages the catalogue cites. */
export const RESTED_PAGES = {
  logout: 'https://rested.dev/docs/authentication/authentication-logout',
  loggedInUser: 'https://rested.dev/docs/authentication/authentication-get-logged-in-user',
  login: 'https://rested.dev/docs/authentication/authentication-login',
  register: 'https://rested.dev/docs/authentication/authentication-register-user',
  secureEndpoints: 'https://rested.dev/docs/secure-endpoints',
  projects: 'https://rested.dev/docs/getting-started/projects',
  endpoints: 'https://rested.dev/docs/getting-started/endpoints',
  crudCreate: 'https://rested.dev/docs/crud/crud-create',
  /** The same page under the earlier name: the 401 list and the success body. */
  yaweLoggedInUser: 'https://yawe.dev/docs/authentication/authentication-get-logged-in-user/',
  /** The same page under the earlier name: 401 "Invalid credentials." and the success body. */
  yaweLogin: 'https://yawe.dev/docs/authentication/authentication-login/',
} as const

export type RestedPage = keyof typeof RESTED_PAGES

/** The project's own page for this provider; its `#assumptions` subsections state each assumption. */
export const RESTED_DOC_PAGE = 'docs/providers/rested.md'

/**
 * The assumptions, by the anchor of their subsection in `docs/providers/rested.md` (GitHub's heading slugs; a test
 * checks that every one exists in the page).
 */
export const RESTED_ASSUMPTIONS = [
  'logout-without-a-usable-token',
  'the-error-body',
  'the-access-cookie-and-its-lifetime',
  'a-clearing-cookie-on-logout',
  'a-revoked-token-on-the-logged-in-user',
  'the-logged-in-user-with-a-master-key',
  'login-success',
  'success-status-200',
  'bodies-that-are-not-json-objects',
  'login-without-a-password',
  'a-duplicate-email',
  'data-endpoints',
  'cors',
] as const


/** The source builders (`documented(page, assumptions?)`, `assumed(anchor, option?)`, `assumptionRef(anchor)`). */
export const { documented, assumed, assumptionRef } = sourceKit(RESTED_PAGES, RESTED_DOC_PAGE, RESTED_ASSUMPTIONS)
