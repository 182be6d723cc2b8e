/**
 * Regenerates the Kratos JSON Schemas from Ory's OpenAPI document, `spec/api.json` of ory/kratos at b86338da0
 * (https://github.com/ory/kratos/blob/b86338da04a040247a07f46100a86dcfb3875909/spec/api.json):
 * each root schema becomes one self-contained JSON Schema file with its transitive `$ref`s under `$defs`.
 *
 * OpenAPI 3.0 → JSON Schema, nothing else changed:
 * - `nullable: true` next to `type` becomes a `type` union with `"null"` (alone, it allowed anything already);
 * - annotations ajv rejects or misreads are dropped: `example`, `x-*`, `discriminator` (the `oneOf` stays and its
 *   branches are already told apart by their `node_type` / `action` enums);
 * - `format: uuid4` (not a JSON Schema format) becomes `uuid`.
 *
 * Run: `node schemas/kratos/extract.ts <path to that spec/api.json>` (from the repository root, with the project's
 * Node 22).
 */
import { readFileSync, writeFileSync } from 'node:fs'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

const SOURCE = process.argv[2]
if (!SOURCE) {
  console.error('usage: node schemas/kratos/extract.ts <path to ory/kratos spec/api.json>')
  process.exit(2)
}
const ROOTS = ['errorGeneric', 'deleteMySessionsCount', 'logoutFlow', 'session', 'loginFlow', 'successfulNativeLogin', 'flowError', 'performNativeLogoutBody', 'selfServiceFlowExpiredError']

const spec = JSON.parse(readFileSync(SOURCE, 'utf8')) as { components: { schemas: Record<string, Json> } }
const all = spec.components.schemas

/** Converts one OpenAPI schema node; collects the names it refers to. */
function convert(node: Json, refs: Set<string>): Json {
  if (Array.isArray(node)) return node.map((n) => convert(n, refs))
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, Json> = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'discriminator' || key.startsWith('x-') || key === 'nullable') continue
    if (key === '$ref' && typeof value === 'string') {
      const name = value.split('/').pop()!
      refs.add(name)
      out.$ref = `#/$defs/${name}`
    } else if (key === 'format' && value === 'uuid4') {
      out.format = 'uuid'
    } else if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, refs)]))
    } else {
      out[key] = convert(value, refs)
    }
  }
  if ((node as Record<string, Json>).nullable === true && typeof out.type === 'string') out.type = [out.type, 'null']
  return out
}

for (const root of ROOTS) {
  const refs = new Set<string>()
  const schema = convert(all[root], refs) as Record<string, Json>
  const defs: Record<string, Json> = {}
  const pending = [...refs]
  while (pending.length > 0) {
    const name = pending.pop()!
    if (name in defs || name === root) continue
    const inner = new Set<string>()
    defs[name] = convert(all[name], inner)
    for (const r of inner) if (!(r in defs)) pending.push(r)
  }
  if (refs.has(root)) defs[root] = convert(all[root], new Set())
  const sorted = Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]]))
  const file = { $comment: `Ory Kratos OpenAPI components.schemas.${root} (extracted by schemas/kratos/extract.ts)`, ...schema, ...(Object.keys(sorted).length ? { $defs: sorted } : {}) }
  writeFileSync(new URL(`./${root}.json`, import.meta.url), JSON.stringify(file, null, 2) + '\n')
}
console.log(`wrote ${ROOTS.length} schemas`)
