/**
 * The instance's cookie jar: what a browser's cookie store would do with the mocks' cookies.
 *
 * Behind `setupWorker` the browser never sees a mocked `Set-Cookie` (a forbidden response header) and attaches no
 * cookie to a request the worker answers, so cookie logins could not work in a page. The jar stands in for the
 * browser's store: it keeps every `Set-Cookie` the mocks send and puts the matching cookies into the `Cookie` header
 * the provider reads, by the request's credentials mode — `omit` none; `same-origin` only when the page's origin is
 * the request's; `include` also cross-origin — with SameSite applied between the page's site and the request's.
 * Storage and matching (Domain, Path, Secure, HttpOnly, SameSite, `__Secure-`/`__Host-` prefixes) are tough-cookie's
 * RFC 6265bis rules; expiry runs on the platform clock (Max-Age becomes an expiry time when stored), so advancing the
 * clock expires cookies as it expires sessions. Two Chromium rules tough-cookie does not apply are added: a cookie
 * without SameSite counts as `Lax`, and `SameSite=None` without `Secure` is refused.
 *
 * msw 3 keeps a cookie store of its own in the browser; the jar is built beside it, not on it: msw's is one per page
 * (not per instance), survives reloads in `localStorage` (so `reset()` could not clear it), expires on the real
 * clock, applies no SameSite rule, hands its cookies only to the resolver's `cookies` argument (the providers read the
 * `Cookie` header, as a server does), is only fed by `HttpResponse`, and does not exist in Node, where `cookies: 'jar'`
 * must work too.
 *
 * The page's origin is `location.origin` in a browser; in Node it is the request's `Origin` header, else the request's
 * own origin (a Node client is its own first party).
 */
import { Cookie, CookieJar, MemoryCookieStore, domainMatch, getPublicSuffix } from 'tough-cookie'
import type { Clock } from '../state/clock.ts'
import type { MockResponse } from './response.ts'
import type { PipelineHooks } from '../pipeline/operation-pipeline.ts'
import type { IncomingRequest } from './buffered-request.ts'

/** `jar`: the instance keeps and sends cookies as a browser would; `off`: requests carry only their own headers. */
export type CookieMode = 'jar' | 'off'

/** One stored cookie, as `mocks.cookies.list()` and `/__mock/state` show it. */
export interface CookieView {
  readonly name: string
  readonly value: string
  readonly domain: string
  readonly path: string
  /** ISO time on the platform clock; null for a session cookie (lives until `reset()`). */
  readonly expires: string | null
  readonly hostOnly: boolean
  readonly secure: boolean
  readonly httpOnly: boolean
  readonly sameSite: 'strict' | 'lax' | 'none'
}

export interface InstanceCookieJar {
  readonly mode: CookieMode
  /** Puts the cookies the browser would send into the request's `Cookie` header (the request is updated in place). */
  attach(request: IncomingRequest): void
  /** Stores the response's `Set-Cookie` values as the browser would for that request. */
  store(request: IncomingRequest, response: MockResponse): void
  /** The live cookies (expired ones on the platform clock are gone). */
  list(): CookieView[]
  /** Forgets every cookie (and their `document.cookie` copies). */
  clear(): void
}

/**
 * The mode when none is configured: `jar` in a browser page (nothing else keeps the mocks' cookies there), `off`
 * elsewhere (Node clients bring their own jar).
 * @example
 * createCookieJar({ mode: defaultCookieMode(), clock })
 */
export function defaultCookieMode(): CookieMode {
  return typeof document !== 'undefined' ? 'jar' : 'off'
}

/** The headers a request had before the jar touched it (a request can reach several handlers). */
const ownHeaders = new WeakMap<IncomingRequest, Headers>()

function pageOriginOf(request: IncomingRequest, url: URL): string {
  if (typeof location !== 'undefined' && typeof location.origin === 'string' && location.origin !== 'null') return location.origin
  return request.headers.get('origin') ?? url.origin
}

function credentialsIncluded(request: IncomingRequest, pageOrigin: string, url: URL): boolean {
  if (request.credentials === 'omit') return false
  if (request.credentials === 'include') return true
  return pageOrigin === url.origin
}

