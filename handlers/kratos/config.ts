/**
 * Kratos options (docs/providers/kratos.md#options): one declaration (see handlers/platform/options/options.ts, from which the config type, the defaults, the
 * docs and the JSON Schema derive). The defaults are Kratos's own unless noted. Every absolute URL the provider emits
 * derives from the resolved `baseUrl` (Kratos's `serve.public.base_url`, prefix included).
 */
import { Type } from 'typebox'
import { defineOptions, HTTP_TOKEN_PATTERN, option, type ConfigOf } from '../platform/options/options.ts'

const url = () => Type.String({ format: 'uri' })

export const kratosOptions = defineOptions({
  baseUrl: option(
    url(),
    // Kratos's self-hosted public port.
    'http://127.0.0.1:4433',
    'serve.public.base_url with the mount prefix, no trailing slash (in-process default: Kratos\'s public port; standalone: origin + mountPrefix).',
  ),
  mountPrefix: option(Type.Enum(['', '/auth', '/.ory', '/api/.ory']), '/auth', 'Standalone mount prefix under the server origin (default /auth, as in the seed).'),
  sessionCookieName: option(
    Type.String({ pattern: HTTP_TOKEN_PATTERN }),
    'ory_kratos_session',
    'session.cookie.name (Ory Network uses ory_session_<slug>).',
  ),
  cookieSecure: option(Type.Boolean(), true, 'Secure attribute on the session and CSRF cookies (false = kratos --dev).'),
  sameSite: option(Type.Enum(['Lax', 'Strict', 'None']), 'Lax', 'session.cookie.same_site of the session cookie; the CSRF cookie is Lax when not secure.'),
  cookieDomain: option(
    Type.Union([Type.String({ pattern: '^\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*$' }), Type.Null()]),
    null,
    'cookies.domain: Domain attribute of the session and CSRF cookies (null: none).',
  ),
  cookiePath: option(Type.String({ pattern: '^/[^;\\s]*$' }), '/', 'cookies.path: Path attribute of the session and CSRF cookies.'),
  sessionLifespanSeconds: option(Type.Integer({ minimum: 1 }), 86_400, 'session.lifespan in seconds (Kratos: 24h).'),
  loginFlowLifespanSeconds: option(
    Type.Integer({ minimum: 1 }),
    3_600,
    'selfservice.flows.login.lifespan in seconds (Kratos: 1h); past it, submitting gives 410 self_service_flow_expired.',
  ),
  defaultBrowserReturnUrl: option(
    Type.Union([url(), Type.Null()]),
    null,
    'selfservice.default_browser_return_url (null: <origin of baseUrl>/; Kratos requires one, the mock derives it).',
  ),
  logoutDefaultReturnUrl: option(
    Type.Union([url(), Type.Null()]),
    null,
    'selfservice.flows.logout.after.default_browser_return_url (null: defaultBrowserReturnUrl).',
  ),
  allowedReturnUrls: option(
    Type.Array(Type.String({ minLength: 1 })),
    [],
    'selfservice.allowed_return_urls (a host may start with "*." under a registrable domain; unsafe wildcards such as "*.com" are dropped, as Kratos drops them); <baseUrl>/self-service is always allowed too.',
  ),
  errorUiUrl: option(url(), 'https://www.ory.com/kratos/docs/fallback/error', 'selfservice.flows.error.ui_url: browser-mode errors redirect there with ?id=.'),
  loginUiUrl: option(url(), 'https://www.ory.com/kratos/docs/fallback/login', 'selfservice.flows.login.ui_url: browser login flows redirect there with ?flow=.'),
  clearBrowserData: option(
    Type.Boolean(),
    false,
    'selfservice.flows.logout.clear_browser_data: send Clear-Site-Data: "cookies", "storage", "cache" on logouts over https.',
  ),
})

/** The resolved configuration (a named interface, so errors and hovers read `KratosConfig`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface KratosConfig extends ConfigOf<typeof kratosOptions> {}

export type SameSite = KratosConfig['sameSite']


/**
 * The standalone base URL: the server's origin plus the mount prefix (validated by the schema).
 * @example
 * mountKratos('http://127.0.0.1:9090', kratosOptions.defaults) // 'http://127.0.0.1:9090/auth'
 */
export function mountKratos(origin: string, config: KratosConfig): string {
  return origin.replace(/(?<!\/)\/+$/, '') + config.mountPrefix
}
