/**
 * Password login, so clients get a session offline: `GET /self-service/login/api` (native), `GET
 * /self-service/login/browser` (browser/SPA, CSRF cookie + csrf_token node) and `POST /self-service/login?flow=`.
 * Submit order as Kratos: flow id → flow exists → not expired → no session yet → body → fields → CSRF (browser
 * flows) → credentials → session (token for API flows, cookie for browser flows).
 */
import type { Operation } from '../../../../platform/types.ts'
import { mediaType, readBody } from '../../../../platform/http/body.ts'
import type { KratosConfig } from '../../../config.ts'
import { browserError, documented, assumed, internalError, jsonError, routeStart, sessionSuccess, uiUrl, type ErrorDetail, type KratosBehaviour, type Route } from '../../../behaviours.ts'
import { KRATOS_REFS } from '../../../sources.ts'
import { maskCsrfToken, mintCsrfToken, realToken, requestCsrfCookie, sessionSetCookie, verifyCsrfToken } from '../../../x/cookies.ts'
import { csrfErrorReason, regenerateCsrfCookie } from '../../../x/csrf.ts'
import { goQuery, goTime } from '../../../x/go.ts'
import { aalUnknown, badBody, CSRF_EXAMPLE, FLOW_ID_MISSING, flowExpired, NOT_FOUND, SESSION_AAL1_REQUIRED, SESSION_ALREADY_AVAILABLE, type HerodotError } from '../../../x/herodot.ts'
import { secureRedirectTo } from '../../../x/return-to.ts'
import { returnToErrors } from '../../../x/return-to-errors.ts'
import { decodeJsonInto } from '../../../x/json-decode.ts'
import { loginFlowJson, UI_TEXT, type LoginUiState } from './login-flow-json.ts'
import { findIdentity, startSession, type KratosLoginFlow, type KratosState, type SessionWithIdentity } from '../../../model.ts'
import { isJsonRequest } from '../../../x/negotiation.ts'
import { herodotResponse, jsonResponse, seeOther, seeOtherDeclaration } from '../../../x/responses.ts'
import { activeSession, type KratosCtx } from '../../../session/session-auth.ts'
import { sessionJson } from '../../../session/session-json.ts'

type Op = Operation<KratosState, KratosConfig>

const nativeInit: Route = { operation: 'createNativeLoginFlow', method: 'GET', nosurf: false }
const browserInit: Route = { operation: 'createBrowserLoginFlow', method: 'GET', nosurf: true }
const submit: Route = { operation: 'updateLoginFlow', method: 'POST', nosurf: false }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A login flow record (not stored: forced responses show it as is), requested at `requestUrl` or its init URL.
 * @example
 * const flow = (raw as KratosLoginFlow | undefined) ?? flowRecord(ctx, 'browser')
 */
export function flowRecord(ctx: KratosCtx, type: KratosLoginFlow['type'], requestUrl = `${ctx.baseUrl}/self-service/login/${type}`): KratosLoginFlow {
  const now = ctx.clock.now()
  return { id: ctx.random.uuid(), type, issuedAt: now, expiresAt: now + ctx.config.loginFlowLifespanSeconds * 1000, requestUrl }
}

const newFlow = (ctx: KratosCtx, type: KratosLoginFlow['type'], requestUrl?: string, csrfCookie?: string, fields: FlowFields = {}) => {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== false))
  return ctx.state.loginFlows.create({ ...flowRecord(ctx, type, requestUrl), ...(csrfCookie ? { csrfCookie } : {}), ...defined })
}

/**
 * The CSRF cookie a browser flow is issued with: the request's, or one minted now (nosurf sets it on this response),
 * so the flow can record it (`CSRFToken`) for getLoginFlow.
 */
function browserFlowCsrf(ctx: KratosCtx): string {
  const current = requestCsrfCookie(ctx.request, ctx.state.site.csrfCookieName)
  return current !== undefined && realToken(current) ? current : mintCsrfToken(ctx.random)
}

// ——— init ———

