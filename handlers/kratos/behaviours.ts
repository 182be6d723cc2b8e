/**
 * Building blocks of the Kratos catalogue: sources, the nosurf middleware's headers, and the two shapes every Kratos
 * error takes — herodot JSON for API clients, or (through `SelfServiceErrorManager().Forward`) a stored error and a
 * 303 to the error UI for browsers (selfservice/errorx/manager.go).
 */
import type { Behaviour, HttpMethod, Source } from '../platform/types.ts'
import type { KratosConfig } from './config.ts'
import { csrfSetCookie, mintCsrfToken, realToken, requestCsrfCookie } from './x/cookies.ts'
import { INTERNAL_ERROR, orderedError, type HerodotError } from './x/herodot.ts'
import { storeError, type KratosState, type SessionWithIdentity } from './model.ts'
import type { MockResponse } from '../platform/http/response.ts'
import { herodotResponse, routeHeaders, seeOther, seeOtherDeclaration } from './x/responses.ts'
import { docSection } from './sources.ts'
import type { KratosCtx } from './session/session-auth.ts'
import { sampleSession } from './session/session-json.ts'

export type KratosBehaviour = Behaviour<KratosState, KratosConfig>

/**
 * A documented behaviour: the upstream source or OpenAPI lines it follows (see sources.ts).
 * @example
 * documented(KRATOS_REFS.logoutTokenMissing)
 */
export const documented = (ref: string): Source => ({ kind: 'documented', ref })
/**
 * A mock assumption: the section of docs/providers/kratos.md that states it, and the option that switches it if any.
 * @example
 * assumed('assumptions')
 */
export const assumed = (anchor: string, option?: string): Source => ({ kind: 'assumed', ref: docSection(anchor), option })

/**
 * The suffix an operation id takes for another method on the same path.
 * @example
 * methodSuffix('PATCH') // 'Patch'
 */
export const methodSuffix = (method: string): string => method[0] + method.slice(1).toLowerCase()

/** An operation as its behaviours see it: its method, and whether nosurf covers it or it is IgnorePath'd. */
export interface Route {
  readonly operation: string
  readonly method: HttpMethod
  /** Behind nosurf: Vary: Cookie, and a CSRF cookie minted when the request has no valid one. */
  readonly nosurf: boolean
}

/**
 * The headers of a response on this route, nosurf's part included: when the request lacks a valid CSRF cookie,
 * the middleware mints one before the handler runs. Returns the headers and the CSRF token in force (null on routes
 * nosurf does not cover).
 * @example
 * const { headers } = routeStart(ctx, { operation: 'getFlowError', nosurf: true })
 * `mintedCsrf`: the cookie value to issue when the request has no valid one, when the handler already chose it (a
 * browser login flow records the token it is issued with).
 */
export function routeStart(ctx: KratosCtx, route: Route, setCookies: readonly string[] = [], mintedCsrf?: string): { headers: Headers; csrf: Uint8Array | null } {
  let token: Uint8Array | null = null
  const cookies: string[] = []
  if (route.nosurf) {
    const name = ctx.state.site.csrfCookieName
    token = realToken(requestCsrfCookie(ctx.request, name))
    if (!token) {
      const value = mintedCsrf ?? mintCsrfToken(ctx.random)
      cookies.push(csrfSetCookie(name, value, ctx.config))
      token = realToken(value)
    }
  }
  return { headers: routeHeaders(ctx.request, { nosurf: route.nosurf, setCookies: [...cookies, ...setCookies] }), csrf: token }
}

/** A catalogue entry's description, with the route and a name in place of the id. */
interface EntrySpec extends Omit<KratosBehaviour, 'id' | 'operation' | 'respond'> {
  readonly route: Route
  readonly name: string
}

/**
 * A catalogue entry `kratos.<operation>.<name>` with its builder.
 * @example
 * entry({ route, name: 'revoked', status: 204, title: '…', trigger: '…', source: documented(KRATOS_REFS.nativeLogoutDone), contentType: null }, (ctx) => noContent(new Headers()))
 */
export function entry(spec: EntrySpec, respond: KratosBehaviour['respond']): KratosBehaviour {
  const { route, name, status, title, trigger, source, contentType, schema, primary, forceable } = spec
  return { id: `kratos.${route.operation}.${name}`, operation: route.operation, status, title, trigger, source, contentType, schema, primary, forceable, respond }
}

/** What an error behaviour's natural path hands its builder. */
export interface ErrorDetail {
  readonly error?: HerodotError
  /** Cookies the handler already set before failing (updateLogoutFlow row f). */
  readonly setCookies?: readonly string[]
  /** Extra top-level members next to `error` (e.g. `use_flow_id`). */
  readonly extra?: Record<string, unknown>
}

