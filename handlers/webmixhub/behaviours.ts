/**
 * Builds WebmixHub catalogue entries. Every error entry answers in the documented envelope through `webmixhubError`,
 * so forced and natural responses of one entry are the same bytes (apart from `meta`, which is per request).
 */
import type { Behaviour, Source } from '../platform/types.ts'
import type { WebmixhubConfig } from './config.ts'
import { WEBMIXHUB_ERRORS, webmixhubError, type Validation, type WebmixhubErrorCode } from './envelope.ts'
import type { WebmixhubState } from './model.ts'
import { ALL_CLIENT_HEADERS_MISSING } from './auth.ts'

export type WebmixhubBehaviour = Behaviour<WebmixhubState, WebmixhubConfig>

const SEED_REF = 'seeds/003_60d373ddafb3e9b1.txt (docs.hub.webmix.app/auth/logout.html)'
const CONTRACT_REF = 'contracts/webmixhub.md'

/** A documented source: the contract section (and the seed page when it shows the response). */
export const documented = (section: string, onSeed = false): Source => ({
  kind: 'documented',
  ref: onSeed ? `${SEED_REF}, ${section}; ${CONTRACT_REF}` : `${CONTRACT_REF}, ${section}`,
})

/** An assumed source: the contract's ASSUMPTION, and the option that switches it if any. */
export const assumed = (what: string, option?: string): Source => ({ kind: 'assumed', ref: `${CONTRACT_REF}: ASSUMPTION — ${what}`, option })

/**
 * The source of an error entry, given the entry's `CODE status "message"` line (built from the error table, so no
 * reference restates a message).
 */
type ErrorSource = (line: string) => Source

interface ErrorEntry {
  readonly operation: string
  /** The last part of the id (`missingTenantToken`). */
  readonly name: string
  readonly code: WebmixhubErrorCode
  readonly trigger: string
  readonly source: ErrorSource
  readonly primary?: boolean
  /** `error.validation` of a forced response (VALIDATION_ERROR entries only). */
  readonly forcedValidation?: Validation
}

/**
 * One error entry of the catalogue; its natural detail may carry `error.validation`.
 * @example
 * errorBehaviour({ operation: 'logout', name: 'missingUserToken', code: 'MISSING_USER_TOKEN', trigger: 'no x-token', source: (line) => documented(`Error codes, auth: ${line}`) })
 */
export function errorBehaviour(entry: ErrorEntry): WebmixhubBehaviour {
  const { status, message } = WEBMIXHUB_ERRORS[entry.code]
  return {
    id: `webmixhub.${entry.operation}.${entry.name}`,
    operation: entry.operation,
    status,
    title: `${status} ${entry.code} "${message}"`,
    trigger: entry.trigger,
    source: entry.source(`${entry.code} ${status} "${message}"`),
    contentType: 'application/json',
    schema: 'errorEnvelope',
    primary: entry.primary,
    respond: (ctx, detail) => webmixhubError(ctx, entry.code, (detail as { validation?: Validation } | undefined)?.validation ?? entry.forcedValidation),
  }
}

/** The source of an INTERNAL_SERVER that no operation documents on its own: the general error codes. */
const generalInternalServer: ErrorSource = (line) => documented(`Error codes, general: ${line}`)

/**
 * The general codes (DOC list; their message text is an ASSUMPTION) that only forcing produces, for any operation.
 * @example
 * forcedOnlyErrors('signin').map((b) => b.status) // [500, 408, 503]
 */
export function forcedOnlyErrors(operation: string, internalServer: ErrorSource = generalInternalServer): WebmixhubBehaviour[] {
  const general = (name: string, code: WebmixhubErrorCode, primary = false) =>
    errorBehaviour({
      operation,
      name,
      code,
      primary,
      trigger: 'forced only (general error code; no natural trigger in the mock)',
      source: (line) => documented(`Error codes, general: ${line} (message text: ASSUMPTION)`),
    })
  return [
    errorBehaviour({
      operation,
      name: 'internalServer',
      code: 'INTERNAL_SERVER',
      primary: true,
      trigger: 'forced only (an internal failure, "forced by scenario" in the contract)',
      source: internalServer,
    }),
    general('requestTimeout', 'REQUEST_TIMEOUT'),
    general('serviceUnavailable', 'SERVICE_UNAVAILABLE'),
  ]
}

/**
 * 400 VALIDATION_ERROR for missing client headers (ASSUMPTION: enforcement is optional, off by default).
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
    source: (line) => assumed(`${line} naming each missing client header; the six are enforced only when requireClientHeaders is on (off by default)`, 'requireClientHeaders'),
    forcedValidation: ALL_CLIENT_HEADERS_MISSING,
  })
}

/**
 * The tenant-authentication entries (contract rows 2–3).
 * @example
 * tenantBehaviours('signin').map((b) => b.id) // ['webmixhub.signin.missingTenantToken', 'webmixhub.signin.invalidTenantToken']
 */
export function tenantBehaviours(operation: string): WebmixhubBehaviour[] {
  return [
    errorBehaviour({
      operation,
      name: 'missingTenantToken',
      code: 'MISSING_TENANT_TOKEN',
      trigger: 'no (or an empty) x-tenant-token header',
      source: (line) => documented(`Error codes, auth: ${line}; Logout row 2`),
    }),
    errorBehaviour({
      operation,
      name: 'invalidTenantToken',
      code: 'INVALID_TENANT_TOKEN',
      trigger: 'an x-tenant-token that names no tenant',
      source: (line) => assumed(`${line} for an unknown tenant token (row 3; the documented list is truncated)`),
    }),
  ]
}

/**
 * The entries of a private route (behind `gate(ctx, { user: true })`): client headers (the representative 400),
 * tenant, user token (MISSING_USER_TOKEN the representative 401), a valid token whose user is gone, and the
 * forced-only general errors.
 * @example
 * authenticatedBehaviours('me', { unexpectedState: (line) => assumed(`${line} for a deleted user's token`) })
 */
export function authenticatedBehaviours(operation: string, sources: { unexpectedState: ErrorSource; internalServer?: ErrorSource }): WebmixhubBehaviour[] {
  return [
    clientHeadersBehaviour(operation, true),
    ...tenantBehaviours(operation),
    errorBehaviour({
      operation,
      name: 'missingUserToken',
      code: 'MISSING_USER_TOKEN',
      primary: true,
      trigger: 'a valid tenant but no (or an empty) x-token header',
      source: (line) => documented(`Error codes, auth: ${line}; Logout row 4`),
    }),
    errorBehaviour({
      operation,
      name: 'invalidToken',
      code: 'INVALID_TOKEN',
      trigger: 'x-token not a JWT, over 8 KiB, alg other than HS256 (alg none), bad signature, issued by another tenant, a refresh token, or a token without exp',
      source: (line) => assumed(`${line} for a malformed, forged or other-tenant JWT (row 5)`),
    }),
    errorBehaviour({
      operation,
      name: 'tokenExpired',
      code: 'TOKEN_EXPIRED',
      trigger: 'a correctly signed access token of this tenant whose exp has passed on the platform clock',
      source: (line) => assumed(`${line} once exp has passed (row 5)`),
    }),
    errorBehaviour({
      operation,
      name: 'unexpectedState',
      code: 'UNEXPECTED_STATE',
      trigger: 'a valid token whose user no longer exists (control action deleteUser)',
      source: sources.unexpectedState,
    }),
    ...forcedOnlyErrors(operation, sources.internalServer),
  ]
}
