/**
 * Checks a value against a JSON Schema with ajv and reports each problem where a person would look for it: the
 * option (or config-file key) that is wrong, the value given there and what that place accepts, in words.
 *
 * Providers' options are checked by validators ajv compiled ahead of time into plain JavaScript
 * (option-validators.generated.ts, written by `npm run build:validators`): ajv compiles with `new Function`, which a
 * page whose Content-Security-Policy forbids `unsafe-eval` refuses. Any other schema (the config file, the CLI's), or
 * a provider schema that no longer matches its precompiled validator, is compiled at run time, once per process.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsPlugin from 'ajv-formats'
import { describeSchema } from '../options/options.ts'
import * as precompiled from '../options/option-validators.generated.ts'

/** One thing wrong with a checked value. `path` is the JSON pointer to it, as segments. */
export type SchemaProblem =
  | { readonly kind: 'invalid'; readonly path: readonly string[]; readonly value: unknown; readonly expected: string }
  | { readonly kind: 'unknown'; readonly path: readonly string[]; readonly key: string; readonly known: readonly string[] }

type Json = Record<string, unknown>

// ajv-formats is CommonJS: under NodeNext its default import is the plugin function itself.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv, formats: string[]) => Ajv

/** ajv's options and formats, here and in the ahead-of-time compilation (scripts/build-validators.ts). */
export const AJV_OPTIONS = { allErrors: true, strict: true } as const
export const AJV_FORMATS = ['uri', 'date-time'] as const

let ajv: Ajv | undefined
const compiled = new WeakMap<object, ValidateFunction>()
const generated = precompiled as unknown as Record<string, ValidateFunction | undefined> & { schemas: Record<string, string | undefined> }

/** The precompiled validator of `id`'s options, when it was compiled from exactly this schema. */
function precompiledFor(id: string | undefined, schema: object): ValidateFunction | undefined {
  if (id === undefined || id === 'schemas' || generated.schemas[id] !== JSON.stringify(schema)) return undefined
  return typeof generated[id] === 'function' ? generated[id] : undefined
}

function validator(schema: object, id?: string): ValidateFunction {
  let validate = compiled.get(schema)
  if (!validate) {
    validate = precompiledFor(id, schema)
    if (!validate) {
      ajv ??= addFormats(new Ajv(AJV_OPTIONS), [...AJV_FORMATS])
      validate = ajv.compile(schema)
    }
    compiled.set(schema, validate)
  }
  return validate
}

/**
 * Whether `id`'s options schema is checked by its precompiled validator (false: it would be compiled at run time).
 * @example
 * usesPrecompiled('dreadnode', dreadnode.options.schema) // true while option-validators.generated.ts is current
 */
export function usesPrecompiled(id: string, schema: object): boolean {
  return precompiledFor(id, schema) !== undefined
}

const unescape = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~')

/** The schema of the place a person sets: descends objects with named properties and arrays of such objects. */
function settable(schema: Json, segments: readonly string[]): { depth: number; schema: Json } {
  let current = schema
  let depth = 0
  for (const segment of segments) {
    const properties = current.properties as Record<string, Json> | undefined
    const items = current.items as Json | undefined
    if (properties && Object.hasOwn(properties, segment)) current = properties[segment]!
    else if (current.type === 'array' && items?.properties && /^\d+$/.test(segment)) current = items
    else break
    depth++
    if (!current.properties && !(current.type === 'array' && (current.items as Json | undefined)?.properties)) break
  }
  return { depth, schema: current }
}

function valueAt(data: unknown, segments: readonly string[]): unknown {
  let v = data
  for (const s of segments) v = v !== null && typeof v === 'object' ? (v as Json)[s] : undefined
  return v
}

function toProblem(schema: Json, data: unknown, error: ErrorObject): SchemaProblem {
  const segments = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map(unescape)
  if (error.keyword === 'additionalProperties') {
    const owner = settable(schema, segments)
    return { kind: 'unknown', path: segments, key: String(error.params.additionalProperty), known: Object.keys((owner.schema.properties as Json | undefined) ?? {}) }
  }
  const at = settable(schema, segments)
  const path = segments.slice(0, at.depth)
  return { kind: 'invalid', path, value: valueAt(data, path), expected: describeSchema(at.schema) }
}

/**
 * Every problem of `data` against `schema` (none: valid), one per place; unknown names first (a typo explains the
 * rest), then in schema order. `precompiledId`: the provider whose precompiled options validator to use, if current.
 * @example
 * checkSchema({ type: 'object', properties: { n: { type: 'integer', minimum: 0 } } }, { n: 'abc' })
 * // [{ kind: 'invalid', path: ['n'], value: 'abc', expected: 'an integer ≥ 0' }]
 */
export function checkSchema(schema: object, data: unknown, precompiledId?: string): SchemaProblem[] {
  const validate = validator(schema, precompiledId)
  if (validate(data)) return []
  const seen = new Set<string>()
  const problems: SchemaProblem[] = []
  for (const error of validate.errors ?? []) {
    const problem = toProblem(schema as Json, data, error)
    const key = JSON.stringify([problem.kind, problem.path, problem.kind === 'unknown' ? problem.key : ''])
    if (seen.has(key)) continue
    seen.add(key)
    problems.push(problem)
  }
  return problems.sort((a, b) => Number(b.kind === 'unknown') - Number(a.kind === 'unknown'))
}
