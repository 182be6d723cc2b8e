/**
 * Where WebmixHub's behaviours come from: the vendor's public documentation pages, and, for what no page states, the
 * section of the project's own provider page that states the assumption.
 */
import { sourceKit } from '../platform/catalogue/sources.ts'

/** The vendor pages the catalogue cites. */
export const WEBMIXHUB_PAGES = {
  logout: 'https://docs.hub.webmix.app/auth/logout.html',
  overview: 'https://docs.hub.webmix.app/overview.html',
  errorCodes: 'https://docs.hub.webmix.app/error-codes.html',
  /** The Auth module's endpoint list (it names `POST /auth/signup`). */
  auth: 'https://docs.hub.webmix.app/auth/overview.html',
  /** Published on the docs' other host name. */
  signin: 'https://hub.docs.webmix.app/auth/signin.html',
} as const


/** The project's own page for this provider; its `#assumptions` subsections state each assumption. */
export const WEBMIXHUB_DOC_PAGE = 'docs/providers/webmixhub.md'

/** The assumptions, by the anchor of their subsection in `docs/providers/webmixhub.md` (a test checks each exists). */
export const WEBMIXHUB_ASSUMPTIONS = [
  'the-rest-of-the-auth-error-list',
  'the-current-user',
  'the-sign-in-response',
  'the-sign-up-endpoint',
  'public-routes-ignore-x-token',
  'client-headers',
  'rate-limit-headers-and-window',
  'the-request-id-header',
  'token-lifetimes',
] as const


/** The source builders (`documented(page, assumptions?)`, `assumed(anchor, option?)`, `assumptionRef(anchor)`). */
export const { documented, assumed, assumptionRef } = sourceKit(WEBMIXHUB_PAGES, WEBMIXHUB_DOC_PAGE, WEBMIXHUB_ASSUMPTIONS)
