/**
 * Kratos's errors as ory/herodot writes them (json.go, error_default.go): `{"error":{…}}` with the keys in Go
 * field order — id, code, status, request, reason, debug, details, message — omitting the empty ones, plus the
 * `Ory-Error-Id` header (empty when the error has no id) and `Content-Type: application/json` without charset.
 */
import { goQuote } from './go.ts'

export interface HerodotError {
  readonly id?: string
  readonly code: number
  readonly status: string
  readonly reason?: string
  /** Go map: serialised with sorted keys. */
  readonly details?: Readonly<Record<string, string>>
  readonly message: string
}

/**
 * The inner error object, keys in herodot's order; `request` comes from the request's `X-Request-ID`.
 * @example
 * orderedError(SESSION_INACTIVE) // { id: 'session_inactive', code: 401, status: 'Unauthorized', reason: …, message: … }
 */
export function orderedError(e: HerodotError, requestId?: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (e.id) out.id = e.id
  out.code = e.code
  out.status = e.status
  if (requestId) out.request = requestId
  if (e.reason) out.reason = e.reason
  if (e.details && Object.keys(e.details).length > 0) {
    out.details = Object.fromEntries(Object.keys(e.details).sort().map((k) => [k, e.details![k]]))
  }
  out.message = e.message
  return out
}

const BAD_REQUEST = { code: 400, status: 'Bad Request', message: 'The request was malformed or contained invalid parameters' } as const
/** herodot's ErrForbidden (no reason). */
export const FORBIDDEN: HerodotError = { code: 403, status: 'Forbidden', message: 'The requested action was forbidden' }

/** herodot's ErrInternalServerError (the `default`/500 response every operation documents). */
export const INTERNAL_ERROR: HerodotError = {
  code: 500,
  status: 'Internal Server Error',
  message: 'An internal server error occurred, please contact the system administrator',
}

/** E1 — session/manager.go: no active session. */
export const SESSION_INACTIVE: HerodotError = {
  id: 'session_inactive',
  code: 401,
  status: 'Unauthorized',
  reason: 'No active session was found in this request.',
  message: 'request does not have a valid authentication session',
}
/** E2 — updateLogoutFlow without `token`. */
export const LOGOUT_TOKEN_MISSING: HerodotError = { ...BAD_REQUEST, reason: 'Please include a token in the URL query.' }
/** E3 — the logout token is not this session's. */
export const LOGOUT_TOKEN_MISMATCH: HerodotError = {
  ...FORBIDDEN,
  reason: 'Unable to log out because the logout token in the URL query does not match the session cookie.',
}
/** E4 — return_to outside the allow-list (reason built with Go's %q of the normalised URL). */
export function returnToForbidden(url: string): HerodotError {
  return { id: 'self_service_flow_return_to_forbidden', ...BAD_REQUEST, reason: `Requested return_to URL ${goQuote(url)} is not allowed.` }
}
/** return_to that Go's url.Parse rejects (no id). */
export function returnToUnparseable(goError: string): HerodotError {
  return { ...BAD_REQUEST, reason: `Unable to parse the return_to query parameter as an URL: ${goError}` }
}
/** E5 — native logout with an unknown session token. */
export const SESSION_TOKEN_UNKNOWN: HerodotError = {
  ...FORBIDDEN,
  reason: 'The provided Ory Session Token could not be found, is invalid, or otherwise malformed.',
}
/** E9 — whoami without a valid session (the `session_inactive` id is lost on the way). */
export const WHOAMI_UNAUTHORIZED: HerodotError = {
  code: 401,
  status: 'Unauthorized',
  reason: 'No valid session credentials found in the request.',
  message: 'The request could not be authorized',
}
/** whoami: the session needs a second factor (documented; the mock has none, so forced only). */
export const AAL2_REQUIRED: HerodotError = {
  id: 'session_aal2_required',
  code: 403,
  status: 'Forbidden',
  reason: 'An active session was found but it does not fulfill the Authenticator Assurance Level, implying that the session must first be authenticated using a second factor.',
  message: 'Session does not fulfill the requested Authenticator Assurance Level',
}
/** sqlcon.ErrNoRows: an unknown flow or error id. */
export const NOT_FOUND: HerodotError = { code: 404, status: 'Not Found', message: 'Unable to locate the resource' }
/** flow.GetFlowID: `?flow=` missing or not a UUID. */
export const FLOW_ID_MISSING: HerodotError = { ...BAD_REQUEST, reason: 'The flow query parameter is missing or malformed.' }
/** login: a valid session already exists (`ErrAlreadyLoggedIn`: its own message, not herodot's generic 400 one). */
export const SESSION_ALREADY_AVAILABLE: HerodotError = {
  id: 'session_already_available',
  ...BAD_REQUEST,
  message: 'you are already logged in',
  reason: 'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?',
}
/** decoderx: request bodies the native logout (and login) cannot read. */
export const badBody = (reason: string): HerodotError => ({ ...BAD_REQUEST, reason })

