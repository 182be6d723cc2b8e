/**
 * Contract §0.8 and §9 option by option, through fetch (in-process): the default return URLs in the 303s, the
 * allow-list's scheme, port and path checks, Clear-Site-Data, and the cookie attributes. Each describe runs its own
 * instance with the options it is about.
 */
import { describe, expect, it } from 'vitest'
import { alice } from '../../fixtures/users.ts'
import { useInProcessMocks } from '../support/in-process.ts'
import { browserLogin, E, jsonOf, setCookieFor } from './support.ts'

const BASE = 'http://127.0.0.1:4433'
const JSON_CLIENT = { Accept: 'application/json' }

/** createBrowserLogoutFlow with a return_to, as a JSON client with this Cookie header. */
const createFlow = (cookie: string, returnTo: string) =>
  fetch(`${BASE}/self-service/logout/browser?return_to=${encodeURIComponent(returnTo)}`, { headers: { ...JSON_CLIENT, Cookie: cookie } })

/** Logs in, fetches a logout URL and follows it as a browser (no redirect following). */
async function browserLogout(headers: Record<string, string> = {}, query = '') {
  const { cookie } = await browserLogin(BASE, alice)
  const flow = await jsonOf<{ logout_token: string }>(await fetch(`${BASE}/self-service/logout/browser`, { headers: { ...JSON_CLIENT, Cookie: cookie } }), 'logoutFlow')
  return fetch(`${BASE}/self-service/logout?token=${flow.logout_token}${query}`, { headers: { ...headers, Cookie: cookie }, redirect: 'manual' })
}

describe('logoutDefaultReturnUrl and defaultBrowserReturnUrl (§0.8, §2 row d)', () => {
  useInProcessMocks({
    only: ['kratos'],
    providers: {
      kratos: {
        baseUrl: BASE,
        logoutDefaultReturnUrl: 'https://app.example.com/bye',
        defaultBrowserReturnUrl: 'https://www.example.com/home',
        allowedReturnUrls: ['https://app.example.com/'],
      },
    },
  })

  it('createBrowserLogoutFlow completes a relative return_to from the logout default, not the global one', async () => {
    const { cookie } = await browserLogin(BASE, alice)
    const response = await createFlow(cookie, '/after')
    expect(response.status).toBe(200)
    const flow = await jsonOf<{ logout_url: string; logout_token: string }>(response, 'logoutFlow')
    expect(flow.logout_url).toBe(`${BASE}/self-service/logout?return_to=https%3A%2F%2Fapp.example.com%2Fafter&token=${flow.logout_token}`)
  })

  it('a browser logout without return_to is a 303 to logoutDefaultReturnUrl', async () => {
    const response = await browserLogout()
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('https://app.example.com/bye')
  })

  it('a browser already logged in is sent to defaultBrowserReturnUrl by the login flow', async () => {
    const { cookie } = await browserLogin(BASE, alice)
    const response = await fetch(`${BASE}/self-service/login/browser`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('https://www.example.com/home')
  })
})

describe('defaultBrowserReturnUrl alone (§0.8: the logout default falls back to it)', () => {
  useInProcessMocks({ only: ['kratos'], providers: { kratos: { baseUrl: BASE, defaultBrowserReturnUrl: 'https://www.example.com/home' } } })

  it('a browser logout without return_to is a 303 to defaultBrowserReturnUrl', async () => {
    const response = await browserLogout()
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('https://www.example.com/home')
  })
})

describe('allow-list matching (§0.8): scheme, host with port, path prefix', () => {
  useInProcessMocks({ only: ['kratos'], providers: { kratos: { baseUrl: BASE, allowedReturnUrls: ['https://app.example.com/app', 'https://*.shop.example.com/'] } } })

  it('rejects another scheme, another port and a path outside the prefix with E4; accepts the prefix and the wildcard', async () => {
    const { cookie } = await browserLogin(BASE, alice)
    for (const rejected of ['http://app.example.com/app/x', 'https://app.example.com:8443/app/x', 'https://app.example.com/other', 'https://shop.example.com/']) {
      const response = await createFlow(cookie, rejected)
      expect(response.status, rejected).toBe(400)
      expect(await response.text()).toBe(E.E4(rejected))
    }
    for (const accepted of ['https://app.example.com/app/x', 'https://APP.example.com/app', 'https://eu.shop.example.com/cart']) {
      const response = await createFlow(cookie, accepted)
      expect(response.status, accepted).toBe(200)
      expect((await jsonOf<{ logout_url: string }>(response, 'logoutFlow')).logout_url).toContain(`return_to=${encodeURIComponent(accepted)}&`)
    }
  })
})

describe('clearBrowserData (§2): Clear-Site-Data only over https', () => {
  useInProcessMocks({ only: ['kratos'], providers: { kratos: { baseUrl: BASE, clearBrowserData: true } } })

  it('absent on an http logout, present when X-Forwarded-Proto says https', async () => {
    const plain = await browserLogout()
    expect(plain.status).toBe(303)
    expect(plain.headers.has('clear-site-data')).toBe(false)
    const forwarded = await browserLogout({ 'X-Forwarded-Proto': 'https' })
    expect(forwarded.status).toBe(303)
    expect(forwarded.headers.get('clear-site-data')).toBe('"cookies", "storage", "cache"')
  })
})

describe('cookieSecure=false, sameSite and cookiePath (§0.5, §0.7)', () => {
  useInProcessMocks({ only: ['kratos'], providers: { kratos: { baseUrl: BASE, cookieSecure: false, sameSite: 'Strict', cookiePath: '/app' } } })

  it('the session cookie follows the options; the CSRF cookie is Lax when not secure; logout clears with the same attributes', async () => {
    const init = await fetch(`${BASE}/self-service/login/browser`, { headers: JSON_CLIENT })
    expect(init.headers.getSetCookie()[0]).toMatch(/^csrf_token_[0-9a-f]{64}=[A-Za-z0-9+/]{43}=; Path=\/app; Max-Age=31536000; HttpOnly; SameSite=Lax$/)
    const login = await browserLogin(BASE, alice)
    expect(login.sessionCookieLine).toMatch(/^ory_kratos_session=MTc[A-Za-z0-9_-]+; Path=\/app; Expires=[^;]+ GMT; Max-Age=86400; HttpOnly; SameSite=Strict$/)
    const done = await browserLogout({ Accept: 'application/json' })
    expect(done.status).toBe(204)
    expect(setCookieFor(done, 'ory_kratos_session')).toBe('ory_kratos_session=; Path=/app; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; HttpOnly; SameSite=Strict')
  })
})

describe('sameSite=None with Secure (§0.5)', () => {
  useInProcessMocks({ only: ['kratos'], providers: { kratos: { baseUrl: BASE, sameSite: 'None' } } })

  it('both cookies carry Secure and SameSite=None', async () => {
    const login = await browserLogin(BASE, alice)
    expect(login.sessionCookieLine).toMatch(/; HttpOnly; Secure; SameSite=None$/)
    expect(login.csrfCookieLine).toMatch(/; Max-Age=31536000; HttpOnly; Secure; SameSite=None$/)
  })
})
