/**
 * Reading request bodies defensively: bounded in size, never throwing, so bad input becomes a documented error.
 */
import { BufferedRequest, type BodyResult, type IncomingRequest } from './buffered-request.ts'

export type { BodyResult } from './buffered-request.ts'

/** Default limit for bodies the providers read (1 MiB); larger bodies get the provider's "bad request". */
export const DEFAULT_BODY_LIMIT = 1024 * 1024

const utf8 = new TextDecoder()

/** What `readBody` read of each streamed request, for the journal (a WeakMap: it goes with the request). */
const readTexts = new WeakMap<IncomingRequest, string>()

/**
 * The body text a provider read from this request (as the journal keeps it), or undefined when nothing read it.
 * @example
 * await readBody(request)
 * bodyTextRead(request) // '{"email":"alice@example.com",…}'
 */
export function bodyTextRead(request: IncomingRequest): string | undefined {
  if (request instanceof BufferedRequest) return request.buffered.ok ? request.buffered.text : undefined
  return readTexts.get(request)
}

/**
 * Reads the body as UTF-8 text, stopping once it exceeds `limit` bytes.
 * @example
 * const body = await readBody(request)
 * if (!body.ok) return { behaviour: 'badRequest' }
 */
export async function readBody(request: IncomingRequest, limit = DEFAULT_BODY_LIMIT): Promise<BodyResult> {
  if (request instanceof BufferedRequest) {
    const body = request.buffered
    return body.ok && body.bytes > limit ? { ok: false, reason: 'too-large' } : body
  }
  if (!(request instanceof Request) || !request.body) return { ok: true, text: '' }
  const declared = Number(request.headers.get('content-length'))
  // Over the limit we stop reading without cancelling: cancelling would tear down the connection under the
  // response; the transport discards what is left (see server/http-bridge.ts).
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: 'too-large' }
  try {
    const reader = request.body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        reader.releaseLock()
        return { ok: false, reason: 'too-large' }
      }
      chunks.push(value)
    }
    const all = new Uint8Array(size)
    let offset = 0
    for (const c of chunks) {
      all.set(c, offset)
      offset += c.byteLength
    }
    const text = utf8.decode(all)
    readTexts.set(request, text)
    return { ok: true, text }
  } catch {
    return { ok: false, reason: 'unreadable' }
  }
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string }

/**
 * How deep a request body's JSON may nest (arrays and objects): far beyond any real body, well within what
 * `JSON.stringify` and every view of the model can walk (a 50,000-deep array, once stored, made them throw).
 */
export const MAX_JSON_DEPTH = 512

/** Whether a parsed JSON value nests deeper than `max`, walked without recursion. */
function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    if (depth + 1 > max) return true
    for (const item of Array.isArray(v) ? v : Object.values(v)) if (item !== null && typeof item === 'object') stack.push([item, depth + 1])
  }
  return false
}

/**
 * Parses JSON without throwing; JSON nested deeper than `MAX_JSON_DEPTH` is an error too.
 * @example
 * parseJson('{"a":1}') // { ok: true, value: { a: 1 } }
 * parseJson('['.repeat(600) + ']'.repeat(600)) // { ok: false, error: 'JSON nested deeper than 512 levels' }
 */
export function parseJson(text: string): JsonResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) }
  }
  return deeperThan(value, MAX_JSON_DEPTH) ? { ok: false, error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` } : { ok: true, value }
}

/** The media type of a `Content-Type` header, lowercased, without parameters (`application/json`). */
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase()
}

/**
 * Whether a `Content-Type` names JSON: `application/json` or a `+json` suffix type, any parameters.
 * @example
 * isJsonMediaType('application/problem+json; charset=utf-8') // true
 */
export function isJsonMediaType(contentType: string | null): boolean {
  const type = mediaType(contentType)
  return type === 'application/json' || type.endsWith('+json')
}

/** True for a plain object (what a JSON body of `{…}` parses to). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