/** `strconv.ParseBool`. */
const goParseBool = (s: string | undefined) => ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s ?? '')

type FlowFields = Pick<KratosLoginFlow, 'refresh' | 'requestedAal' | 'returnTo'>

/**
 * NewLoginFlow's checks before a flow is made (login/flow.go:200-216, login/handler.go:162-230), in its order:
 * return_to against the allow-list → `aal` (aal1 or aal2, any case) → the session: none and aal2 asked → 401
 * session_aal1_required; one and neither `refresh` nor a higher AAL asked → session_already_available. Returns the
 * outcome to answer, or the new flow's fields. `browser` names the Forward variants (303 to the error UI).
 */
function initChecks(ctx: KratosCtx, browser: boolean): { outcome: { behaviour: string; detail?: unknown } } | { fields: FlowFields } {
  const q = goQuery(ctx.url)
  const suffix = browser ? 'Browser' : ''
  const returnTo = q.get('return_to') ?? ''
  let checkedReturnTo: string | undefined
  if (returnTo !== '') {
    const verdict = secureRedirectTo(returnTo, ctx.state.site.loginRedirect)
    if (!verdict.ok) return { outcome: { behaviour: verdict.behaviour + suffix, detail: { error: verdict.error } } }
    checkedReturnTo = verdict.url
  }
  const aal = (q.get('aal') || 'aal1').toLowerCase()
  if (aal !== 'aal1' && aal !== 'aal2') return { outcome: { behaviour: 'aalUnknown' + suffix, detail: { error: aalUnknown(aal) } } }
  const refresh = goParseBool(q.get('refresh'))
  const session = activeSession(ctx)
  if (!session) {
    if (aal === 'aal2') return { outcome: { behaviour: 'aal1Required' + suffix } }
    return { fields: { requestedAal: aal, returnTo: checkedReturnTo } }
  }
  // The mock's sessions are all aal1: asking for aal2 is asking for more, which Kratos lets through.
  if (!refresh && aal === 'aal1') return { outcome: { behaviour: browser ? 'sessionAlreadyAvailableBrowser' : 'sessionAlreadyAvailable' } }
  return { fields: { refresh, requestedAal: aal, returnTo: checkedReturnTo } }
}

const createNativeLoginFlowOperation: Op = {
  id: nativeInit.operation,
  method: 'GET',
  path: '/self-service/login/api',
  summary: 'Create Login Flow for Native Apps',
  async run(ctx) {
    const checked = initChecks(ctx, false)
    if ('outcome' in checked) return checked.outcome
    return { behaviour: 'created', detail: await newFlow(ctx, 'api', ctx.url.toString(), undefined, checked.fields) }
  },
}

const createBrowserLoginFlowOperation: Op = {
  id: browserInit.operation,
  method: 'GET',
  path: '/self-service/login/browser',
  summary: 'Create Login Flow for Browsers (JSON for SPAs with Accept: application/json, else 303 to the login UI)',
  async run(ctx) {
    const json = isJsonRequest(ctx.request)
    const checked = initChecks(ctx, !json)
    if ('outcome' in checked) return checked.outcome
    const flow = await newFlow(ctx, 'browser', ctx.url.toString(), browserFlowCsrf(ctx), checked.fields)
    return { behaviour: json ? 'created' : 'redirectToUi', detail: flow }
  },
}

function flowCreated(route: Route, type: KratosLoginFlow['type']): KratosBehaviour {
  return {
    id: `kratos.${route.operation}.created`,
    operation: route.operation,
    status: 200,
    title: `loginFlow (${type})${type === 'browser' ? ' with the csrf_token node, CSRF cookie set when missing' : ''}`,
    trigger: type === 'browser' ? 'no active session, Accept: application/json' : 'no active session token',
    source: documented(type === 'browser' ? KRATOS_REFS.browserLoginSpec : KRATOS_REFS.nativeLoginSpec),
    contentType: 'application/json',
    schema: 'loginFlow',
    primary: true,
    respond(ctx, raw) {
      const flow = (raw as KratosLoginFlow | undefined) ?? flowRecord(ctx, type)
      const { headers, csrf } = routeStart(ctx, route, [], flow.csrfCookie)
      return jsonResponse(200, loginFlowJson(flow, ctx.baseUrl, csrf && type === 'browser' ? { csrf: maskCsrfToken(csrf, ctx.random) } : {}), headers)
    },
  }
}

