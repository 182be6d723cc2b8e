/**
 * `DELETE {prefix}/self-service/logout/api` — performNativeLogout (selfservice/flow/logout/handler.go): decoderx checks
 * (Content-Length, Content-Type, JSON), then the token: known (active, revoked or expired) → 204, unknown → 403 E5.
 * No cookies, no CSRF, always JSON.
 */
import type { Operation } from '../../../../platform/types.ts'
import { mediaType, readBody } from '../../../../platform/http/body.ts'
import type { KratosConfig } from '../../../config.ts'
import { documented, internalError, jsonError, routeStart, type KratosBehaviour, type Route } from '../../../behaviours.ts'
import { KRATOS_REFS } from '../../../sources.ts'
import { badBody, SESSION_TOKEN_UNKNOWN } from '../../../x/herodot.ts'
import { decodeJsonInto } from '../../../x/json-decode.ts'
import type { KratosState } from '../../../model.ts'
import { noContent } from '../../../x/responses.ts'

const route: Route = { operation: 'performNativeLogout', method: 'DELETE', nosurf: false }

export const performNativeLogoutOperation: Operation<KratosState, KratosConfig> = {
  id: route.operation,
  method: 'DELETE',
  path: '/self-service/logout/api',
  requestBody: { schema: 'performNativeLogoutBody', required: true },
  summary: 'Perform Logout for Native Apps: revoke the session of {"session_token"}',
  async run(ctx) {
    const body = await readBody(ctx.request)
    if (!body.ok) return { behaviour: 'undecodableBody', detail: { error: badBody('Unable to decode JSON payload: http: request body too large') } }
    if (body.text === '') return { behaviour: 'contentLengthZero' }
    const contentType = ctx.request.headers.get('content-type') ?? ''
    if (mediaType(contentType) !== 'application/json') {
      return { behaviour: 'unsupportedContentType', detail: { error: unsupported(contentType) } }
    }
    const decoded = decodeJsonInto(body.text, 'logout.performNativeLogoutBody', { session_token: 'string' })
    if (!decoded.ok) return { behaviour: 'undecodableBody', detail: { error: badBody(`Unable to decode JSON payload: ${decoded.error}`) } }
    const token = typeof decoded.value.session_token === 'string' ? decoded.value.session_token : ''
    const session = token === '' ? undefined : ctx.state.sessions.get('token', token)
    if (!session) return { behaviour: 'tokenUnknown' }
    await ctx.state.revocations.revoke(session.id, ctx.clock.now(), 'logout', session.expiresAt)
    return { behaviour: 'revoked' }
  },
}

const unsupported = (ct: string) => badBody(`HTTP DELETE Request used unknown HTTP Header "Content-Type: ${ct}", only [application/json] are supported.`)

export const performNativeLogoutBehaviours: KratosBehaviour[] = [
  {
    id: 'kratos.performNativeLogout.revoked',
    operation: route.operation,
    status: 204,
    title: '204: the session of that token is revoked (idempotent: already revoked or expired also 204), no Set-Cookie',
    trigger: '{"session_token":"ory_st_…"} of any existing session',
    source: documented(KRATOS_REFS.nativeLogoutDone),
    contentType: null,
    primary: true,
    respond(ctx) {
      return noContent(routeStart(ctx, route).headers)
    },
  },
  jsonError({ route, name: 'undecodableBody', status: 400, title: '400: body is not decodable JSON (or session_token not a string)', trigger: 'Content-Type application/json with a body Go cannot decode into {session_token string}', source: documented(KRATOS_REFS.nativeLogoutDecode), example: () => badBody("Unable to decode JSON payload: invalid character 'o' in literal null (expecting 'u')"), primary: true }),
  jsonError({ route, name: 'contentLengthZero', status: 400, title: '400: Content-Length is zero', trigger: 'no body', source: documented(KRATOS_REFS.nativeLogoutDecode), example: () => badBody('Unable to decode HTTP Request Body because its HTTP Header "Content-Length" is zero.') }),
  jsonError({ route, name: 'unsupportedContentType', status: 400, title: '400: Content-Type missing or not JSON', trigger: 'a body with Content-Type other than application/json (parameters allowed)', source: documented(KRATOS_REFS.nativeLogoutDecode), example: () => unsupported('text/plain') }),
  jsonError({ route, name: 'tokenUnknown', status: 403, title: 'E5 403: session token not found', trigger: '{}, {"session_token":""} or a token no session has', source: documented(KRATOS_REFS.nativeLogoutUnknown), example: () => SESSION_TOKEN_UNKNOWN, primary: true }),
  internalError(route, KRATOS_REFS.nativeLogoutDbError),
]
