/**
 * Builds catalogue entries for Dreadnode. The docs list one set of twelve responses shared by every operation, so
 * each operation gets all eleven error entries; the ones its logic can't reach are forced-only.
 */
import type { Behaviour, Source } from '../platform/types.ts'
import { createResponse, type MockResponse } from '../platform/response.ts'
import type { DreadnodeConfig } from './config.ts'
import { DREADNODE_ERRORS, dreadnodeError, type DreadnodeErrorStatus, type ValidationItem } from './envelope.ts'
import type { DreadnodeState } from './model.ts'

export type DreadnodeBehaviour = Behaviour<DreadnodeState, DreadnodeConfig>

/** The vendor's public pages and client source this provider follows (docs/providers/dreadnode.md#sources). */
export const DOCS = {
  logout: 'https://docs.dreadnode.io/api/operations/logout/',
  refresh: 'https://docs.dreadnode.io/api/operations/refresh_token/',
  connectClients: 'https://docs.dreadnode.io/self-hosting/connect-clients/',
  sdkV1Client: 'https://github.com/dreadnode/sdk/blob/v1.17.1/dreadnode/api/client.py',
  sdkV1Cli: 'https://github.com/dreadnode/sdk/blob/v1.17.1/dreadnode/cli/api.py',
  sdkV2: 'https://pypi.org/project/dreadnode/',
} as const

/** Where every assumption of this provider is stated, with the option that switches it. */
const ASSUMPTIONS_REF = 'docs/providers/dreadnode.md#assumptions'

/**
 * A documented source: a vendor URL, and the parts of the response that are still our assumptions.
 * @example
 * documented(DOCS.refresh, [{ what: 'field names of the access-token body' }])
 */
export const documented = (ref: string, assumptions?: readonly { what: string; option?: string }[]): Source =>
  assumptions ? { kind: 'documented', ref, assumptions } : { kind: 'documented', ref }

/**
 * An assumed source: the docs section that states it, and the option that switches it, if any.
 * @example
 * assumed('unauthenticatedLogout')
 */
export const assumed = (option?: string): Source => (option ? { kind: 'assumed', ref: ASSUMPTIONS_REF, option } : { kind: 'assumed', ref: ASSUMPTIONS_REF })

const NAMES: Record<DreadnodeErrorStatus, string> = {
  400: 'invalidRequest',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'notFound',
  409: 'alreadyExists',
  422: 'validationError',
  426: 'upgradeRequired',
  429: 'rateLimited',
  500: 'internalError',
  502: 'badGateway',
  504: 'gatewayTimeout',
}

export interface ErrorDetail {
  detail?: string
  errors?: ValidationItem[]
  retryAfter?: number
}

/** Natural triggers of an operation, by status; statuses not listed are forced-only. */
type Triggers = Partial<Record<DreadnodeErrorStatus, string>>

/** Default 422 items when the response is forced (what a malformed cookie would give). */
const DEFAULT_422: ValidationItem[] = [{ loc: ['cookie', 'access_token'], msg: 'Malformed token: not a JWT', type: 'value_error.jwt' }]

/**
 * The eleven documented error entries of one operation; `ref` is the page listing them (each operation page of the
 * docs lists the same twelve responses; the logout page stands for operations without a page of their own).
 * @example
 * errorBehaviours('logout', { 401: 'access_token missing, expired, revoked or forged' })
 */
export function errorBehaviours(operation: string, triggers: Triggers, ref: string = DOCS.logout): DreadnodeBehaviour[] {
  return (Object.keys(DREADNODE_ERRORS).map(Number) as DreadnodeErrorStatus[]).map((status) => ({
    id: `dreadnode.${operation}.${NAMES[status]}`,
    operation,
    status,
    title: `${status} ${DREADNODE_ERRORS[status].type}`,
    trigger: triggers[status] ?? 'forced only (listed by the docs for every operation; no natural trigger in the mock)',
    // The docs show only authentication_error; the other `type` values are ours.
    source: documented(ref, status === 401 ? undefined : [{ what: `type "${DREADNODE_ERRORS[status].type}"` }]),
    contentType: 'application/json',
    schema: 'errorEnvelope',
    respond: (ctx, raw) => {
      const d = (raw ?? {}) as ErrorDetail
      if (status === 429) {
        const retryAfter = d.retryAfter ?? Math.ceil(ctx.config.rateLimitWindowMs / 1000)
        return dreadnodeError(429, { detail: d.detail, headers: { 'Retry-After': String(retryAfter) } })
      }
      if (status === 422) return dreadnodeError(422, { detail: d.detail, errors: d.errors ?? DEFAULT_422 })
      return dreadnodeError(status, { detail: d.detail })
    },
  }))
}

/**
 * An error entry of its own (same status as a generic one, its own condition and `detail`), in the canonical envelope.
 * @example
 * namedError({ operation: 'deviceToken', name: 'pending', status: 401, title: 'Not approved yet', trigger: '…', source, detail: 'Authorization pending' })
 */
export function namedError(e: { operation: string; name: string; status: DreadnodeErrorStatus; title: string; trigger: string; source: Source; detail: string }): DreadnodeBehaviour {
  return {
    id: `dreadnode.${e.operation}.${e.name}`,
    operation: e.operation,
    status: e.status,
    title: e.title,
    trigger: e.trigger,
    source: e.source,
    contentType: 'application/json',
    schema: 'errorEnvelope',
    respond: () => dreadnodeError(e.status, { detail: e.detail }),
  }
}

/** A JSON 200 with optional Set-Cookie values. */
export function jsonOk(body: unknown, cookies: readonly string[] = []): MockResponse {
  const headers = new Headers({ 'Content-Type': 'application/json' })
  for (const c of cookies) headers.append('Set-Cookie', c)
  return createResponse(JSON.stringify(body), { status: 200, headers })
}
