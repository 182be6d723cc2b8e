/**
 * Test support: the closure property of the mock. Every response is either a catalogue behaviour of the operation its
 * URL and method name — the journal's behaviour id and status agree with the response, and its body validates
 * against the provider's served OpenAPI document — or one of the mock's own `urn:logout-mocks:problem:*` answers.
 * Works over the standalone server (journal and documents read over HTTP) and in-process (read from the instance).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { JournalEntry } from '../../handlers/platform/control/journal.ts'

/** What the closure check needs from a running mock. */
export interface ClosureTarget {
  /** Provider ids with their base URLs. */
  readonly providers: readonly { id: string; baseUrl: string }[]
  /** The provider's served OpenAPI document. */
  openapi(provider: string): Promise<OpenApiDoc>
  /** The journal's total count and its newest entry. */
  journal(): Promise<{ total: number; last: JournalEntry | undefined }>
}

interface ResponseDoc {
  content?: Record<string, { schema?: object }>
  'x-behaviours': { id: string; operation: string }[]
}
export interface OpenApiDoc {
  servers: { url: string }[]
  paths: Record<string, Record<string, { responses: Record<string, ResponseDoc>; 'x-operations'?: { id: string; sample: string }[]; operationId: string }>>
  components: { schemas: Record<string, object> }
}

/** What one exchange looked like, for the check. */
export interface Exchange {
  readonly provider: string
  readonly method: string
  readonly url: string
  readonly status: number
  readonly contentType: string | null
  readonly text: string
  /** The journal total before the request was sent. */
  readonly totalBefore: number
  /** The `X-Logout-Mocks-Error` header (the kind of a mock problem; a HEAD answer has no body to read it from). */
  readonly mockError: string | null
  /** True for a CORS preflight (OPTIONS with Access-Control-Request-Method). */
  readonly preflight: boolean
}

const mediaOf = (ct: string | null) => (ct ?? '').split(';')[0].trim().toLowerCase()
const isJsonMedia = (m: string) => m === 'application/json' || m.endsWith('+json')

