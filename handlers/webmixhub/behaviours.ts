/**
 * Builds WebmixHub catalogue entries. Every error entry answers in the documented envelope through `webmixhubError`,
 * so forced and natural responses of one entry are the same bytes (apart from `meta`, which is per request).
 */
import type { Behaviour, Source } from '../platform/types.ts'
import type { WebmixhubConfig } from './config.ts'
import { WEBMIXHUB_ERRORS, webmixhubError, type Validation, type WebmixhubErrorCode } from './envelope.ts'
import type { WebmixhubState } from './model.ts'
import { ALL_CLIENT_HEADERS_MISSING } from './auth.ts'
import { assumed, documented } from './sources.ts'

export type WebmixhubBehaviour = Behaviour<WebmixhubState, WebmixhubConfig>

/** A page's own words for some codes, where they differ from the error-codes table (logout's). */
type Wording = Partial<Record<WebmixhubErrorCode, string>>

interface ErrorEntry {
  readonly operation: string
  /** The last part of the id (`missingTenantToken`). */
  readonly name: string
  readonly code: WebmixhubErrorCode
  readonly trigger: string
  readonly source: Source
  readonly primary?: boolean
  /** `error.validation` of a forced response (VALIDATION_ERROR entries only). */
  readonly forcedValidation?: Validation
  /** The operation page's wording of the message, when it differs from the table's. */
  readonly message?: string
}

/**
 * One error entry of the catalogue; its natural detail may carry `error.validation`.
 * @example
 * errorBehaviour({ operation: 'logout', name: 'missingUserToken', code: 'MISSING_USER_TOKEN', trigger: 'no x-token', source: documented('errorCodes') })
 */
export function errorBehaviour(entry: ErrorEntry): WebmixhubBehaviour {
  const { status } = WEBMIXHUB_ERRORS[entry.code]
  const message = entry.message ?? WEBMIXHUB_ERRORS[entry.code].message
  return {
    id: `webmixhub.${entry.operation}.${entry.name}`,
    operation: entry.operation,
    status,
    title: `${status} ${entry.code} "${message}"`,
    trigger: entry.trigger,
    source: entry.source,
    contentType: 'application/json',
    schema: 'errorEnvelope',
    primary: entry.primary,
    respond: (ctx, detail) => webmixhubError(ctx, entry.code, (detail as { validation?: Validation } | undefined)?.validation ?? entry.forcedValidation, message),
  }
}

/**
 * The error-codes page's "General HTTP Errors", which "can occur across different endpoints" and which no request to
 * the mock produces by itself: each operation answers every one of them when forced, in the envelope, with the table's
 * message (docs/providers/webmixhub.md#general-error-codes).
 */
const GENERAL_CODES = {
  badRequest: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
  unprocessableEntity: 'UNPROCESSABLE_ENTITY',
} as const satisfies Record<string, WebmixhubErrorCode>

/**
 * The general codes that only forcing produces, for any operation: INTERNAL_SERVER (the page that documents it for
 * the operation, else the error-codes table), REQUEST_TIMEOUT, SERVICE_UNAVAILABLE and the six general codes of the
 * table (BAD_REQUEST … UNPROCESSABLE_ENTITY), worded as `wording` says or as the table does. `natural` names codes the
 * operation already has an entry for (signup's CONFLICT), which are not repeated.
 * @example
 * forcedOnlyErrors('signin').map((b) => b.status) // [500, 408, 503, 400, 401, 403, 404, 409, 422]
 */
