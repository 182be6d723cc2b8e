/**
 * Reading a Rested.dev JSON body in the documented order: Content-Type (only application/json) → empty body →
 * JSON object. Bodies are bounded by the platform's `readBody` (1 MiB); a body with the wrong Content-Type is never
 * read. Nothing here throws. What is left unread (a wrong Content-Type, an oversized body) is discarded by the
 * transport, so a keep-alive connection stays usable.
 *
 * The media type is compared with `mediaType` rather than the platform's `isJsonMediaType`: the docs accept "only
 * application/json", so `application/problem+json` and other `+json` types get the documented 400.
 */
import { DEFAULT_BODY_LIMIT, isPlainObject, mediaType, parseJson, readBody } from '../platform/http/body.ts'
import type { Ctx, Refusal } from './gate.ts'

/**
 * The most a body the mock keeps (a registered user, a posted record) may hold: 64 KiB. With each store's byte
 * budget (docs/limits.md) it keeps memory bounded in bytes however much is posted; a larger body is the same 400
 * "Body too large" as one over the 1 MiB read limit.
 */
export const MAX_STORED_BODY_BYTES = 64 * 1024

/**
 * Reads the request body (at most `limit` bytes) as a JSON object; a failure is the operation's body entry
 * (`rested.<op>.emptyBody`, …). JSON nested deeper than the platform's bound is a malformed body.
 * @example
 * const body = await readJsonObject(ctx, 'login')
 * if (!body.ok) return body.outcome
 */
export async function readJsonObject(ctx: Ctx, operation: string, limit = DEFAULT_BODY_LIMIT): Promise<Refusal | { readonly ok: true; readonly value: Record<string, unknown> }> {
  const refuse = (failure: 'badContentType' | 'emptyBody' | 'malformedBody' | 'bodyTooLarge'): Refusal => ({ ok: false, outcome: { behaviour: `rested.${operation}.${failure}` } })
  if (mediaType(ctx.request.headers.get('content-type')) !== 'application/json') return refuse('badContentType')
  const body = await readBody(ctx.request, limit)
  if (!body.ok) return refuse(body.reason === 'too-large' ? 'bodyTooLarge' : 'malformedBody')
  if (body.text.trim() === '') return refuse('emptyBody')
  const parsed = parseJson(body.text)
  if (!parsed.ok || !isPlainObject(parsed.value)) return refuse('malformedBody')
  return { ok: true, value: parsed.value }
}