/** A path template of the document (`/api/{version}/ce/{path}`) as a regular expression over the path after the base. */
function templateRegex(template: string): RegExp {
  const source = template
    .split(/(\{[^{}]+\})/)
    .map((part) => (part === '{path}' ? '.*' : part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`)
}

/**
 * Builds the checker: compiles the documents once; `check(exchange)` returns null when the property holds, else why not.
 * @example
 * const closure = await closureChecker(target)
 * expect(await closure.check(exchange)).toBeNull()
 */
export async function closureChecker(target: ClosureTarget) {
  const ajv = new Ajv2020({ strict: false, allErrors: false })
  ;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
  const docs = new Map<string, { doc: OpenApiDoc; basePath: string; routes: { regex: RegExp; template: string }[] }>()
  for (const { id } of target.providers) {
    const doc = await target.openapi(id)
    ajv.addSchema(doc as object, `doc:${id}`)
    const basePath = new URL(doc.servers[0].url).pathname.replace(/\/$/, '')
    docs.set(id, { doc, basePath, routes: Object.keys(doc.paths).map((template) => ({ template, regex: templateRegex(template) })) })
  }
  const validators = new Map<string, ValidateFunction>()
  const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')
  const validator = (provider: string, ...parts: string[]) => {
    const ref = `doc:${provider}#/${pointer(...parts)}`
    let v = validators.get(ref)
    if (!v) validators.set(ref, (v = ajv.compile({ $ref: ref })))
    return v
  }

  return {
    docs: (id: string) => docs.get(id)!.doc,
    async check(x: Exchange): Promise<string | null> {
      const where = `${x.method} ${x.url} → ${x.status} ${x.contentType ?? ''}`
      const media = mediaOf(x.contentType)
      const { total, last } = await target.journal()
      if (media === 'application/problem+json' && x.method === 'HEAD' && x.text === '') return x.mockError ? null : `${where}: a bodiless problem without X-Logout-Mocks-Error`
      if (media === 'application/problem+json') {
        let problem: { type?: unknown; status?: unknown }
        try {
          problem = JSON.parse(x.text)
        } catch {
          return `${where}: a problem+json body that is not JSON: ${x.text.slice(0, 200)}`
        }
        if (typeof problem.type === 'string' && problem.type.startsWith('urn:logout-mocks:problem:')) {
          // The mock's own 500 is what a handler that threw becomes: a crash, not an answer.
          if (problem.type === 'urn:logout-mocks:problem:internal-error') return `${where}: the mock crashed: ${x.text.slice(0, 300)}`
          return problem.status === x.status ? null : `${where}: problem status ${String(problem.status)} differs from the HTTP status`
        }
      }
      // The transport's own CORS preflight answer (no operation declares OPTIONS there): journaled standalone as an
      // unrouted 204, never seen in-process (a preflight never reaches msw).
      if (x.preflight && x.status === 204 && x.text === '') {
        if (total === x.totalBefore) return null
        return total === x.totalBefore + 1 && last?.status === 204 && last.operation === null ? null : `${where}: the preflight was journaled as ${JSON.stringify(last)}`
      }
      if (total === x.totalBefore) return `${where}: neither a mock problem nor a journaled behaviour: ${x.text.slice(0, 200)}`
      if (total !== x.totalBefore + 1 || !last) return `${where}: the journal grew by ${total - x.totalBefore}, not 1`
      if (last.status !== x.status) return `${where}: the journal says ${last.status} (${last.behaviour})`
      if (!last.behaviour) return `${where}: journaled without a behaviour id and not a mock problem: ${x.text.slice(0, 200)}`
      const info = docs.get(x.provider)!
      const path = new URL(x.url).pathname
      if (!path.startsWith(info.basePath)) return `${where}: outside ${x.provider}'s base path`
      const route = info.routes.find((r) => r.regex.test(path.slice(info.basePath.length)))
      if (!route) return `${where}: behaviour ${last.behaviour} on a path no ${x.provider} operation declares`
      const method = x.method.toLowerCase()
      const operation = info.doc.paths[route.template][method] ?? (method === 'head' ? info.doc.paths[route.template].get : undefined)
      if (!operation) return `${where}: behaviour ${last.behaviour} for a method ${route.template} does not declare`
      const response = operation.responses[String(x.status)]
      if (!response) return `${where}: status not in the document for ${method.toUpperCase()} ${route.template} (behaviour ${last.behaviour})`
      if (!response['x-behaviours'].some((b) => b.id === last.behaviour)) return `${where}: behaviour ${last.behaviour} is not one of ${method.toUpperCase()} ${route.template}'s ${x.status} behaviours`
      if (x.method === 'HEAD') return null
      const declared = response.content ?? {}
      if (x.text === '') {
        // No body is right only where the document declares none with a schema for what was sent.
        const schemaDeclared = media in declared && declared[media].schema !== undefined && isJsonMedia(media)
        return schemaDeclared ? `${where}: an empty body where ${media} with a schema is declared (behaviour ${last.behaviour})` : null
      }
      if (!(media in declared)) return `${where}: media type "${media}" not declared for ${x.status} (declared: ${Object.keys(declared).join(', ') || 'none'}; behaviour ${last.behaviour})`
      if (!declared[media].schema || !isJsonMedia(media)) return null
      let value: unknown
      try {
        value = JSON.parse(x.text)
      } catch {
        return `${where}: declared ${media} but the body is not JSON: ${x.text.slice(0, 200)}`
      }
      const validate = validator(x.provider, 'paths', route.template, method in info.doc.paths[route.template] ? method : 'get', 'responses', String(x.status), 'content', media, 'schema')
      return validate(value) ? null : `${where}: body does not validate (behaviour ${last.behaviour}): ${ajv.errorsText(validate.errors)} in ${x.text.slice(0, 300)}`
    },
  }
}
