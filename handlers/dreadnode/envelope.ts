/**
 * Dreadnode's canonical error envelope (DOC): `{code, detail, type, errors?}` with `code` = the real HTTP status.
 */
import { createResponse, type MockResponse } from '../platform/http/response.ts'

export interface ValidationItem {
  loc: (string | number)[]
  msg: string
  type: string
}

/** Per status: the stable `type` (ASSUMPTION except authentication_error) and the default `detail` (the docs' phrase). */
export const DREADNODE_ERRORS = {
  400: { type: 'invalid_request', detail: 'Invalid request' },
  401: { type: 'authentication_error', detail: 'Authentication failed' },
  403: { type: 'permission_denied', detail: 'Access forbidden' },
  404: { type: 'not_found', detail: 'Not found' },
  409: { type: 'already_exists', detail: 'Already exists' },
  422: { type: 'validation_error', detail: 'Validation error' },
  426: { type: 'upgrade_required', detail: 'Upgrade required' },
  429: { type: 'rate_limited', detail: 'Rate limited' },
  500: { type: 'internal_error', detail: 'Internal server error' },
  502: { type: 'bad_gateway', detail: 'Bad gateway' },
  504: { type: 'gateway_timeout', detail: 'Gateway timeout' },
} as const

export type DreadnodeErrorStatus = keyof typeof DREADNODE_ERRORS

/**
 * Builds an error response in the canonical envelope.
 * @example
 * dreadnodeError(401) // {"code":401,"detail":"Authentication failed","type":"authentication_error"}
 */
export function dreadnodeError(status: DreadnodeErrorStatus, extra: { detail?: string; errors?: ValidationItem[]; headers?: HeadersInit } = {}): MockResponse {
  const { type, detail } = DREADNODE_ERRORS[status]
  const body: Record<string, unknown> = { code: status, detail: extra.detail ?? detail, type }
  if (extra.errors) body.errors = extra.errors
  const headers = new Headers(extra.headers)
  headers.set('Content-Type', 'application/json')
  return createResponse(JSON.stringify(body), { status, headers })
}
