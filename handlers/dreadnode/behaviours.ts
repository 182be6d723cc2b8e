/**
 * Builds catalogue entries for Dreadnode. The docs list one set of twelve responses shared by every operation, so
 * each operation gets all eleven error entries; the ones its logic can't reach are forced-only.
 */
import type { Behaviour, Source } from '../platform/types.ts'
import { createResponse } from '../platform/response.ts'
import type { DreadnodeConfig } from './config.ts'
import { DREADNODE_ERRORS, dreadnodeError, type DreadnodeErrorStatus, type ValidationItem } from './envelope.ts'
import type { DreadnodeState } from './model.ts'

export type DreadnodeBehaviour = Behaviour<DreadnodeState, DreadnodeConfig>

export const SEED_REF = 'seeds/001_a014b5b6c3b28044.txt (docs.dreadnode.io/api/operations/logout), Responses; contracts/dreadnode.md'
export const documented = (section: string): Source => ({ kind: 'documented', ref: `${SEED_REF} ${section}`.trim() })
export const assumed = (what: string, option?: string): Source => ({ kind: 'assumed', ref: `contracts/dreadnode.md: ASSUMPTION — ${what}`, option })

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
export type Triggers = Partial<Record<DreadnodeErrorStatus, string>>

/** Default 422 items when the response is forced (what a malformed cookie would give). */
const DEFAULT_422: ValidationItem[] = [{ loc: ['cookie', 'access_token'], msg: 'Malformed token: not a JWT', type: 'value_error.jwt' }]

/**
 * The eleven documented error entries of one operation.
 * @example
 * errorBehaviours('logout', { 401: 'access_token missing, expired, revoked or forged' })
 */
export function errorBehaviours(operation: string, triggers: Triggers): DreadnodeBehaviour[] {
  return (Object.keys(DREADNODE_ERRORS).map(Number) as DreadnodeErrorStatus[]).map((status) => ({
    id: `dreadnode.${operation}.${NAMES[status]}`,
    operation,
    status,
    title: `${status} ${DREADNODE_ERRORS[status].type}`,
    trigger: triggers[status] ?? 'forced only (listed by the docs for every operation; no natural trigger in the mock)',
    source: documented(`— ${status} ${DREADNODE_ERRORS[status].detail}`),
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

/** A JSON 200 with optional Set-Cookie values. */
export function jsonOk(body: unknown, cookies: readonly string[] = []): Response {
  const headers = new Headers({ 'Content-Type': 'application/json' })
  for (const c of cookies) headers.append('Set-Cookie', c)
  return createResponse(JSON.stringify(body), { status: 200, headers })
}
