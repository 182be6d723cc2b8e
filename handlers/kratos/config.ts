/**
 * Kratos options (docs/providers/kratos.md#options) and their defaults, which are Kratos's own unless noted. Every absolute URL
 * the provider emits derives from the resolved `baseUrl` (Kratos's `serve.public.base_url`, prefix included).
 */
import type { OptionDoc } from '../platform/types.ts'

export type SameSite = 'Lax' | 'Strict' | 'None'

export interface KratosConfig {
  /** `serve.public.base_url`, mount prefix included, no trailing slash. In-process default `http://127.0.0.1:4433`. */
  baseUrl: string
  /** Standalone mount prefix under the server origin: `""`, `/auth` (the seed, default), `/.ory`, `/api/.ory`. */
  mountPrefix: string
  /** `session.cookie.name`. */
  sessionCookieName: string
  /** `session.cookie.secure` / `cookies.secure` (false = Kratos `--dev`): the `Secure` attribute. */
  cookieSecure: boolean
  /** `session.cookie.same_site` / `cookies.same_site`; the CSRF cookie is forced to Lax when not secure. */
  sameSite: SameSite
  /** `cookies.domain`: a `Domain` attribute on the session and CSRF cookies (null: none). */
  cookieDomain: string | null
  /** `cookies.path`. */
  cookiePath: string
  /** `session.lifespan` in seconds (Kratos 24h). */
  sessionLifespanSeconds: number
  /** `selfservice.flows.login.lifespan` in seconds (Kratos 1h). */
  loginFlowLifespanSeconds: number
  /** `selfservice.default_browser_return_url`; null: `<origin of baseUrl>/` (Kratos requires one; the mock derives it). */
  defaultBrowserReturnUrl: string | null
  /** `selfservice.flows.logout.after.default_browser_return_url`; null: falls back to defaultBrowserReturnUrl. */
  logoutDefaultReturnUrl: string | null
  /** `selfservice.allowed_return_urls`; `<baseUrl>/self-service` is always allowed on top. */
  allowedReturnUrls: string[]
  /** `selfservice.flows.error.ui_url`. */
  errorUiUrl: string
  /** `selfservice.flows.login.ui_url`. */
  loginUiUrl: string
  /** `selfservice.flows.logout.clear_browser_data`: `Clear-Site-Data` on https logouts. */
  clearBrowserData: boolean
}

/** Kratos's self-hosted public port, the in-process base URL. */
const KRATOS_DEFAULT_BASE_URL = 'http://127.0.0.1:4433'

export const kratosDefaults: KratosConfig = {
  baseUrl: KRATOS_DEFAULT_BASE_URL,
  mountPrefix: '/auth',
  sessionCookieName: 'ory_kratos_session',
  cookieSecure: true,
  sameSite: 'Lax',
  cookieDomain: null,
  cookiePath: '/',
  sessionLifespanSeconds: 86_400,
  loginFlowLifespanSeconds: 3_600,
  defaultBrowserReturnUrl: null,
  logoutDefaultReturnUrl: null,
  allowedReturnUrls: [],
  errorUiUrl: 'https://www.ory.com/kratos/docs/fallback/error',
  loginUiUrl: 'https://www.ory.com/kratos/docs/fallback/login',
  clearBrowserData: false,
}

const MOUNT_PREFIXES = ['', '/auth', '/.ory', '/api/.ory'] as const

/**
 * The standalone base URL: the server's origin plus the mount prefix.
 * @example
 * mountKratos('http://127.0.0.1:9090', kratosDefaults) // 'http://127.0.0.1:9090/auth'
 */
export function mountKratos(origin: string, config: KratosConfig): string {
  if (!(MOUNT_PREFIXES as readonly string[]).includes(config.mountPrefix)) {
    throw new TypeError(`kratos: mountPrefix must be one of ${MOUNT_PREFIXES.map((p) => JSON.stringify(p)).join(', ')}, got ${JSON.stringify(config.mountPrefix)}`)
  }
  return origin.replace(/\/+$/, '') + config.mountPrefix
}

export const kratosOptions: readonly OptionDoc[] = [
  { name: 'baseUrl', description: 'serve.public.base_url with the prefix (in-process default http://127.0.0.1:4433; standalone: origin + mountPrefix).' },
  { name: 'mountPrefix', description: 'Standalone mount prefix (default /auth, as in the seed).', values: [...MOUNT_PREFIXES] },
  { name: 'sessionCookieName', description: 'Session cookie name (default ory_kratos_session; Ory Network uses ory_session_<slug>).' },
  { name: 'cookieSecure', description: 'Secure attribute on the session and CSRF cookies (default true; false = kratos --dev).' },
  { name: 'sameSite', description: 'SameSite of the session cookie (default Lax); the CSRF cookie is Lax when not secure.', values: ['Lax', 'Strict', 'None'] },
  { name: 'cookieDomain', description: 'Domain attribute of the session and CSRF cookies (default none).' },
  { name: 'cookiePath', description: 'Path attribute of the session and CSRF cookies (default /).' },
  { name: 'sessionLifespanSeconds', description: 'session.lifespan (default 86400).' },
  { name: 'loginFlowLifespanSeconds', description: 'Login flow lifespan (default 3600); past it, submitting gives 410 self_service_flow_expired.' },
  { name: 'defaultBrowserReturnUrl', description: 'selfservice.default_browser_return_url (default <origin of baseUrl>/).' },
  { name: 'logoutDefaultReturnUrl', description: 'selfservice.flows.logout.after.default_browser_return_url (default: defaultBrowserReturnUrl).' },
  { name: 'allowedReturnUrls', description: 'selfservice.allowed_return_urls; <baseUrl>/self-service is always allowed too.' },
  { name: 'errorUiUrl', description: 'Error UI that browser-mode errors redirect to with ?id= (default https://www.ory.com/kratos/docs/fallback/error).' },
  { name: 'loginUiUrl', description: 'Login UI that browser login flows redirect to with ?flow= (default https://www.ory.com/kratos/docs/fallback/login).' },
  { name: 'clearBrowserData', description: 'Send Clear-Site-Data: "cookies", "storage", "cache" on logouts over https (default false).' },
]
