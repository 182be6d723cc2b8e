/**
 * Builds catalogue entries for Dreadnode. The docs list one set of twelve responses shared by every operation, so
 * each operation gets all eleven error entries; the ones its logic can't reach are forced-only.
 */
import type { Behaviour, Source } from '../platform/types.ts'
import { documented, type DreadnodePage } from './sources.ts'
import { createResponse, type MockResponse } from '../platform/http/response.ts'
import type { DreadnodeConfig } from './config.ts'
import { DREADNODE_ERRORS, dreadnodeError, type DreadnodeErrorStatus, type ValidationItem } from './envelope.ts'
import type { DreadnodeState } from './model.ts'

export type DreadnodeBehaviour = Behaviour<DreadnodeState, DreadnodeConfig>

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
export function errorBehaviours(operation: string, triggers: Triggers, page: DreadnodePage = 'logout'): DreadnodeBehaviour[] {
  return (Object.keys(DREADNODE_ERRORS).map(Number) as DreadnodeErrorStatus[]).map((status) => ({
    id: `dreadnode.${operation}.${NAMES[status]}`,
    operation,
    status,
    title: `${status} ${DREADNODE_ERRORS[status].type}`,
    trigger: triggers[status] ?? 'forced only (listed by the docs for every operation; no natural trigger in the mock)',
    // The docs show only authentication_error; the other `type` values are ours.
    source: documented(page, status === 401 ? undefined : [{ what: `type "${DREADNODE_ERRORS[status].type}"` }]),
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
