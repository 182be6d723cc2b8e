/**
 * An OpenAPI 3.1 document per provider, generated from the catalogue: one response per documented status, the
 * behaviours behind it (with their source) as `x-behaviours`, bodies referencing the provider's JSON Schemas.
 */
import type { LogoutMocks } from '../instance.ts'
import type { Behaviour, Operation } from '../types.ts'

/** msw path syntax to OpenAPI templating: `:version` → `{version}`, a trailing `*` → `{path}`. */
function templatePath(path: string): { path: string; params: string[] } {
  const params: string[] = []
  const out = path
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        params.push(seg.slice(1))
        return `{${seg.slice(1)}}`
      }
      if (seg === '*') {
        params.push('path')
        return '{path}'
      }
      return seg
    })
    .join('/')
  return { path: out, params }
}

/**
 * A provider schema as an OpenAPI component: `$id` dropped, and every `$ref` rewritten to point inside the document —
 * a ref naming a sibling schema (by name or `$id`) to `#/components/schemas/<name>`, a local `#/…` ref to the same
 * place under this schema's component.
 */
function asComponent(name: string, schema: object, ids: ReadonlyMap<string, string>): object {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite)
    if (typeof node !== 'object' || node === null) return node
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        out.$ref = value.startsWith('#/') ? `#/components/schemas/${name}/${value.slice(2)}` : `#/components/schemas/${ids.get(value) ?? value}`
      } else out[key] = rewrite(value)
    }
    return out
  }
  const { $id: _id, ...rest } = schema as Record<string, unknown>
  return rewrite(rest) as object
}

/** The responses object: one entry per status, its bodies' schemas per media type, the behaviours behind it. */
function responsesOf(behaviours: readonly Behaviour[]): Record<string, unknown> {
  const byStatus = new Map<number, Behaviour[]>()
  for (const b of behaviours) byStatus.set(b.status, [...(byStatus.get(b.status) ?? []), b])
  const responses: Record<string, unknown> = {}
  for (const [status, group] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    const schemasByMedia = new Map<string, Set<string>>()
    for (const b of group) {
      if (!b.contentType) continue
      const media = b.contentType.split(';')[0].trim()
      const names = schemasByMedia.get(media) ?? new Set<string>()
      if (b.schema) names.add(b.schema)
      schemasByMedia.set(media, names)
    }
    const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` })
    // anyOf, not oneOf: one body may fit several of the schemas (a Rested.dev login body is a userRecord and a record).
    const content = Object.fromEntries(
      [...schemasByMedia].map(([media, names]) => [media, names.size === 0 ? {} : { schema: names.size === 1 ? ref([...names][0]) : { anyOf: [...names].map(ref) } }]),
    )
    responses[String(status)] = {
      description: group.map((b) => b.title).join(' | '),
      ...(schemasByMedia.size > 0 ? { content } : {}),
      'x-behaviours': group.map((b) => ({ id: b.id, operation: b.operation, trigger: b.trigger, source: b.source })),
    }
  }
  return responses
}

/** The requestBody of the operations sharing one path and method: each declared schema, under its media type. */
function requestBodyOf(ops: readonly Operation[], config: unknown): { requestBody?: object } {
  const declared = ops.flatMap((op) => (op.requestBody ? [op.requestBody] : []))
  if (declared.length === 0) return {}
  const byMedia = new Map<string, Set<string>>()
  for (const body of declared) {
    const media = body.contentType ?? 'application/json'
    byMedia.set(media, (byMedia.get(media) ?? new Set()).add(body.schema))
  }
  const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` })
  return {
    requestBody: {
      // Required only when every operation sharing the entry needs one.
      required: declared.length === ops.length && declared.every((b) => (typeof b.required === 'function' ? b.required(config) : b.required)),
      content: Object.fromEntries([...byMedia].map(([media, names]) => [media, { schema: names.size === 1 ? ref([...names][0]) : { anyOf: [...names].map(ref) } }])),
    },
  }
}

/**
 * @example
 * const doc = buildOpenApi(mocks, 'dreadnode')
 * doc.paths['/api/v1/auth/logout'].post.responses['401']
 */
export function buildOpenApi(mocks: LogoutMocks, providerId: string) {
  const info = mocks.providers.find((p) => p.id === providerId)!
  const provider = mocks.catalogue.provider(providerId)!
  // Schemas are referred to by name or by `$id`.
  const ids = new Map<string, string>()
  for (const [name, schema] of Object.entries(provider.schemas)) {
    ids.set(name, name)
    const id = (schema as { $id?: unknown }).$id
    if (typeof id === 'string') ids.set(id, name)
  }
  // OpenAPI has one operation per path and method; operations told apart by query or state (Rested.dev's
  // ?login=true / ?logout=true) share one entry that lists them all.
  // An operation's `aliases` are paths of their own here, with the same operation.
  const groups = new Map<string, { path: string; ops: Operation[] }>()
  for (const op of provider.operations) {
    for (const opPath of [op.path, ...(op.aliases ?? [])]) {
      const key = `${op.method} ${opPath}`
      groups.set(key, { path: opPath, ops: [...(groups.get(key)?.ops ?? []), op] })
    }
  }
  const paths: Record<string, Record<string, unknown>> = {}
  for (const { path: opPath, ops } of groups.values()) {
    const { path, params } = templatePath(opPath)
    const behaviours = ops.flatMap((op) => mocks.catalogue.forOperation(provider.id, op.id))
    paths[path] ??= {}
    paths[path][ops[0].method.toLowerCase()] = {
      operationId: ops.map((op) => op.id).join('_or_'),
      summary: ops.map((op) => op.summary).join(' | '),
      ...(ops.length > 1 ? { 'x-operations': ops.map((op) => ({ id: op.id, summary: op.summary, sample: op.sample ?? op.path })) } : {}),
      ...(params.length > 0 ? { parameters: params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })) } : {}),
      ...requestBodyOf(ops, info.config),
      responses: responsesOf(behaviours),
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${provider.title} (logout-mocks)`,
      version: '1.0.0',
      description: `Generated from the logout-mocks behaviour catalogue. Sources: ${provider.docs}. Force any response with Prefer: code=<status> or Prefer: example=<behaviour id>.`,
    },
    servers: [{ url: info.baseUrl }],
    paths,
    components: { schemas: Object.fromEntries(Object.entries(provider.schemas).map(([k, v]) => [k, asComponent(k, v, ids)])) },
  }
}
