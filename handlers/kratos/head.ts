/**
 * HEAD as Go's net/http serves it: Kratos registers its GET routes on an `http.ServeMux`, where a `GET` pattern also
 * matches HEAD, so HEAD runs the GET handler — same status, headers and cookies — and the server eats the body, keeping
 * the `Content-Length` the body would have had. Each GET operation gets a HEAD twin `<operation>Head` whose catalogue
 * mirrors the GET one entry by entry (so every HEAD answer can be forced too), each declared without a body.
 */
import { createResponse, setCookiesOf } from '../platform/response.ts'
import type { Operation } from '../platform/types.ts'
import type { KratosConfig } from './config.ts'
import { methodSuffix, type KratosBehaviour } from './behaviours.ts'
import type { KratosState } from './model.ts'

type Op = Operation<KratosState, KratosConfig>

/**
 * The response a HEAD request gets: the GET response's status and headers, no body, `Content-Length` of the body it
 * would have had (Go sets it when the handler wrote a small body; none for an empty one).
 * @example
 * const head = await withoutBody(await behaviour.respond(ctx, detail))
 */
export async function withoutBody(response: Response): Promise<Response> {
  if (response.body === null) return response
  const length = (await response.arrayBuffer()).byteLength
  const headers = new Headers(response.headers)
  // In a page the copied headers have lost Set-Cookie (a forbidden header): put back the values the GET kept.
  headers.delete('Set-Cookie')
  for (const cookie of setCookiesOf(response)) headers.append('Set-Cookie', cookie)
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
        respond: async (ctx, detail) => withoutBody(await b.respond(ctx, detail)),
      }),
    )
  return { operation, behaviours }
}
