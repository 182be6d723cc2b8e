/**
 * WebmixHub's response envelope (DOC): `{meta:{requestId, timestamp}, data}` on success and
 * `{meta, error:{message, code, status}}` on error, `status` being the HTTP status; `VALIDATION_ERROR` adds
 * `error.validation`. Key order as the logout page shows it.
 */
import type { RequestContext } from '../platform/types.ts'
import type { WebmixhubConfig } from './config.ts'
import { createResponse, type MockResponse } from '../platform/http/response.ts'

/**
 * Error codes the mock answers with, their HTTP status and message: the general table and the auth list of the
 * error-codes page (exact case), the logout page's own codes, and the assumed rest of the truncated auth list
 * (INVALID_TENANT_TOKEN, INVALID_TOKEN, TOKEN_EXPIRED). Where a page words a general code differently (logout's "Too
 * many requests"), the entry passes that page's message (`LOGOUT_WORDING`).
 */
export const WEBMIXHUB_ERRORS = {
  BAD_REQUEST: { status: 400, message: 'Bad Request' },
  VALIDATION_ERROR: { status: 400, message: 'The request could not be processed' },
  UNAUTHORIZED: { status: 401, message: 'Unauthorized' },
  INVALID_CREDENTIALS: { status: 401, message: 'Invalid credentials' },
  MISSING_TENANT_TOKEN: { status: 401, message: 'Missing tenant token' },
  INVALID_TENANT_TOKEN: { status: 401, message: 'Invalid tenant token' },
  MISSING_USER_TOKEN: { status: 401, message: 'Missing user token' },
  INVALID_TOKEN: { status: 401, message: 'Invalid token' },
  TOKEN_EXPIRED: { status: 401, message: 'Token expired' },
  FORBIDDEN: { status: 403, message: 'Forbidden' },
  RESTRICTED_CAPABILITY: { status: 403, message: 'Capability logout is restricted' },
  NOT_FOUND: { status: 404, message: 'Not Found' },
  REQUEST_TIMEOUT: { status: 408, message: 'Request Timeout' },
  CONFLICT: { status: 409, message: 'Conflict' },
  UNPROCESSABLE_ENTITY: { status: 422, message: 'Unprocessable Entity' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too Many Requests' },
  UNEXPECTED_STATE: { status: 500, message: 'Missing user context' },
  INTERNAL_SERVER: { status: 500, message: 'Internal Server Error' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'Service Unavailable' },
} as const

/** The logout page's own words for two general codes (its examples), which stand on logout. */
export const LOGOUT_WORDING = {
  TOO_MANY_REQUESTS: 'Too many requests',
  INTERNAL_SERVER: 'Something went wrong on our side.',
} as const satisfies Partial<Record<keyof typeof WEBMIXHUB_ERRORS, string>>

export type WebmixhubErrorCode = keyof typeof WEBMIXHUB_ERRORS

/** Field (or header) name → message, as `error.validation` carries them. */
export type Validation = Record<string, string>

const REQUEST_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

type AnyCtx = RequestContext<unknown, WebmixhubConfig>

/**
 * The `meta` block of one response: a fresh `req-…` id from the platform's (seedable) random source and the platform
 * clock's time, ISO 8601 with milliseconds and `Z`.
 */
function responseMeta(ctx: AnyCtx) {
  return { requestId: `req-${ctx.random.string(16, REQUEST_ID_ALPHABET)}`, timestamp: new Date(ctx.clock.now()).toISOString() }
}

/**
 * Serialises `{meta, …payload}` as JSON with the given status; echoes the request id as `x-request-id` unless the
 * `requestIdHeader` option is off.
 * @example
 * envelope(ctx, 200, { data: { success: true } })
 */
export function envelope(ctx: AnyCtx, status: number, payload: { data: unknown } | { error: unknown }): MockResponse {
  const meta = responseMeta(ctx)
  const headers = new Headers({ 'Content-Type': 'application/json' })
  if (ctx.config.requestIdHeader) headers.set('x-request-id', meta.requestId)
  return createResponse(JSON.stringify({ meta, ...payload }), { status, headers })
}

/**
 * An error response: `{meta, error:{message, code, status[, validation]}}`, the message from the error table unless
 * the operation's page words it otherwise.
 * @example
 * webmixhubError(ctx, 'MISSING_USER_TOKEN') // 401 {"meta":{…},"error":{"message":"Missing user token","code":"MISSING_USER_TOKEN","status":401}}
 */
export function webmixhubError(ctx: AnyCtx, code: WebmixhubErrorCode, validation?: Validation, message: string = WEBMIXHUB_ERRORS[code].message): MockResponse {
  const { status } = WEBMIXHUB_ERRORS[code]
  const error: Record<string, unknown> = { message, code, status }
  if (validation) error.validation = validation
  return envelope(ctx, status, { error })
}
