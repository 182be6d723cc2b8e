/**
 * nosurf's verdict on an unsafe request (x/nosurfx `CSRFErrorReason`, contracts/kratos.md §0.5): which
 * `security_csrf_violation` details Kratos sends — AJAX or server hint, no cookies, no CSRF cookie, token not sent,
 * or token mismatch.
 */
import { mediaType } from '../platform/body.ts'
import { parseCookies } from '../platform/cookies.ts'
import { CSRF_TEXT, csrfViolation, type HerodotError } from './herodot.ts'
import type { KratosCtx } from './session-auth.ts'

/**
 * The CSRF error for a request that failed verification; `formToken` is the `csrf_token` of a parsed form body.
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
