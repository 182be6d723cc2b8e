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

export const SEED_REF = 'seeds/003_60d373ddafb3e9b1.txt (docs.hub.webmix.app/auth/logout.html)'
export const CONTRACT_REF = 'contracts/webmixhub.md'

/** A documented source: the contract section (and the seed page when it shows the response). */
export const documented = (section: string, onSeed = false): Source => ({
  kind: 'documented',
  ref: onSeed ? `${SEED_REF}, ${section}; ${CONTRACT_REF}` : `${CONTRACT_REF}, ${section}`,
})

/** An assumed source: the contract's ASSUMPTION, and the option that switches it if any. */
export const assumed = (what: string, option?: string): Source => ({ kind: 'assumed', ref: `${CONTRACT_REF}: ASSUMPTION — ${what}`, option })

/** What an error entry's natural path may pass to its builder. */
export interface ErrorDetail {
  message?: string
  validation?: Validation
}

export interface ErrorEntry {
  readonly operation: string
  /** The last part of the id (`missingTenantToken`). */
  readonly name: string
  readonly code: WebmixhubErrorCode
  readonly trigger: string
  readonly source: Source
  readonly primary?: boolean
  /** `error.validation` of a forced response (VALIDATION_ERROR entries only). */
  readonly forcedValidation?: Validation
  /** Extra headers of the response (e.g. `Retry-After`), given the natural detail or undefined when forced. */
  readonly headers?: (detail: ErrorDetail | undefined) => HeadersInit
}

/**
 * One error entry of the catalogue.
 * @example
 * errorBehaviour({ operation: 'logout', name: 'missingUserToken', code: 'MISSING_USER_TOKEN', trigger: 'no x-token', source: documented('Error codes') })
 */
export function errorBehaviour(entry: ErrorEntry): WebmixhubBehaviour {
  const { status, message } = WEBMIXHUB_ERRORS[entry.code]
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
    respond: (ctx, raw) => {
      const d = raw as ErrorDetail | undefined
      const validation = d?.validation ?? entry.forcedValidation
      return webmixhubError(ctx, entry.code, { message: d?.message, validation, headers: entry.headers?.(d) })
    },
  }
}

/** The general codes (DOC list; their message text is an ASSUMPTION) that only forcing produces, for any operation. */
export function forcedOnlyErrors(operation: string): WebmixhubBehaviour[] {
  const general = (name: string, code: WebmixhubErrorCode, primary = false) =>
    errorBehaviour({
      operation,
      name,
      code,
      primary,
      trigger: 'forced only (general error code; no natural trigger in the mock)',
      source: documented(`Error codes, general: ${code} ${WEBMIXHUB_ERRORS[code].status} (message text: ASSUMPTION)`),
    })
  return [
    errorBehaviour({
      operation,
      name: 'internalServer',
      code: 'INTERNAL_SERVER',
      primary: true,
      trigger: 'forced only (an internal failure, "forced by scenario" in the contract)',
      source:
        operation === 'logout'
          ? documented('Logout row 8 — 500 INTERNAL_SERVER "Something went wrong on our side."', true)
          : documented('Error codes, general: INTERNAL_SERVER 500 "Something went wrong on our side."'),
    }),
    general('requestTimeout', 'REQUEST_TIMEOUT'),
    general('serviceUnavailable', 'SERVICE_UNAVAILABLE'),
  ]
}

/**
 * 400 VALIDATION_ERROR for missing client headers (ASSUMPTION: enforcement is optional, off by default).
 * @example
 * clientHeadersBehaviour('logout').id // 'webmixhub.logout.missingClientHeaders'
 */
export function clientHeadersBehaviour(operation: string, primary = false): WebmixhubBehaviour {
  return errorBehaviour({
    operation,
    name: 'missingClientHeaders',
    code: 'VALIDATION_ERROR',
    primary,
    trigger: 'requireClientHeaders on, and one of x-locale, x-country, x-device-id, x-client-version, x-platform, x-platform-version missing (or x-country / x-platform malformed)',
    source: assumed('the six client headers are enforced only when requireClientHeaders is on (off by default)', 'requireClientHeaders'),
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
      source: documented('Error codes, auth: MISSING_TENANT_TOKEN 401 "Missing tenant token"; Logout row 2'),
    }),
    errorBehaviour({
      operation,
      name: 'invalidTenantToken',
      code: 'INVALID_TENANT_TOKEN',
      trigger: 'an x-tenant-token that names no tenant',
      source: assumed('INVALID_TENANT_TOKEN 401 "Invalid tenant token" for an unknown tenant token (row 3; the documented list is truncated)'),
    }),
  ]
}

/**
 * The user-authentication entries (contract rows 4–5); MISSING_USER_TOKEN is the representative 401.
 * @example
 * userTokenBehaviours('me').find((b) => b.primary)?.id // 'webmixhub.me.missingUserToken'
 */
export function userTokenBehaviours(operation: string): WebmixhubBehaviour[] {
  return [
    errorBehaviour({
      operation,
      name: 'missingUserToken',
      code: 'MISSING_USER_TOKEN',
      primary: true,
      trigger: 'a valid tenant but no (or an empty) x-token header',
      source: documented('Error codes, auth: MISSING_USER_TOKEN 401 "Missing user token"; Logout row 4'),
    }),
    errorBehaviour({
      operation,
      name: 'invalidToken',
      code: 'INVALID_TOKEN',
      trigger: 'x-token not a JWT, over 8 KiB, alg other than HS256 (alg none), bad signature, issued by another tenant, or a refresh token',
      source: assumed('INVALID_TOKEN 401 "Invalid token" for a malformed, forged or other-tenant JWT (row 5)'),
    }),
    errorBehaviour({
      operation,
      name: 'tokenExpired',
      code: 'TOKEN_EXPIRED',
      trigger: 'a correctly signed access token of this tenant whose exp has passed on the platform clock (or that has no exp)',
      source: assumed('TOKEN_EXPIRED 401 "Token expired" once exp has passed (row 5); a token without exp never was valid: expired too'),
    }),
  ]
}