/**
 * Expired self-service flow (flow.NewFlowExpiredError): 410 with the minutes since expiry.
 * @example
 * flowExpired(60_000).reason // 'The self-service flow expired 1.00 minutes ago, initialize a new one.'
 */
export function flowExpired(agoMs: number): HerodotError {
  return {
    id: 'self_service_flow_expired',
    code: 410,
    status: 'Gone',
    reason: `The self-service flow expired ${(agoMs / 60_000).toFixed(2)} minutes ago, initialize a new one.`,
    message: 'self-service flow expired',
  }
}

/** The CSRF reject reasons and hints of x/nosurfx (nosurf.go). */
export const CSRF_TEXT = {
  noCookie: 'The HTTP Cookie Header is empty or not set.',
  cookieMissing: 'The HTTP Cookie Header was set but did not include the anti-CSRF cookie.',
  tokenNotSent:
    'The anti-CSRF cookie was found but the CSRF token was not included in the HTTP request body (csrf_token) nor in the HTTP Header (X-CSRF-Token).',
  tokenMismatch: 'The HTTP Cookie Header was set and a CSRF token was sent but they do not match. We recommend deleting all cookies for this domain and retrying the flow.',
  ajaxHint:
    "We detected an AJAX call, please ensure that CORS is enabled and configured correctly, and that your AJAX code sends cookies and has credentials enabled. For further debugging, check your Browser's Network Tab to see what cookies are included or excluded.",
  serverHint:
    "We detected a regular browser or server-side call. To debug browser calls check your Browser's Network Tab to see what cookies are included or excluded. If you are calling from a server ensure that the appropriate cookies are being forwarded and that the SDK method is called correctly.",
} as const

/** 403 security_csrf_violation with the given details (docs, hint, reject_reason). */
export function csrfViolation(details: Record<string, string>): HerodotError {
  return {
    id: 'security_csrf_violation',
    ...FORBIDDEN,
    reason:
      'Please retry the flow and optionally clear your cookies. The request was rejected to protect you from Cross-Site-Request-Forgery (CSRF) which could cause account takeover, leaking personal information, and other serious security issues.',
    details: { docs: 'https://www.ory.com/docs/troubleshooting/csrf', ...details },
    message: 'the request was rejected to protect you from Cross-Site-Request-Forgery',
  }
}

/** The CSRF error a forced response shows: a server-side call without cookies. */
export const CSRF_EXAMPLE: HerodotError = csrfViolation({ hint: CSRF_TEXT.serverHint, reject_reason: CSRF_TEXT.noCookie })

/** listMySessions, disableMyOtherSessions, disableMySession without a session (herodot ErrUnauthorized + reason). */
export const NO_SESSION_COOKIE: HerodotError = {
  code: 401,
  status: 'Unauthorized',
  reason: 'No valid session cookie found.',
  message: 'The request could not be authorized',
}
/** disableMySession on the caller's own session: `ErrBadRequest().WithError(…)` replaces the message (debug hidden). */
export const CANNOT_REVOKE_CURRENT: HerodotError = { ...BAD_REQUEST, message: 'cannot revoke current session' }
/**
 * disableMySession with an id gofrs/uuid cannot parse: the parse error becomes the message.
 * @example
 * uuidParseError('uuid: incorrect UUID length 3 in string "abc"').code // 400
 */
export const uuidParseError = (goError: string): HerodotError => ({ ...BAD_REQUEST, message: goError })
/**
 * whoami `?tokenize_as=` naming no configured template (driver/config/config.go `TokenizeTemplate`).
 * @example
 * tokenizerTemplateUnknown('jwt').reason // 'Unable to find tokenizer template "jwt".'
 */
export const tokenizerTemplateUnknown = (name: string): HerodotError => ({ ...BAD_REQUEST, reason: `Unable to find tokenizer template ${goQuote(name)}.` })

/** login: `?aal=aal2` without a session (login/error.go ErrSessionRequiredForHigherAAL). */
export const SESSION_AAL1_REQUIRED: HerodotError = {
  id: 'session_aal1_required',
  code: 401,
  status: 'Unauthorized',
  reason: 'You can not requested a higher AAL (AAL2/AAL3) without an active session.',
  message: 'aal2 and aal3 can only be requested if a session exists already',
}
/**
 * login: an `?aal=` other than aal1/aal2 (stringsx's unknown-case error, the value lower-cased).
 * @example
 * aalUnknown('aal3').reason // 'Unable to parse AuthenticationMethod Assurance Level (AAL): expected one of [aal1, aal2] but got aal3'
 */
export const aalUnknown = (aal: string): HerodotError => ({ ...BAD_REQUEST, reason: `Unable to parse AuthenticationMethod Assurance Level (AAL): expected one of [aal1, aal2] but got ${aal}` })