export function forcedOnlyErrors(operation: string, internalServer: Source = documented('errorCodes'), wording: Wording = {}, natural: readonly WebmixhubErrorCode[] = []): WebmixhubBehaviour[] {
  const general = (name: string, code: WebmixhubErrorCode) =>
    errorBehaviour({ operation, name, code, trigger: 'forced only (general error code; no natural trigger in the mock)', source: documented('errorCodes'), message: wording[code] })
  const table = Object.entries(GENERAL_CODES)
    .filter(([, code]) => !natural.includes(code))
    .map(([name, code]) => general(name, code))
  return [
    errorBehaviour({
      operation,
      name: 'internalServer',
      code: 'INTERNAL_SERVER',
      primary: true,
      trigger: 'forced only (an internal failure, by forcing or a scenario)',
      source: internalServer,
      message: wording.INTERNAL_SERVER,
    }),
    general('requestTimeout', 'REQUEST_TIMEOUT'),
    general('serviceUnavailable', 'SERVICE_UNAVAILABLE'),
    ...table,
  ]
}

/**
 * 400 VALIDATION_ERROR for missing client headers (assumed: enforcement is optional, off by default).
 * @example
 * clientHeadersBehaviour('signin').id // 'webmixhub.signin.missingClientHeaders'
 */
export function clientHeadersBehaviour(operation: string, primary = false): WebmixhubBehaviour {
  return errorBehaviour({
    operation,
    name: 'missingClientHeaders',
    code: 'VALIDATION_ERROR',
    primary,
    trigger: 'requireClientHeaders on, and one of x-locale, x-country, x-device-id, x-client-version, x-platform, x-platform-version missing (or x-country / x-platform malformed)',
    source: assumed('client-headers', 'requireClientHeaders'),
    forcedValidation: ALL_CLIENT_HEADERS_MISSING,
  })
}

/**
 * The tenant-authentication entries: no `x-tenant-token` (documented), an unknown one (assumed).
 * @example
 * tenantBehaviours('signin').map((b) => b.id) // ['webmixhub.signin.missingTenantToken', 'webmixhub.signin.invalidTenantToken']
 */
export function tenantBehaviours(operation: string): WebmixhubBehaviour[] {
  return [
    errorBehaviour({ operation, name: 'missingTenantToken', code: 'MISSING_TENANT_TOKEN', trigger: 'no (or an empty) x-tenant-token header', source: documented('errorCodes') }),
    errorBehaviour({ operation, name: 'invalidTenantToken', code: 'INVALID_TENANT_TOKEN', trigger: 'an x-tenant-token that names no tenant', source: assumed('the-rest-of-the-auth-error-list') }),
  ]
}

/**
 * The entries of a private route (behind `gate(ctx, { user: true })`): client headers (the representative 400),
 * tenant, user token (MISSING_USER_TOKEN the representative 401), a valid token whose user is gone, and the
 * forced-only general errors.
 * @example
 * authenticatedBehaviours('me', { unexpectedState: assumed('the-current-user') })
 */
export function authenticatedBehaviours(operation: string, sources: { unexpectedState: Source; internalServer?: Source; wording?: Wording }): WebmixhubBehaviour[] {
  return [
    clientHeadersBehaviour(operation, true),
    ...tenantBehaviours(operation),
    errorBehaviour({
      operation,
      name: 'missingUserToken',
      code: 'MISSING_USER_TOKEN',
      primary: true,
      trigger: 'a valid tenant but no (or an empty) x-token header',
      source: documented('errorCodes'),
    }),
    errorBehaviour({
      operation,
      name: 'invalidToken',
      code: 'INVALID_TOKEN',
      trigger: 'x-token not a JWT, over 8 KiB, alg other than HS256 (alg none), bad signature, issued by another tenant, a refresh token, or a token without exp',
      source: assumed('the-rest-of-the-auth-error-list'),
    }),
    errorBehaviour({
      operation,
      name: 'tokenExpired',
      code: 'TOKEN_EXPIRED',
      trigger: 'a correctly signed access token of this tenant whose exp has passed on the platform clock',
      source: assumed('the-rest-of-the-auth-error-list'),
    }),
    errorBehaviour({
      operation,
      name: 'unexpectedState',
      code: 'UNEXPECTED_STATE',
      trigger: 'a valid token whose user no longer exists (control action deleteUser)',
      source: sources.unexpectedState,
    }),
    ...forcedOnlyErrors(operation, sources.internalServer, sources.wording),
  ]
}
