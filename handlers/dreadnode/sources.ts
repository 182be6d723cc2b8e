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
  /** v1's base URL is `<server>/api`: the clients call the unversioned paths. */
  sdkV1BaseUrl: 'https://github.com/dreadnode/sdk/blob/v1.17.1/dreadnode/api/client.py#L92-L94',
  /** v1's device-code login and current user: `POST /auth/device/code`, `POST /auth/device/token`, `GET /user`. */
  sdkV1Auth: 'https://github.com/dreadnode/sdk/blob/v1.17.1/dreadnode/api/client.py#L227-L268',
  /** The v1 models: `UserAPIKey`, `UserResponse`. */
  sdkV1UserModel: 'https://github.com/dreadnode/sdk/blob/v1.17.1/dreadnode/api/models.py#L24-L33',
  /** The v1 models: `DeviceCodeResponse`, `AccessRefreshTokenResponse`. */
  sdkV1AuthModels: 'https://github.com/dreadnode/sdk/blob/v1.17.1/dreadnode/api/models.py#L76-L89',
  /** `dreadnode login` stores `user.api_key.key`. */
  sdkV1Login: 'https://github.com/dreadnode/sdk/blob/v1.17.1/dreadnode/cli/main.py#L103-L143',
  /** The CLI sends both cookies, refuses only an expired refresh token, and persists rotated cookies. */
  sdkV1CookieFlush: 'https://github.com/dreadnode/sdk/blob/v1.17.1/dreadnode/cli/api.py#L44-L80',
  /** The older CLI (0.2.2): the same models and unversioned `/api/...` paths. */
  cliV022: 'https://github.com/dreadnode/cli/blob/v0.2.2/dreadnode_cli/api.py#L143-L200',
} as const

export type DreadnodePage = keyof typeof DREADNODE_PAGES

/** The page's one assumptions section: every assumption is a row of its table, with the option that switches it. */
export const DREADNODE_ASSUMPTIONS = ['assumptions'] as const

export const { documented, assumed } = sourceKit(DREADNODE_PAGES, 'docs/providers/dreadnode.md', DREADNODE_ASSUMPTIONS)