/** A 303 that is not an error: to the login UI with the flow, or to the return URL. */
function redirect(route: Route, name: string, title: string, trigger: string, source: ReturnType<typeof documented>, location: (ctx: KratosCtx, detail: unknown) => string, primary = false): KratosBehaviour {
  return {
    id: `kratos.${route.operation}.${name}`,
    operation: route.operation,
    status: 303,
    title,
    trigger,
    source,
    ...seeOtherDeclaration(route.method),
    primary,
    respond(ctx, raw) {
      const d = raw as { setCookies?: string[]; csrfCookie?: string } | undefined
      const { headers } = routeStart(ctx, route, d?.setCookies ?? [], d?.csrfCookie)
      return seeOther(location(ctx, raw), ctx.request, headers)
    },
  }
}

const flowIdOf = (ctx: KratosCtx, raw: unknown) => (raw as { flowId?: string } | undefined)?.flowId ?? (raw as KratosLoginFlow | undefined)?.id ?? ctx.random.uuid()

// ——— submit ———

type Body = { kind: 'ok'; fields: Record<string, unknown> } | { kind: 'bad'; error: HerodotError }

/** decoderx for the login body: JSON or form-urlencoded. */
async function readLoginBody(ctx: KratosCtx): Promise<Body> {
  const body = await readBody(ctx.request)
  if (!body.ok) return { kind: 'bad', error: badBody('Unable to decode JSON payload: http: request body too large') }
  const contentType = ctx.request.headers.get('content-type') ?? ''
  if (body.text === '') return { kind: 'bad', error: badBody('Unable to decode HTTP Request Body because its HTTP Header "Content-Length" is zero.') }
  const type = mediaType(contentType)
  if (type === 'application/x-www-form-urlencoded') return { kind: 'ok', fields: Object.fromEntries(new URLSearchParams(body.text)) }
  if (type !== 'application/json') {
    return { kind: 'bad', error: badBody(`HTTP POST Request used unknown HTTP Header "Content-Type: ${contentType}", only [application/json application/x-www-form-urlencoded] are supported.`) }
  }
  const decoded = decodeJsonInto(body.text, 'password.updateLoginFlowWithPasswordMethod', { method: 'string', identifier: 'string', password: 'string', csrf_token: 'string' })
  return decoded.ok ? { kind: 'ok', fields: decoded.value } : { kind: 'bad', error: badBody(`Unable to decode JSON payload: ${decoded.error}`) }
}

interface FlowUiDetail {
  flow: KratosLoginFlow
  ui: LoginUiState
}

