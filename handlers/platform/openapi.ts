/**
 * An OpenAPI 3.1 document per provider, generated from the catalogue: one response per documented status, the
 * behaviours behind it (with their source) as `x-behaviours`, bodies referencing the provider's JSON Schemas.
 */
import type { LogoutMocks } from './instance.ts'
import type { Behaviour } from './types.ts'

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

function stripId(schema: object): object {
  const { $id: _id, ...rest } = schema as Record<string, unknown>
  return rest
}

/**
 * @example
 * const doc = buildOpenApi(mocks, 'dreadnode')
 * doc.paths['/api/v1/auth/logout'].post.responses['401']
 */
export function buildOpenApi(mocks: LogoutMocks, providerId: string) {
  const info = mocks.providers.find((p) => p.id === providerId)!
  const provider = mocks.catalogue.provider(providerId)!
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of provider.operations) {
    const { path, params } = templatePath(op.path)
    const byStatus = new Map<number, Behaviour[]>()
    for (const b of mocks.catalogue.forOperation(provider.id, op.id)) byStatus.set(b.status, [...(byStatus.get(b.status) ?? []), b])
    const responses: Record<string, unknown> = {}
    for (const [status, behaviours] of [...byStatus].sort((a, b) => a[0] - b[0])) {
      const content: Record<string, unknown> = {}
      for (const b of behaviours) {
        if (!b.contentType) continue
        const media = b.contentType.split(';')[0].trim()
        const schemas = new Set<string>(((content[media] as { schemaNames?: Set<string> } | undefined)?.schemaNames ?? []) as Iterable<string>)
        if (b.schema) schemas.add(b.schema)
        content[media] = { schemaNames: schemas }
      }
      for (const media of Object.keys(content)) {
        const names = [...(content[media] as { schemaNames: Set<string> }).schemaNames]
        content[media] =
          names.length === 0 ? {} : { schema: names.length === 1 ? { $ref: `#/components/schemas/${names[0]}` } : { oneOf: names.map((n) => ({ $ref: `#/components/schemas/${n}` })) } }
      }
      responses[String(status)] = {
        description: behaviours.map((b) => b.title).join(' | '),
        ...(Object.keys(content).length > 0 ? { content } : {}),
        'x-behaviours': behaviours.map((b) => ({ id: b.id, trigger: b.trigger, source: b.source })),
      }
    }
    paths[path] ??= {}
    paths[path][op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      ...(params.length > 0 ? { parameters: params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })) } : {}),
      responses,
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
    components: { schemas: Object.fromEntries(Object.entries(provider.schemas).map(([k, v]) => [k, stripId(v)])) },
  }
}
