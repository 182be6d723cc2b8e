/**
 * Provider options: ONE declaration per provider (`handlers/<provider>/config.ts`), from which the platform derives
 * the TypeScript config type, the defaults, the option docs (`/__mock/catalogue`, `--print-config-schema`) and the JSON Schema that
 * ajv validates every option against at run time (in-process, `--set`, `LOGOUT_MOCKS_SET`, the config file).
 *
 * A declaration is a `defineOptions({...})` call with one `option(schema, default, description)` per option. The
 * schema is a TypeBox type (a JSON Schema object with a static TypeScript type); the default is type-checked against
 * it; the description says `ASSUMPTION: …` when the option switches one of our assumptions.
 *
 * Porting an option written in the old three-copy form (an interface field, a defaults entry, an `OptionDoc`):
 *
 *     // old: interface XConfig { rateLimit: number }   xDefaults = { rateLimit: 60 }
 *     //      { name: 'rateLimit', description: 'ASSUMPTION: requests per window (default 60).' }
 *     // new, one entry in the provider's defineOptions({...}):
 *     rateLimit: option(Type.Integer({ minimum: 0 }), 60, 'ASSUMPTION: requests per window.'),
 *
 * Which schema for which old type:
 * - `string` → `Type.String()`; a URL → `Type.String({ format: 'uri' })`; a non-empty name → `{ minLength: 1 }` or a
 *   `pattern`.
 * - `'a' | 'b'` (an `OptionDoc.values` list) → `Type.Enum(['a', 'b'])`.
 * - `number` → `Type.Integer({ minimum: … })` (a count ≥ 0, a lifetime or window ≥ 1), `Type.Number` only for fractions.
 * - `boolean` → `Type.Boolean()`.
 * - `T | null` with a `null` default → `Type.Union([T, Type.Null()])`.
 * - `string[]` → `Type.Array(Type.String())`.
 * The description drops its "(default …)": the docs carry the default. Around the declaration, config.ts keeps the
 * names the rest of the provider imports:
 *
 *     export const xOptions = defineOptions({ ... })
 *     // eslint-disable-next-line @typescript-eslint/no-empty-object-type
 *     export interface XConfig extends ConfigOf<typeof xOptions> {}   // an interface: errors read `XConfig`
 *
 * and the provider's index.ts says `ProviderDefinition<XState, XConfig, 'x'>` (the literal id types the options of
 * `createLogoutMocks`) with `options: xOptions` (no `defaults:`: the declaration has them).
 */
import type { Static, TSchema } from 'typebox'

/** One option: its JSON Schema (a TypeBox type), its default and its description. */
export interface OptionSpec<T extends TSchema = TSchema> {
  readonly schema: T
  readonly default: Static<T>
  readonly description: string
}

/** Documentation of one configuration option (shown in `/__mock/catalogue` and the README), derived from its spec. */
export interface OptionDoc {
  readonly name: string
  readonly description: string
  /** What values it takes, in words (`an integer ≥ 0`, `one of "reject", "idempotent"`). */
  readonly type: string
  readonly default: unknown
  /** The allowed values, for options with a fixed set of them (enums, booleans). */
  readonly values?: readonly string[]
  /** The option's JSON Schema. */
  readonly schema: object
}

type Specs = Record<string, OptionSpec>

/** An RFC 9110 token (a header or cookie name), as a JSON Schema `pattern`. */
export const HTTP_TOKEN_PATTERN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"

/** A plain JSON Schema of an object with named properties (what ajv compiles). */
export interface ObjectSchema {
  readonly type: 'object'
  readonly properties: Readonly<Record<string, object>>
  readonly required?: readonly string[]
  readonly additionalProperties: false
}

/** The configuration a declaration describes: every option with its value type. */
export type ConfigOf<D extends ProviderOptions<object>> = D['defaults']

type ConfigOfSpecs<S extends Specs> = { -readonly [K in keyof S]: Static<S[K]['schema']> }

