/** What `sessions.create({ provider: 'kratos', user })` (and `POST /__mock/sessions`) hands a client. */
import type { IssuedCredentials } from '../platform/types.ts'

/** A live Kratos session, ready for the browser flows (the cookie) and the native ones (the token). */
export interface KratosCredentials extends IssuedCredentials {
  readonly provider: 'kratos'
  /** The identity's id (`session.identity.id` in whoami). */
  readonly identityId: string
  /** The session's id (`session.id`). */
  readonly sessionId: string
  /** The session cookie, by its configured name (`ory_kratos_session` by default). */
  readonly cookies: Record<string, string>
  /** `Cookie: <session cookie>`, for the browser endpoints (whoami, the browser logout flow). */
  readonly headers: { readonly Cookie: string }
  /** The session token for native clients: `X-Session-Token` header, or the body of `DELETE /self-service/logout/api`. */
  readonly sessionToken: string
  /** The browser logout token, as `createBrowserLogoutFlow` returns it. */
  readonly logoutToken: string
  /** The full browser logout URL (`…/self-service/logout?token=…`), as `createBrowserLogoutFlow` returns it. */
  readonly logoutUrl: string
  /** The base URL Kratos is served under (its mount included). */
  readonly baseUrl: string
}