const updateLoginFlowOperation: Op = {
  id: submit.operation,
  method: 'POST',
  path: '/self-service/login',
  summary: 'Submit a Login Flow with the password method',
  async run(ctx) {
    const requestJson = isJsonRequest(ctx.request)
    const flowId = goQuery(ctx.url).get('flow') ?? ''
    if (!UUID.test(flowId)) return { behaviour: requestJson ? 'flowIdMissing' : 'flowIdMissingBrowser' }
    const flow = ctx.state.loginFlows.get('id', flowId.toLowerCase())
    if (!flow) return { behaviour: requestJson ? 'flowNotFound' : 'flowNotFoundBrowser' }
    const json = flow.type === 'api' || requestJson
    const now = ctx.clock.now()
    if (flow.expiresAt <= now) {
      const next = await newFlow(ctx, flow.type)
      const detail: ErrorDetail & { flowId: string } = {
        error: flowExpired(now - flow.expiresAt),
        extra: { expired_at: goTime(flow.expiresAt), since: (now - flow.expiresAt) * 1_000_000, use_flow_id: next.id },
        flowId: next.id,
      }
      return { behaviour: json ? 'flowExpired' : 'flowExpiredBrowser', detail }
    }
    if (activeSession(ctx) && !flow.refresh && (flow.requestedAal ?? 'aal1') === 'aal1') return { behaviour: json ? 'sessionAlreadyAvailable' : 'sessionAlreadyAvailableBrowser' }
    const body = await readLoginBody(ctx)
    if (body.kind === 'bad') return { behaviour: json ? 'badRequest' : 'badRequestBrowser', detail: { error: body.error } }
    const f = body.fields
    const csrfSent = typeof f.csrf_token === 'string' ? f.csrf_token : ''
    const real = flow.type === 'browser' ? realToken(requestCsrfCookie(ctx.request, ctx.state.site.csrfCookieName)) : null
    const ui = (extra: LoginUiState): LoginUiState => ({ identifier: typeof f.identifier === 'string' ? f.identifier : '', ...(real ? { csrf: maskCsrfToken(real, ctx.random) } : {}), ...extra })
    if (f.method !== 'password') return { behaviour: json ? 'noStrategy' : 'noStrategyBrowser', detail: { flow, ui: ui({ messages: [UI_TEXT.noStrategy] }) } }
    const missing = (['identifier', 'password'] as const).filter((k) => typeof f[k] !== 'string' || f[k] === '')
    if (missing.length > 0) {
      const nodeMessages = Object.fromEntries(missing.map((k) => [k, [UI_TEXT.missing(k)]]))
      return { behaviour: json ? 'missingFields' : 'missingFieldsBrowser', detail: { flow, ui: ui({ nodeMessages }) } }
    }
    if (flow.type === 'browser' && (!real || !verifyCsrfToken(real, csrfSent))) {
      return { behaviour: json ? 'csrfViolation' : 'csrfViolationBrowser', detail: { error: csrfErrorReason(ctx, csrfSent) } }
    }
    const identity = findIdentity(ctx.state, String(f.identifier))
    if (!identity || identity.password !== f.password) {
      return { behaviour: json ? 'invalidCredentials' : 'invalidCredentialsBrowser', detail: { flow, ui: ui({ messages: [UI_TEXT.invalidCredentials] }) } }
    }
    const session = await startSession(ctx.state, ctx.clock, ctx.random, {
      identity,
      via: flow.type,
      ipAddress: ctx.clientIp,
      userAgent: ctx.request.headers.get('user-agent') ?? '',
      lifespanSeconds: ctx.config.sessionLifespanSeconds,
    })
    // The flow's return_to was checked when it was made (login/hook.go:156-166 checks it again, with the same rules).
    const detail = { session, identity, returnTo: flow.returnTo }
    if (flow.type === 'api') return { behaviour: 'nativeSuccess', detail }
    return { behaviour: json ? 'browserSuccess' : 'browserSuccessRedirect', detail }
  },
}

/**
 * `IssueCookie` of a browser login: the CSRF token rotates first (no prior session of this identity, which is always
 * the case here: a request with an active session gets session_already_available), then the session cookie.
 */
const sessionCookieFor = (ctx: KratosCtx, { session: s }: SessionWithIdentity) => [
  ...regenerateCsrfCookie(ctx, submit),
  sessionSetCookie(s.cookieValue, s.expiresAt, ctx.config.sessionLifespanSeconds, ctx.config),
]

/** A 400 that re-renders the flow with messages (JSON) — Kratos writes it with the success writer. */
function flowWithMessages(name: string, title: string, trigger: string, ref: string, sample: (ctx: KratosCtx) => LoginUiState, primary = false): KratosBehaviour {
  return {
    id: `kratos.${submit.operation}.${name}`,
    operation: submit.operation,
    status: 400,
    title,
    trigger,
    source: documented(ref),
    contentType: 'application/json',
    schema: 'loginFlow',
    primary,
    respond(ctx, raw) {
      const d = (raw as FlowUiDetail | undefined) ?? { flow: flowRecord(ctx, 'api'), ui: sample(ctx) }
      const { headers } = routeStart(ctx, submit)
      return jsonResponse(400, loginFlowJson(d.flow, ctx.baseUrl, d.ui), headers)
    },
  }
}