/** What a provider's declaration yields. */
export interface ProviderOptions<Config> {
  /** The JSON Schema of a complete configuration: every option required, no other key allowed. */
  readonly schema: ObjectSchema
  /** The JSON Schema of what a caller passes: any subset of the options (config file, `--set`). */
  readonly inputSchema: ObjectSchema
  readonly defaults: Config
  readonly docs: readonly OptionDoc[]
}

/**
 * Declares one option.
 * @example
 * option(Type.Integer({ minimum: 0 }), 60, 'ASSUMPTION: logout requests allowed per window.')
 */
export function option<T extends TSchema>(schema: T, defaultValue: Static<T>, description: string): OptionSpec<T> {
  return { schema, default: defaultValue, description }
}

/**
 * Builds a provider's options (schema, defaults, docs) from its declaration.
 * @example
 * export const xOptions = defineOptions({ baseUrl: option(Type.String({ format: 'uri' }), 'https://x.example', 'Base URL.') })
 * export type XConfig = ConfigOf<typeof xOptions> // { baseUrl: string }
 */
export function defineOptions<S extends Specs>(specs: S): ProviderOptions<ConfigOfSpecs<S>> {
  const entries = Object.entries(specs)
  // Spreading keeps the plain JSON Schema keywords (TypeBox's own markers are not enumerable).
  const properties: Record<string, object> = Object.fromEntries(entries.map(([name, spec]) => [name, { ...spec.schema, description: spec.description, default: spec.default }]))
  return {
    schema: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
    inputSchema: { type: 'object', properties, additionalProperties: false },
    defaults: Object.fromEntries(entries.map(([name, spec]) => [name, structuredClone(spec.default)])) as ConfigOfSpecs<S>,
    docs: entries.map(([name, spec]) => {
      const values = allowedValues(spec.schema as Json)
      return { name, description: spec.description, type: describeSchema(spec.schema), default: spec.default, ...(values ? { values } : {}), schema: properties[name]! }
    }),
  }
}

type Json = Record<string, unknown>

function allowedValues(schema: Json): string[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map(String)
  if (schema.type === 'boolean') return ['true', 'false']
  return undefined
}

const FORMAT_WORDS: Record<string, string> = { uri: 'an absolute URL', 'date-time': 'an ISO 8601 date-time' }

function range(s: Json): string {
  const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : undefined
  const max = typeof s.maximum === 'number' ? s.maximum : undefined
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`
  if (min !== undefined) return ` ≥ ${min}`
  if (max !== undefined) return ` ≤ ${max}`
  return ''
}

/**
 * What a JSON Schema accepts, in words: for option docs and for the "expected …" of a validation error.
 * @example
 * describeSchema({ type: 'integer', minimum: 0 }) // 'an integer ≥ 0'
 * describeSchema({ anyOf: [{ type: 'string' }, { type: 'null' }] }) // 'a string or null'
 */
export function describeSchema(schema: object): string {
  const s = schema as Json
  if ('const' in s) return JSON.stringify(s.const)
  if (Array.isArray(s.enum)) return s.enum.length === 1 ? JSON.stringify(s.enum[0]) : `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`
  if (Array.isArray(s.anyOf)) return s.anyOf.map((x: object) => describeSchema(x)).join(' or ')
  switch (s.type) {
    case 'integer':
    case 'number':
      return (s.type === 'integer' ? 'an integer' : 'a number') + range(s)
    case 'boolean':
      return 'true or false'
    case 'null':
      return 'null'
    case 'array':
      return s.items ? `an array of ${describeSchema(s.items as object).replace(/^an? /, '')} items` : 'an array'
    case 'object':
      return 'an object'
    case 'string':
      if (typeof s.format === 'string') return FORMAT_WORDS[s.format] ?? `a string in ${s.format} format`
      if (typeof s.pattern === 'string') return `a string matching ${s.pattern}`
      return s.minLength === 1 ? 'a non-empty string' : 'a string'
    default:
      return 'a valid value'
  }
}
