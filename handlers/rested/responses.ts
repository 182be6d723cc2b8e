/**
 * Building Rested.dev responses: errors in the configured format (ASSUMPTION: JSON `{"message"}` by default), JSON
 * successes and empty 204s, each with the project's CORS headers.
 */
import type { Ctx } from './gate.ts'
import { applyCors } from './cors.ts'
import { createResponse, type MockResponse } from '../platform/http/response.ts'

/**
 * An error response with the reason text: `{"message": reason}` (errorFormat `json`) or the bare text (`text`).
 * @example
 * restedError(ctx, 403, 'Missing API Key')
 */
export function restedError(ctx: Ctx, status: number, message: string): MockResponse {
  const text = ctx.config.errorFormat === 'text'
  const headers = applyCors(ctx, new Headers({ 'Content-Type': text ? 'text/plain; charset=utf-8' : 'application/json' }))
  return createResponse(text ? message : JSON.stringify({ message }), { status, headers })
}

/**
 * A JSON response with optional extra headers (`Set-Cookie` values are appended, not replaced).
 * @example
 * restedJson(ctx, 200, { uniqueId, data }, [['Set-Cookie', cookie]])
 */
export function restedJson(ctx: Ctx, status: number, body: unknown, extra: readonly (readonly [string, string])[] = []): MockResponse {
  const headers = applyCors(ctx, new Headers({ 'Content-Type': 'application/json' }))
  for (const [name, value] of extra) headers.append(name, value)
  return createResponse(JSON.stringify(body), { status, headers })
}

/**
 * An empty 204 with optional extra headers.
 * @example
 * restedNoContent(ctx, [['Set-Cookie', clearingCookie]])
 */
export function restedNoContent(ctx: Ctx, extra: readonly (readonly [string, string])[] = []): MockResponse {
  const headers = applyCors(ctx, new Headers())
  for (const [name, value] of extra) headers.append(name, value)
  return createResponse(null, { status: 204, headers })
}
