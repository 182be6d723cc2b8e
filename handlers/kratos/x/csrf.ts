/**
 * nosurf as Kratos runs it in front of its public router (x/nosurfx, github.com/ory/nosurf):
 * - on an unsafe method (not GET/HEAD/OPTIONS/TRACE) to a path it does not ignore, the request passes only with the
 *   CSRF cookie and a masked token for it in `X-CSRF-Token` or the form field `csrf_token`; then Kratos's router
 *   answers the method. Otherwise Kratos's failure handler answers 403 `security_csrf_violation` with the reason
 *   `CSRFErrorReason` picks (AJAX or server hint; no cookies, no CSRF cookie, token not sent, or mismatch);
 * - `RegenerateToken` issues a new CSRF cookie at most once per response (`ctxWasSent`): when the middleware already
 *   minted one because the request had none, a handler's later regeneration adds nothing.
 */
import { mediaType, readBody } from '../../platform/http/body.ts'
import { parseCookies } from '../../platform/http/cookies.ts'
import type { Route } from '../behaviours.ts'
import { csrfSetCookie, mintCsrfToken, realToken, requestCsrfCookie, verifyMaskedCsrfToken } from './cookies.ts'
import { goQuery } from './go.ts'
import { CSRF_TEXT, csrfViolation, type HerodotError } from './herodot.ts'
import type { KratosCtx } from '../session/session-auth.ts'
import type { IncomingRequest } from '../../platform/http/buffered-request.ts'

/**
 * The CSRF error for a request that failed verification; `formToken` is `r.Form.Get("csrf_token")` (the form body's
 * value, else the query's).
 * @example
 * csrfErrorReason(ctx, '') // no Cookie header → reject_reason "The HTTP Cookie Header is empty or not set."
 */
export function csrfErrorReason(ctx: KratosCtx, formToken: string): HerodotError {
  const mode = ctx.request.headers.get('sec-fetch-mode')
  const hint = mode === 'cors' || mode === 'same-origin' ? CSRF_TEXT.ajaxHint : CSRF_TEXT.serverHint
  const cookieHeader = ctx.request.headers.get('cookie') ?? ''
  if (cookieHeader === '') return csrfViolation({ hint, reject_reason: CSRF_TEXT.noCookie })
  if (!(ctx.state.site.csrfCookieName in parseCookies(cookieHeader))) return csrfViolation({ hint, reject_reason: CSRF_TEXT.cookieMissing })
  if (mediaType(ctx.request.headers.get('content-type')) !== 'application/json' && formToken + (ctx.request.headers.get('x-csrf-token') ?? '') === '') {
    return csrfViolation({ hint: CSRF_TEXT.tokenNotSent })
  }
  return csrfViolation({ hint, reject_reason: CSRF_TEXT.tokenMismatch })
}

/** Go's `r.PostFormValue("csrf_token")`: POST, PUT and PATCH bodies, urlencoded or multipart; '' otherwise. */
async function postFormToken(request: IncomingRequest): Promise<string> {
  if (!['POST', 'PUT', 'PATCH'].includes(request.method)) return ''
  const type = mediaType(request.headers.get('content-type'))
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return ''
  const body = await readBody(request)
  if (!body.ok) return ''
  if (type === 'application/x-www-form-urlencoded') return goQuery(new URL(`http://form/?${body.text}`)).get('csrf_token') ?? ''
  try {
    const value = (await new Response(body.text, { headers: { 'content-type': request.headers.get('content-type')! } }).formData()).get('csrf_token')
    return typeof value === 'string' ? value : ''
  } catch {
    return ''
  }
}

/**
 * nosurf's verdict on an unsafe method to a path it protects: null when the request passes (the router answers
 * it), else the `security_csrf_violation` error.
 * @example
 * const error = await nosurfCheck(ctx)
 * return error ? { behaviour: 'csrfViolation', detail: { error } } : { behaviour: 'methodNotAllowed' }
 */
export async function nosurfCheck(ctx: KratosCtx): Promise<HerodotError | null> {
  const form = await postFormToken(ctx.request)
  const sent = ctx.request.headers.get('x-csrf-token') || form
  const real = realToken(requestCsrfCookie(ctx.request, ctx.state.site.csrfCookieName))
  if (real && verifyMaskedCsrfToken(real, sent)) return null
  return csrfErrorReason(ctx, form || (goQuery(ctx.url).get('csrf_token') ?? ''))
}

/**
 * `CSRFHandler().RegenerateToken(w, r)` from a handler: a fresh CSRF Set-Cookie, unless the middleware already set
 * one on this response — which it does on the routes it covers when the request has no valid CSRF cookie.
 * @example
 * const cookies = [sessionClearCookie(ctx.config), ...regenerateCsrfCookie(ctx, route)]
 */
export function regenerateCsrfCookie(ctx: KratosCtx, route: Route): string[] {
  const name = ctx.state.site.csrfCookieName
  if (route.nosurf && !realToken(requestCsrfCookie(ctx.request, name))) return []
  return [csrfSetCookie(name, mintCsrfToken(ctx.random), ctx.config)]
}
