/**
 * HEAD as Go's net/http serves it: Kratos registers its GET routes on an `http.ServeMux`, where a `GET` pattern also
 * matches HEAD, so HEAD runs the GET handler — same status, headers and cookies — and the server eats the body, keeping
 * the `Content-Length` the body would have had. Each GET operation gets a HEAD twin `<operation>Head` whose catalogue
 * mirrors the GET one entry by entry (so every HEAD answer can be forced too), each declared without a body.
 */
import { createResponse, type MockResponse } from '../../platform/http/response.ts'
import type { Operation } from '../../platform/types.ts'
import type { KratosConfig } from '../config.ts'
import { methodSuffix, type KratosBehaviour } from '../behaviours.ts'
import type { KratosState } from '../model.ts'

type Op = Operation<KratosState, KratosConfig>

const utf8 = new TextEncoder()

/**
 * The response a HEAD request gets: the GET response's status and headers, no body, `Content-Length` of the body it
 * would have had (Go sets it when the handler wrote a small body; none for an empty one).
 * @example
 * const head = withoutBody(await behaviour.respond(ctx, detail))
 */
export function withoutBody(response: MockResponse): MockResponse {
  if (response.body === null) return response
  const length = utf8.encode(response.body).byteLength
  const headers = new Headers(response.headers)
  if (length > 0) headers.set('Content-Length', String(length))
  return createResponse(null, { status: response.status, headers })
}

/**
 * The HEAD twin of a GET operation and of its catalogue entries.
 * @example
 * const { operation, behaviours } = headTwin(getFlowErrorOperation, getFlowErrorBehaviours)
 */
export function headTwin(get: Op, catalogue: readonly KratosBehaviour[]): { operation: Op; behaviours: KratosBehaviour[] } {
  const id = `${get.id}${methodSuffix('HEAD')}`
  const operation: Op = { ...get, id, method: 'HEAD', summary: `${get.summary} — HEAD: the GET handler, without the body` }
  const behaviours = catalogue
    .filter((b) => b.operation === get.id)
    .map(
      (b): KratosBehaviour => ({
        ...b,
        id: `kratos.${id}.${b.id.slice(`kratos.${get.id}.`.length)}`,
        operation: id,
        title: `${b.title} — HEAD, no body`,
        contentType: null,
        schema: undefined,
        respond: (ctx, detail) => {
          const built = b.respond(ctx, detail)
          return built instanceof Promise ? built.then(withoutBody) : withoutBody(built)
        },
      }),
    )
  return { operation, behaviours }
}