/** Schemeful site: scheme + registrable domain (the host itself for IPs and single labels). */
function siteOf(origin: URL): string {
  const host = origin.hostname.replace(/^\[|\]$/g, '')
  return `${origin.protocol}//${getPublicSuffix(host, { allowSpecialUseDomain: true, ignoreError: true }) ?? host}`
}

/**
 * Creates the cookie jar of one instance (`mode` omitted: `defaultCookieMode()`; anything else but the two modes throws).
 * @example
 * const jar = createCookieJar({ mode: 'jar', clock })
 * jar.store(loginRequest, loginResponse)
 * jar.attach(nextRequest) // nextRequest.headers.get('cookie') → 'sid=…'
 */
export function createCookieJar(options: { mode?: CookieMode; clock: Clock }): InstanceCookieJar {
  const { mode = defaultCookieMode(), clock } = options
  if (mode !== 'jar' && mode !== 'off') throw new TypeError(`cookies must be 'jar' or 'off', got ${JSON.stringify(mode)}`)
  const memory = new MemoryCookieStore()
  const jar = new CookieJar(memory, { rejectPublicSuffixes: true, allowSpecialUseDomain: true, allowSecureOnLocal: true, prefixSecurity: 'strict' })
  const hinted = new Set<string>()

  const expired = (c: Cookie) => {
    const t = c.expiryTime()
    return t !== undefined && t <= clock.now()
  }
  const remove = (c: Cookie) => void memory.removeCookie(c.domain ?? '', c.path ?? '/', c.key, () => {})
  const sameSiteContext = (pageOrigin: string, url: URL) => (siteOf(new URL(pageOrigin)) === siteOf(url) ? 'strict' : 'none')

  /** One console line per origin, naming the fix: the browser refuses these silently (DevTools shows an issue). */
  const hintOnce = (url: URL, message: string) => {
    if (hinted.has(url.origin)) return
    hinted.add(url.origin)
    console.warn(`[logout-mocks] ${message}`)
  }
  const credentialsHint = (url: URL, request: IncomingRequest, what: string) =>
    hintOnce(
      url,
      `${what} for ${url.origin}: this cross-origin request has credentials: '${request.credentials ?? 'same-origin'}'. ` +
        `A browser sends and stores another origin's cookies only with fetch(url, { credentials: 'include' }) ` +
        `(axios: withCredentials: true); or mount the mocks on the page's origin, where cookies need no option: ` +
        `createLogoutMocks({ origin: location.origin }) (or a provider's baseUrl), or your dev server's proxy.`,
    )
  const sameSiteHint = (url: URL, pageOrigin: string, cookie: Cookie) =>
    hintOnce(
      url,
      `the SameSite=${cookie.sameSite} cookie "${cookie.key}" of ${url.origin} was refused: the page (${pageOrigin}) is on another site, ` +
        `and a cross-site response may set only SameSite=None; Secure cookies. Mount the mocks on the page's origin ` +
        `(createLogoutMocks({ origin: location.origin })) or serve the API same-origin through your dev server's proxy.`,
    )

  const all = (): Cookie[] => {
    let out: Cookie[] = []
    void memory.getAllCookies((_err, cookies) => (out = cookies ?? []))
    return out
  }

  /** Copies a script-visible cookie to `document.cookie` when the page's host would receive it. */
  const mirror = (cookie: Cookie, gone = false) => {
    if (typeof document === 'undefined' || typeof location === 'undefined' || cookie.httpOnly) return
    const pageHost = location.hostname
    const domain = cookie.domain ?? ''
    if (!(cookie.hostOnly ? domain === pageHost : domainMatch(pageHost, domain, false))) return
    const copy = cookie.clone()
    if (!copy) return
    const t = cookie.expiryTime()
    copy.expires = 'Infinity'
    // The browser counts Max-Age on its own clock: pass the time left on the platform clock.
    copy.maxAge = gone ? 0 : t === undefined ? null : Math.max(0, Math.ceil((t - clock.now()) / 1000))
    document.cookie = copy.toString()
  }

  /** The live cookies the browser would send to `url` in that SameSite context. */
  const matching = (url: URL, context: 'strict' | 'none') =>
    jar.getCookiesSync(url.href, { http: true, sameSiteContext: context, expire: false, sort: true }).filter((c) => {
      if (!expired(c)) return true
      remove(c)
      return false
    })

  return {
    mode,
    attach(request) {
      if (mode === 'off') return
      const url = new URL(request.url)
      const original = ownHeaders.get(request)
      if (original) Object.defineProperty(request, 'headers', { value: original, configurable: true })
      const pageOrigin = pageOriginOf(request, url)
      if (!credentialsIncluded(request, pageOrigin, url)) {
        if (pageOrigin !== url.origin && matching(url, 'strict').length > 0) credentialsHint(url, request, 'cookies in the jar were not sent')
        return
      }
      const cookies = matching(url, sameSiteContext(pageOrigin, url))
      if (cookies.length === 0) return
      // The request's own Cookie header first; a copy of an attached request (forcing's stripped URL) has ours already.
      const own = request.headers.get('cookie')
      const present = new Set(own?.split(';').map((p) => p.trim()))
      const added = cookies.map((c) => c.cookieString()).filter((pair) => !present.has(pair))
      if (added.length === 0) return
      const headers = new Headers(request.headers)
      headers.set('cookie', [own, ...added].filter(Boolean).join('; '))
      ownHeaders.set(request, original ?? request.headers)
      // A Request's own headers refuse `Cookie` in a browser (a forbidden header); a plain Headers object takes it.
      Object.defineProperty(request, 'headers', { value: headers, configurable: true })
    },
    store(request, response) {
      if (mode === 'off') return
      const values = response.headers.getSetCookie()
      if (values.length === 0) return
      const url = new URL(request.url)
      const pageOrigin = pageOriginOf(request, url)
      if (!credentialsIncluded(request, pageOrigin, url)) {
        if (pageOrigin !== url.origin) credentialsHint(url, request, 'the response’s Set-Cookie was ignored')
        return
      }
      const context = sameSiteContext(pageOrigin, url)
      for (const value of values) {
        const cookie = Cookie.parse(value)
        if (!cookie) continue
        if (typeof cookie.maxAge === 'number') {
          cookie.expires = new Date(cookie.maxAge > 0 ? clock.now() + cookie.maxAge * 1000 : 0)
          cookie.maxAge = null
        }
        cookie.sameSite ??= 'lax'
        if (cookie.sameSite === 'none' && !cookie.secure) continue
        try {
          jar.setCookieSync(cookie, url.href, { http: true, sameSiteContext: context, now: new Date(clock.now()) })
        } catch {
          // Refused as a browser refuses it: wrong domain, public suffix, prefix rules, Secure over http, SameSite.
          if (context === 'none' && cookie.sameSite !== 'none') sameSiteHint(url, pageOrigin, cookie)
          continue
        }
        if (expired(cookie)) remove(cookie)
        mirror(cookie)
      }
    },
    list() {
      return all()
        .filter((c) => !expired(c))
        .map((c) => {
          const t = c.expiryTime()
          return {
            name: c.key,
            value: c.value,
            domain: c.domain ?? '',
            path: c.path ?? '/',
            expires: t === undefined || t === Infinity ? null : new Date(t).toISOString(),
            hostOnly: c.hostOnly ?? false,
            secure: c.secure,
            httpOnly: c.httpOnly,
            sameSite: (c.sameSite as CookieView['sameSite'] | undefined) ?? 'lax',
          }
        })
    },
    clear() {
      for (const c of all()) mirror(c, true)
      void memory.removeAllCookies(() => {})
      hinted.clear()
    },
  }
}

/**
 * The jar as pipeline hooks: cookies attached before the provider reads the request (after forcing's twins are
 * stripped), and the response's `Set-Cookie` stored unless a fault stands for a response the browser never got.
 * Nothing is hooked when the jar is off, so Node suites that bring their own cookie handling pay nothing.
 * @example
 * const rt = { ...runtime, hooks: cookieJarHooks(createCookieJar({ mode: 'jar', clock })) }
 */
export function cookieJarHooks(jar: InstanceCookieJar): PipelineHooks | undefined {
  if (jar.mode === 'off') return undefined
  return {
    beforeRequest(request) {
      jar.attach(request)
      return request
    },
    afterResponse(request, answer) {
      if (answer.fault === undefined) jar.store(request, answer.response)
    },
  }
}
