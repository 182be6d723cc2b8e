/**
 * Reading a Rested.dev JSON body in the documented order: Content-Type (only application/json) → empty body →
 * JSON object. Bodies are bounded (1 MiB); nothing here throws.
 *
 * WORKAROUND: the platform's `readBody` cancels an oversized body, which the standalone bridge turns into a destroyed
 * socket — a keep-alive client then sees ECONNRESET on its next request. Until the platform drains instead, this
 * reader keeps at most `limit` bytes and discards the rest, so the connection stays usable.
 */
import { DEFAULT_BODY_LIMIT, isPlainObject, mediaType, parseJson, type BodyResult } from '../platform/body.ts'
import type { Ctx } from './gate.ts'

/**
 * Reads the body as UTF-8 text, keeping at most `limit` bytes and draining (not cancelling) the rest.
 * @example
 * const body = await readBodyDraining(request)
 * if (!body.ok && body.reason === 'too-large') { … }
 */
export async function readBodyDraining(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<BodyResult> {
  if (!request.body) return { ok: true, text: '' }
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    const reader = request.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size <= limit) chunks.push(value)
    }
  } catch {
    return { ok: false, reason: 'unreadable' }
  }
  if (size > limit) return { ok: false, reason: 'too-large' }
  const all = new Uint8Array(size)
  let offset = 0
  for (const c of chunks) {
    all.set(c, offset)
    offset += c.byteLength
  }
  return { ok: true, text: new TextDecoder().decode(all) }
}

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
  if (mediaType(ctx.request.headers.get('content-type')) !== 'application/json') {
    await readBodyDraining(ctx.request, 0)
    return { ok: false, failure: 'badContentType' }
  }
  const body = await readBodyDraining(ctx.request)
  if (!body.ok) return { ok: false, failure: body.reason === 'too-large' ? 'bodyTooLarge' : 'malformedBody' }
  if (body.text.trim() === '') return { ok: false, failure: 'emptyBody' }
  const parsed = parseJson(body.text)
  if (!parsed.ok || !isPlainObject(parsed.value)) return { ok: false, failure: 'malformedBody' }
  return { ok: true, value: parsed.value }
}