const toLoginUi = (ctx: KratosCtx, raw: unknown) => uiUrl(ctx, ctx.config.loginUiUrl, 'flow', (raw as Partial<FlowUiDetail> | undefined)?.flow?.id ?? flowIdOf(ctx, raw))
const toReturnUrl = (ctx: KratosCtx) => ctx.state.site.browserReturnUrl
/** Where a successful browser login goes: the flow's checked return_to, else the default return URL. */
const returnUrlOf = (ctx: KratosCtx, d: SessionWithIdentity) => (d as SessionWithIdentity & { returnTo?: string }).returnTo ?? toReturnUrl(ctx)
const expiredExtra = (ctx: KratosCtx) => ({ expired_at: goTime(ctx.clock.now() - 60_000), since: 60_000_000_000, use_flow_id: ctx.random.uuid() })

const submitBehaviours: KratosBehaviour[] = [
  sessionSuccess({
    route: submit,
    name: 'nativeSuccess',
    status: 200,
    title: 'successfulNativeLogin: session_token ory_st_…, the session, continue_with set_ory_session_token',
    trigger: 'API flow, method password, identifier + password of a fixture identity',
    source: documented(KRATOS_REFS.submitLoginSpec),
    contentType: 'application/json',
    schema: 'successfulNativeLogin',
    primary: true,
    build: (ctx, d, headers) =>
      jsonResponse(
        200,
        { session_token: d.session.token, session: sessionJson(d.session, d.identity, ctx.baseUrl), continue_with: [{ action: 'set_ory_session_token', ory_session_token: d.session.token }] },
        headers,
      ),
  }),
  sessionSuccess({
    route: submit,
    name: 'browserSuccess',
    status: 200,
    title: 'Browser flow, JSON client: the session, ory_kratos_session cookie set, continue_with redirect_browser_to',
    trigger: 'browser flow submitted with Accept or Content-Type application/json, valid csrf_token + CSRF cookie, right password',
    source: documented(KRATOS_REFS.loginIssueCookie),
    contentType: 'application/json',
    schema: 'successfulNativeLogin',
    cookies: sessionCookieFor,
    build: (ctx, d, headers) =>
      jsonResponse(200, { session: sessionJson(d.session, d.identity, ctx.baseUrl), continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: returnUrlOf(ctx, d) }] }, headers),
  }),
  sessionSuccess({
    route: submit,
    name: 'browserSuccessRedirect',
    status: 303,
    title: '303 to the default return URL with the ory_kratos_session cookie',
    trigger: 'browser flow posted as a form (not JSON), valid CSRF, right password',
    source: documented(KRATOS_REFS.loginIssueCookie),
    contentType: null,
    primary: true,
    cookies: sessionCookieFor,
    build: (ctx, d, headers) => seeOther(returnUrlOf(ctx, d), ctx.request, headers),
  }),
  flowWithMessages('invalidCredentials', 'loginFlow 400 with ui.messages 4000006 (invalid credentials)', 'unknown identifier or wrong password', KRATOS_REFS.submitLoginSpec, () => ({ identifier: 'alice@example.com', messages: [UI_TEXT.invalidCredentials] }), true),
  flowWithMessages('missingFields', 'loginFlow 400 with node messages 4000002 (property missing)', 'identifier or password missing/empty', KRATOS_REFS.submitLoginSpec, () => ({ nodeMessages: { password: [UI_TEXT.missing('password')] } })),
  flowWithMessages('noStrategy', 'loginFlow 400 with ui.messages 4010002 (no strategy)', 'method is not "password"', KRATOS_REFS.submitLoginSpec, () => ({ messages: [UI_TEXT.noStrategy] })),
  redirect(submit, 'invalidCredentialsBrowser', '303 back to the login UI (?flow=) with the messages in the flow', 'browser flow posted as a form, wrong password', documented(KRATOS_REFS.submitLoginSpec), toLoginUi),
  redirect(submit, 'missingFieldsBrowser', '303 back to the login UI (?flow=)', 'browser form post with identifier or password missing', documented(KRATOS_REFS.submitLoginSpec), toLoginUi),
  redirect(submit, 'noStrategyBrowser', '303 back to the login UI (?flow=)', 'browser form post with a method other than password', documented(KRATOS_REFS.submitLoginSpec), toLoginUi),
  redirect(submit, 'flowExpiredBrowser', '303 to the login UI with a new flow', 'browser form post of a flow past loginFlowLifespanSeconds', documented(KRATOS_REFS.submitLoginSpec), toLoginUi),
  jsonError({ route: submit, name: 'badRequest', status: 400, title: '400: body not decodable (decoderx)', trigger: 'empty body, unsupported Content-Type or malformed JSON', source: documented(KRATOS_REFS.submitLoginSpec), example: () => badBody("Unable to decode JSON payload: invalid character '}' looking for beginning of object key string") }),
  browserError({ route: submit, name: 'badRequestBrowser', title: '303 to the error UI (body not decodable)', trigger: 'browser flow, non-JSON client, undecodable body', source: documented(KRATOS_REFS.forward), example: () => badBody('Unable to decode HTTP Request Body because its HTTP Header "Content-Length" is zero.') }),
  jsonError({ route: submit, name: 'flowIdMissing', status: 400, title: '400: ?flow= missing or not a UUID', trigger: 'no or malformed ?flow=', source: documented(KRATOS_REFS.flowId), example: () => FLOW_ID_MISSING }),
  browserError({ route: submit, name: 'flowIdMissingBrowser', title: '303 to the error UI (flow id missing)', trigger: 'browser, no or malformed ?flow=', source: documented(KRATOS_REFS.forward), example: () => FLOW_ID_MISSING }),
  jsonError({ route: submit, name: 'flowNotFound', status: 404, title: '404: unknown flow', trigger: '?flow= of no flow', source: documented(KRATOS_REFS.notFound), example: () => NOT_FOUND, primary: true }),
  browserError({ route: submit, name: 'flowNotFoundBrowser', title: '303 to the error UI (unknown flow)', trigger: 'browser, ?flow= of no flow', source: documented(KRATOS_REFS.forward), example: () => NOT_FOUND }),
  {
    ...jsonError({ route: submit, name: 'flowExpired', status: 410, title: '410 self_service_flow_expired with use_flow_id of a new flow', trigger: 'submitting past loginFlowLifespanSeconds (platform clock)', source: documented(KRATOS_REFS.flowExpired), schema: 'selfServiceFlowExpiredError', example: () => flowExpired(60_000) }),
    respond(ctx, raw) {
      const d = (raw as ErrorDetail | undefined) ?? { error: flowExpired(60_000), extra: expiredExtra(ctx) }
      const { headers } = routeStart(ctx, submit)
      return herodotResponse(d.error!, ctx.request, headers, d.extra)
    },
  },
  jsonError({ route: submit, name: 'sessionAlreadyAvailable', status: 400, title: '400 session_already_available', trigger: 'submitting while an active session is sent', source: documented(KRATOS_REFS.alreadyLoggedIn), example: () => SESSION_ALREADY_AVAILABLE }),
  redirect(submit, 'sessionAlreadyAvailableBrowser', '303 to the default return URL (already logged in)', 'browser form post with an active session cookie', documented(KRATOS_REFS.submitLoginSpec), toReturnUrl),
  jsonError({ route: submit, name: 'csrfViolation', status: 403, title: '403 security_csrf_violation', trigger: 'browser flow without the CSRF cookie or with a csrf_token that does not match it', source: documented(KRATOS_REFS.loginFlowCsrf), schema: 'errorGenericWithDetails', example: () => CSRF_EXAMPLE }),
  browserError({ route: submit, name: 'csrfViolationBrowser', title: '303 to the error UI (CSRF)', trigger: 'browser form post failing the CSRF check', source: documented(KRATOS_REFS.forward), example: () => CSRF_EXAMPLE }),
  jsonError({
    route: submit,
    name: 'browserLocationChangeRequired',
    status: 422,
    title: '422 browser_location_change_required (forced only)',
    trigger: 'forced only (OIDC/WebAuthn flows, not simulated)',
    source: assumed('forced-only-entries'),
    example: (ctx) => ({ id: 'browser_location_change_required', code: 422, status: 'Unprocessable Entity', reason: `In order to complete this flow please redirect the browser to: ${toReturnUrl(ctx)}`, message: 'browser location change required' }),
  }),
  internalError(submit, KRATOS_REFS.submitLoginSpec),
]

