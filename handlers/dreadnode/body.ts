/**
 * Dreadnode request bodies: JSON when the client says so. A JSON body that does not parse is the documented 400
 * (`invalid_request`); so is a body over the size limit.
 */
import { isJsonMediaType, isPlainObject, mediaType, parseJson, readBody } from '../platform/body.ts'
import type { Ctx } from './auth.ts'

export type JsonBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'other'; mediaType: string } | { kind: 'bad'; detail: string }

/** Reads the body: `none` when empty, `json` when it parses, `other` for non-JSON media types, `bad` for a broken JSON body. */
export async function readJsonBody(ctx: Ctx): Promise<JsonBody> {
  const body = await readBody(ctx.request)
  if (!body.ok) return { kind: 'bad', detail: body.reason === 'too-large' ? 'Request body too large' : 'Request body could not be read' }
  if (body.text === '') return { kind: 'none' }
  const contentType = ctx.request.headers.get('content-type')
  if (!isJsonMediaType(contentType)) return { kind: 'other', mediaType: mediaType(contentType) }
  const parsed = parseJson(body.text)
  return parsed.ok ? { kind: 'json', value: parsed.value } : { kind: 'bad', detail: 'Invalid request: body is not valid JSON' }
}

export { isPlainObject }
