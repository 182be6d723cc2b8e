/**
 * Reading a Rested.dev JSON body in the documented order: Content-Type (only application/json) → empty body →
 * JSON object. Bodies are bounded by the platform's `readBody` (1 MiB); a body with the wrong Content-Type is never
 * read. Nothing here throws. What is left unread (a wrong Content-Type, an oversized body) is discarded by the
 * transport, so a keep-alive connection stays usable.
 *
 * The media type is compared with `mediaType` rather than the platform's `isJsonMediaType`: the docs accept "only
 * application/json", so `application/problem+json` and other `+json` types get the documented 400.
 */
import { isPlainObject, mediaType, parseJson, readBody } from '../platform/http/body.ts'
import type { Ctx, Refusal } from './gate.ts'

/**
 * Reads the request body as a JSON object; a failure is the operation's body entry (`rested.<op>.emptyBody`, …).
 * @example
 * const body = await readJsonObject(ctx, 'login')
 * if (!body.ok) return body.outcome
 */
export async function readJsonObject(ctx: Ctx, operation: string): Promise<Refusal | { readonly ok: true; readonly value: Record<string, unknown> }> {
  const refuse = (failure: 'badContentType' | 'emptyBody' | 'malformedBody' | 'bodyTooLarge'): Refusal => ({ ok: false, outcome: { behaviour: `rested.${operation}.${failure}` } })
  if (mediaType(ctx.request.headers.get('content-type')) !== 'application/json') return refuse('badContentType')
  const body = await readBody(ctx.request)
  if (!body.ok) return refuse(body.reason === 'too-large' ? 'bodyTooLarge' : 'malformedBody')
  if (body.text.trim() === '') return refuse('emptyBody')
  const parsed = parseJson(body.text)
  if (!parsed.ok || !isPlainObject(parsed.value)) return refuse('malformedBody')
  return { ok: true, value: parsed.value }
}