/** The 400 and 401 of the init parameters, for one init route (`browser`: with the Forward variants). */
function initParamErrors(route: Route, browser: boolean): KratosBehaviour[] {
  const json = [
    jsonError({ route, name: 'aalUnknown', status: 400, title: '400: ?aal= is neither aal1 nor aal2', trigger: '?aal=<anything else> (case-insensitive)', source: documented(KRATOS_REFS.loginAal), example: () => aalUnknown('aal3') }),
    jsonError({ route, name: 'aal1Required', status: 401, title: '401 session_aal1_required: aal2 asked without a session', trigger: '?aal=aal2 and no active session', source: documented(KRATOS_REFS.loginAal1Required), example: () => SESSION_AAL1_REQUIRED, primary: true }),
    ...returnToErrors({ route, primary: false }).filter((b) => !b.id.endsWith('Browser')),
  ]
  if (!browser) return json
  return [
    ...json,
    browserError({ route, name: 'aalUnknownBrowser', title: '303 to the error UI (unknown aal)', trigger: 'browser navigation with ?aal=<anything else>', source: documented(KRATOS_REFS.forward), example: () => aalUnknown('aal3') }),
    browserError({ route, name: 'aal1RequiredBrowser', title: '303 to the error UI (session_aal1_required)', trigger: 'browser navigation with ?aal=aal2 and no session', source: documented(KRATOS_REFS.forward), example: () => SESSION_AAL1_REQUIRED }),
    ...returnToErrors({ route, primary: false }).filter((b) => b.id.endsWith('Browser')),
  ]
}

