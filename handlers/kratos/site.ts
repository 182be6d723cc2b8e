/**
 * What an instance derives once from its configuration rather than on every request: nosurf's CSRF cookie name (a
 * SHA-256 of the public base URL), the default return URLs, and the logout routes' return_to rules with the default
 * URL and the allow-list already parsed.
 */
import type { KratosConfig } from './config.ts'
import { csrfCookieName } from './x/cookies.ts'
import { redirectRules, type RedirectRules } from './x/return-to.ts'

export interface KratosSite {
  /** `csrf_token_<sha256 hex of the base URL>`. */
  readonly csrfCookieName: string
  /** `selfservice.default_browser_return_url`, else `<origin of baseUrl>/` (login and "already logged in"). */
  readonly browserReturnUrl: string
  /** The logout-specific return URL, else browserReturnUrl (`SelfServiceFlowLogoutRedirectURL`). */
  readonly logoutReturnUrl: string
  /** SecureRedirectTo's rules for both logout routes: relative return_to values complete from logoutReturnUrl. */
  readonly logoutRedirect: RedirectRules
  /** The login flow's return_to rules (selfservice.default_browser_return_url and the allow-list). */
  readonly loginRedirect: RedirectRules
}

/**
 * @example
 * deriveSite(kratosOptions.defaults).csrfCookieName // 'csrf_token_806060ca5bf70dff3caa0e5c860002aade9d470a5a4dce73bcfa7ba10778f481'
 */
export function deriveSite(config: KratosConfig): KratosSite {
  const browserReturnUrl = config.defaultBrowserReturnUrl ?? `${new URL(config.baseUrl).origin}/`
  const logoutReturnUrl = config.logoutDefaultReturnUrl ?? browserReturnUrl
  return {
    csrfCookieName: csrfCookieName(config.baseUrl),
    browserReturnUrl,
    logoutReturnUrl,
    logoutRedirect: redirectRules(logoutReturnUrl, [...config.allowedReturnUrls, `${config.baseUrl}/self-service`]),
    loginRedirect: redirectRules(browserReturnUrl, [...config.allowedReturnUrls, `${config.baseUrl}/self-service`]),
  }
}
