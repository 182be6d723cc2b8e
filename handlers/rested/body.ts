/**
 * Reading a Rested.dev JSON body in the documented order: Content-Type (only application/json) → empty body →
 * JSON object. Bodies are bounded by the platform's `readBody` (1 MiB); a body with the wrong Content-Type is never
 * read. Nothing here throws. What is left unread (a wrong Content-Type, an oversized body) is discarded by the
 * transport, so a keep-alive connection stays usable.
 */
import { isPlainObject, mediaType, parseJson, readBody } from '../platform/body.ts'
import type { Ctx } from './gate.ts'

export type JsonObjectBody =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly failure: 'badContentType' | 'emptyBody' | 'malformedBody' | 'bodyTooLarge' }

/**
 * Reads the request body as a JSON object.
 * @example
 * const body = await readJsonObject(ctx)
 * if (!body.ok) return { behaviour: `rested.login.${body.failure}` }
 */
export async function readJsonObject(ctx: Ctx): Promise<JsonObjectBody> {
  if (mediaType(ctx.request.headers.get('content-type')) !== 'application/json') return { ok: false, failure: 'badContentType' }
  const body = await readBody(ctx.request)
  if (!body.ok) return { ok: false, failure: body.reason === 'too-large' ? 'bodyTooLarge' : 'malformedBody' }
  if (body.text.trim() === '') return { ok: false, failure: 'emptyBody' }
  const parsed = parseJson(body.text)
  if (!parsed.ok || !isPlainObject(parsed.value)) return { ok: false, failure: 'malformedBody' }
  return { ok: true, value: parsed.value }
}
