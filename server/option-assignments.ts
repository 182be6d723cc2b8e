/**
 * `<provider>.<option>=<value>` assignments (`--set`, `LOGOUT_MOCKS_SET`), each value read as its option's schema
 * type: text for a string option (`2.0.0` and `123` stay strings), a number for an integer option, `true`/`false` for
 * a boolean, `null` where the option allows null, a JSON array or a comma-separated list for an array. A value that
 * does not read as its type stays text, so validation names it: `dreadnode.rateLimit: "abc" is not allowed …`.
 */
import { OptionsError } from '../handlers/platform/options/options-error.ts'
import type { AnyProvider } from '../handlers/platform/types.ts'

type Json = Record<string, unknown>

/** The schemas a text can be read as (the branches of an `anyOf`, or the schema itself). */
const branches = (schema: Json): Json[] => (Array.isArray(schema.anyOf) ? (schema.anyOf as Json[]) : [schema])

const accepts = (schema: Json, type: string) =>
  branches(schema).some((b) => b.type === type || (Array.isArray(b.enum) && b.enum.some((v) => (v === null ? 'null' : typeof v) === type)))

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/

/**
 * Reads one command-line text as a value of the given JSON Schema.
 * @example
 * readAs({ type: 'integer' }, '5') // 5
 * readAs({ type: 'string' }, '123') // '123'
 * readAs({ anyOf: [{ type: 'string' }, { type: 'null' }] }, 'null') // null
 */
function readAs(schema: object, text: string): unknown {
  const s = schema as Json
  if (text === 'null' && accepts(s, 'null')) return null
  if (accepts(s, 'string')) return /^".*"$/s.test(text) ? (JSON.parse(text) as unknown) : text
  if (accepts(s, 'array')) {
    const items = (branches(s).find((b) => b.type === 'array')?.items ?? {}) as object
    if (text.startsWith('[')) {
      try {
        return JSON.parse(text) as unknown
      } catch {
        return text
      }
    }
    return text === '' ? [] : text.split(',').map((item) => readAs(items, item.trim()))
  }
  if ((accepts(s, 'integer') || accepts(s, 'number')) && NUMBER.test(text)) return Number(text)
  if (accepts(s, 'boolean') && (text === 'true' || text === 'false')) return text === 'true'
  return text
}

/**
 * Parses assignments into per-provider options; `source` names them in errors. Unknown providers and options are
 * kept (as text) for validation to report with the known names.
 * @example
 * parseAssignments(['dreadnode.rateLimit=5'], registry, '--set') // { dreadnode: { rateLimit: 5 } }
 */
export function parseAssignments(assignments: readonly string[], registry: readonly AnyProvider[], source: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {}
  for (const assignment of assignments) {
    const m = assignment.match(/^([a-z0-9-]+)\.([A-Za-z0-9_]+)=(.*)$/s)
    if (!m) throw new OptionsError(`${source} expects <provider>.<option>=<value>, got "${assignment}"`)
    const [, provider, name, text] = m as unknown as [string, string, string, string]
    const schema = registry.find((p) => p.id === provider)?.options.inputSchema.properties[name]
    ;(out[provider] ??= {})[name] = schema ? readAs(schema, text) : text
  }
  return out
}
