/** What `sessions.create({ provider: 'dreadnode', user })` (and `POST /__mock/sessions`) hands a client. */
import type { IssuedCredentials } from '../platform/types.ts'

/** A live Dreadnode session: both JWT cookies, and the bearer header the API-key route takes. */
export interface DreadnodeCredentials extends IssuedCredentials {
  readonly provider: 'dreadnode'
  readonly sessionId: string
  /** The access JWT (cookie `access_token`). */
  readonly accessToken: string
  /** The refresh JWT (cookie `refresh_token`). */
  readonly refreshToken: string
  readonly cookies: Record<string, string>
  /** `Cookie: access_token=…; refresh_token=…`. */
  readonly headers: { readonly Cookie: string }
  /** `Authorization: Bearer <access JWT>`, for `POST /api/v1/user/api-keys`. */
  readonly bearerHeaders: { readonly Authorization: string }
}