interface ErrorSpec extends Omit<EntrySpec, 'status' | 'contentType'> {
  /** The error when forced (and the default when the natural path passes none). */
  readonly example: (ctx: KratosCtx) => HerodotError
  /** Cookies a forced response carries, as the natural path would. */
  readonly forcedCookies?: (ctx: KratosCtx) => readonly string[]
}

/** What both variants of an error start with: the detail, and the route's headers with the cookies it carries. */
function errorStart(ctx: KratosCtx, spec: ErrorSpec, raw: unknown) {
  const d = (raw ?? {}) as ErrorDetail
  const cookies = d.setCookies ?? (ctx.forced && spec.forcedCookies ? spec.forcedCookies(ctx) : [])
  const { headers } = routeStart(ctx, spec.route, cookies)
  return { d, headers }
}

/**
 * The JSON-client variant of an error: herodot body with the error's status.
 * @example
 * jsonError({ route, name: 'sessionInactive', title: '…', trigger: '…', source: documented(KRATOS_REFS.logoutBrowserSession), example: () => SESSION_INACTIVE })
 */
export function jsonError(spec: ErrorSpec & { status: number }): KratosBehaviour {
  return entry({ ...spec, contentType: 'application/json', schema: spec.schema ?? 'errorGeneric' }, (ctx, raw) => {
    const { d, headers } = errorStart(ctx, spec, raw)
    return herodotResponse(d.error ?? spec.example(ctx), ctx.request, headers, d.extra)
  })
}

/**
 * A self-service UI URL (`errorUiUrl`, `loginUiUrl`, relative ones resolved against the base URL) with its one query
 * parameter (`?id=` of an error, `?flow=` of a flow).
 * @example
 * uiUrl(ctx, ctx.config.loginUiUrl, 'flow', flow.id) // 'https://www.ory.com/kratos/docs/fallback/login?flow=…'
 */
export function uiUrl(ctx: KratosCtx, ui: string, param: 'id' | 'flow', value: string): string {
  const url = new URL(ui, ctx.baseUrl + '/')
  url.searchParams.set(param, value)
  return url.toString()
}

/** Where a browser is sent for an error: the error is stored and the response is a 303 to `errorUiUrl?id=<uuid>`. */
async function errorUiLocation(ctx: KratosCtx, error: HerodotError): Promise<string> {
  const id = await storeError(ctx.state, ctx.random, ctx.clock, orderedError(error, ctx.request.headers.get('x-request-id')))
  return uiUrl(ctx, ctx.config.errorUiUrl, 'id', id)
}

/** The browser variant of an error: stored, then 303 to the error UI (`GET /self-service/errors?id=` serves it). */
export function browserError(spec: ErrorSpec): KratosBehaviour {
  return entry({ ...spec, status: 303, ...seeOtherDeclaration(spec.route.method) }, async (ctx, raw) => {
    const { d, headers } = errorStart(ctx, spec, raw)
    return seeOther(await errorUiLocation(ctx, d.error ?? spec.example(ctx)), ctx.request, headers)
  })
}

interface SessionSpec extends EntrySpec {
  /** Set-Cookies that come with the session (the session cookie of a browser login). */
  readonly cookies?: (ctx: KratosCtx, d: SessionWithIdentity) => readonly string[]
  readonly build: (ctx: KratosCtx, d: SessionWithIdentity, headers: Headers) => MockResponse
}

/**
 * A success that shows a session (whoami, login): the session found or created, or the sample session when forced,
 * then the route's headers, then the response.
 * @example
 * sessionSuccess({ route, name: 'active', status: 200, …, build: (ctx, d, headers) => jsonResponse(200, sessionJson(…), headers) })
 */
export function sessionSuccess(spec: SessionSpec): KratosBehaviour {
  return entry(spec, (ctx, raw) => {
    const d = (raw as SessionWithIdentity | undefined) ?? sampleSession(ctx)
    const { headers } = routeStart(ctx, spec.route, spec.cookies?.(ctx, d))
    return spec.build(ctx, d, headers)
  })
}

/** The forced-only 500 of an operation (a database failure in Kratos; the mock has none). */
export function internalError(route: Route, ref: string): KratosBehaviour {
  return jsonError({
    route,
    name: 'internalError',
    status: 500,
    title: '500 internal server error (herodot ErrInternalServerError)',
    trigger: 'forced only (a DB failure in Kratos)',
    source: documented(ref),
    example: () => INTERNAL_ERROR,
  })
}
