/**
 * URLs and cookies shared by the logout operations: the logout URL handed out by createBrowserLogoutFlow, and the
 * cookies a successful logout sets (session cookie cleared, CSRF token regenerated — the "principal change").
 */
import type { Route } from '../../../behaviours.ts'
import { sessionClearCookie } from '../../../x/cookies.ts'
import { regenerateCsrfCookie } from '../../../x/csrf.ts'
import { goQueryEscape } from '../../../x/go.ts'
import type { KratosCtx } from '../../../session/session-auth.ts'

/**
 * `<baseUrl>/self-service/logout?` + `url.Values.Encode()` (keys sorted: return_to, then token).
 * @example
 * logoutUrl('http://127.0.0.1:4433', 'ory_lo_x') // 'http://127.0.0.1:4433/self-service/logout?token=ory_lo_x'
 */
export function logoutUrl(baseUrl: string, logoutToken: string, returnTo?: string): string {
  const query = (returnTo === undefined ? '' : `return_to=${goQueryEscape(returnTo)}&`) + `token=${goQueryEscape(logoutToken)}`
  return `${baseUrl}/self-service/logout?${query}`
}

/**
 * The Set-Cookies of a successful purge: the cleared session cookie (when a cookie was purged), then the regenerated
 * CSRF cookie — none when nosurf already minted one for this response (one CSRF cookie per response).
 * @example
 * logoutCookies(ctx, route, true) // ['ory_kratos_session=; Path=/; …', 'csrf_token_…=…']
 */
export function logoutCookies(ctx: KratosCtx, route: Route, clearedSession: boolean): string[] {
  return [...(clearedSession ? [sessionClearCookie(ctx.config)] : []), ...regenerateCsrfCookie(ctx, route)]
}

/** `Clear-Site-Data` applies only when configured and the request is https (X-Forwarded-Proto respected). */
export function clearsSiteData(ctx: KratosCtx): boolean {
  const proto = ctx.request.headers.get('x-forwarded-proto') ?? ctx.url.protocol.replace(':', '')
  return ctx.config.clearBrowserData && proto.toLowerCase() === 'https'
}
