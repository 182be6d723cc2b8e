/**
 * Dreadnode request bodies: JSON when the client says so. A JSON body that does not parse is the documented 400
 * (`invalid_request`); so is a body over the size limit. Fields are checked FastAPI-style (422 with `errors[]`).
 */
import { isJsonMediaType, isPlainObject, mediaType, parseJson, readBody } from '../platform/http/body.ts'
import type { Ctx } from './auth.ts'
import type { ValidationItem } from './envelope.ts'

type JsonBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'other'; mediaType: string } | { kind: 'bad'; detail: string }

/**
 * Reads the body: `none` when empty, `json` when it parses, `other` for non-JSON media types, `bad` for a broken JSON body.
 * @example
 * const body = await readJsonBody(ctx)
 * if (body.kind === 'bad') return { behaviour: 'invalidRequest', detail: { detail: body.detail } }
 */
export async function readJsonBody(ctx: Ctx): Promise<JsonBody> {
  const body = await readBody(ctx.request)
  if (!body.ok) return { kind: 'bad', detail: body.reason === 'too-large' ? 'Request body too large' : 'Request body could not be read' }
  if (body.text === '') return { kind: 'none' }
  const contentType = ctx.request.headers.get('content-type')
  if (!isJsonMediaType(contentType)) return { kind: 'other', mediaType: mediaType(contentType) }
  const parsed = parseJson(body.text)
  return parsed.ok ? { kind: 'json', value: parsed.value } : { kind: 'bad', detail: 'Invalid request: body is not valid JSON' }
}

/** One field of a JSON request body: its type and whether it must be present. */
interface FieldSpec {
  readonly type: 'string' | 'boolean'
  readonly required: boolean
}

const TYPE_ERRORS = {
  string: { msg: 'Input should be a valid string', type: 'string_type' },
  boolean: { msg: 'Input should be a valid boolean', type: 'bool_type' },
} as const

/**
 * Checks a body against its fields; `optional` lets an empty body through as `{}`.
 * @example
 * const { errors, value } = checkFields(body, { device_code: { type: 'string', required: true } })
 * errors // [{loc: ['body', 'device_code'], msg: 'Field required', type: 'missing'}] when it is absent
 */
export function checkFields(body: JsonBody, fields: Readonly<Record<string, FieldSpec>>, { optional = false } = {}): { errors: ValidationItem[]; value: Record<string, unknown> } {
  const value = body.kind === 'json' ? body.value : undefined
  if (optional && body.kind === 'none') return { errors: [], value: {} }
  if (!isPlainObject(value)) {
    const names = Object.keys(fields)
    return { errors: [{ loc: ['body'], msg: `Field required: a JSON object${names.length > 0 ? ` {${names.join(', ')}}` : ''}`, type: 'missing' }], value: {} }
  }
  const errors: ValidationItem[] = []
  for (const [name, spec] of Object.entries(fields)) {
    if (value[name] === undefined) {
      if (spec.required) errors.push({ loc: ['body', name], msg: 'Field required', type: 'missing' })
    } else if (typeof value[name] !== spec.type) errors.push({ loc: ['body', name], ...TYPE_ERRORS[spec.type] })
  }
  return { errors, value }
}