const initBehaviours: KratosBehaviour[] = [
  flowCreated(nativeInit, 'api'),
  ...initParamErrors(nativeInit, false),
  jsonError({ route: nativeInit, name: 'sessionAlreadyAvailable', status: 400, title: '400 session_already_available', trigger: 'X-Session-Token of an active session', source: documented(KRATOS_REFS.alreadyLoggedIn), example: () => SESSION_ALREADY_AVAILABLE }),
  internalError(nativeInit, KRATOS_REFS.nativeLoginSpec),
  flowCreated(browserInit, 'browser'),
  ...initParamErrors(browserInit, true),
  redirect(browserInit, 'redirectToUi', '303 to the login UI with ?flow=', 'browser navigation (not a JSON client)', documented(KRATOS_REFS.browserLoginSpec), toLoginUi, true),
  jsonError({ route: browserInit, name: 'sessionAlreadyAvailable', status: 400, title: '400 session_already_available', trigger: 'JSON client with an active session cookie', source: documented(KRATOS_REFS.alreadyLoggedIn), example: () => SESSION_ALREADY_AVAILABLE }),
  redirect(browserInit, 'sessionAlreadyAvailableBrowser', '303 to the default return URL (already logged in)', 'browser with an active session cookie', documented(KRATOS_REFS.browserLoginSpec), toReturnUrl),
  internalError(browserInit, KRATOS_REFS.browserLoginSpec),
]

export const loginOperations: Op[] = [createNativeLoginFlowOperation, createBrowserLoginFlowOperation, updateLoginFlowOperation]
export const loginBehaviours: KratosBehaviour[] = [...initBehaviours, ...submitBehaviours]
