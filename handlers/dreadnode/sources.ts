/**
 * Where Dreadnode's behaviours come from: the vendor's public pages and client source, and, for what none of them
 * states, the assumptions section of the project's own provider page.
 */
import { sourceKit } from '../platform/catalogue/sources.ts'

/** The vendor's public pages and client source this provider follows (docs/providers/dreadnode.md#sources). */
export const DREADNODE_PAGES = {
  logout: 'https://docs.dreadnode.io/api/operations/logout/',
  refresh: 'https://docs.dreadnode.io/api/operations/refresh_token/',
  connectClients: 'https://docs.dreadnode.io/self-hosting/connect-clients/',
  sdkV1Client: 'https://github.com/dreadnode/sdk/blob/v1.17.1/dreadnode/api/client.py',
  sdkV1Cli: 'https://github.com/dreadnode/sdk/blob/v1.17.1/dreadnode/cli/api.py',
  sdkV2: 'https://pypi.org/project/dreadnode/',
} as const

export type DreadnodePage = keyof typeof DREADNODE_PAGES

/** The page's one assumptions section: every assumption is a row of its table, with the option that switches it. */
export const DREADNODE_ASSUMPTIONS = ['assumptions'] as const

export const { documented, assumed } = sourceKit(DREADNODE_PAGES, 'docs/providers/dreadnode.md', DREADNODE_ASSUMPTIONS)
