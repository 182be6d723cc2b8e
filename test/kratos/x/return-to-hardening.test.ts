/**
 * Issue 20, item 3: Kratos's return_to against the standalone server, where the audit found it open. Go's `url.Parse`
 * rejects a `\` (or any non-RFC 3986 character) in the userinfo, so `http://evil.example\@<allowed>/…` is the 400
 * "invalid userinfo" of real Kratos (the user is logged out all the same, as for every row f), never a 303 that a
 * browser (WHATWG: `\` is `/`) would follow to evil.example. A non-ASCII return_to is hex-escaped in the Location as
 * Go's `http.Redirect` does, never a 500 after the revoke. And a second line: whatever Go accepts, a browser must read
 * the Location as the allow-listed host.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startStandalone } from '../../support/standalone.ts'
import type { RunningServer } from '../../../server.ts'
import { alice } from '../../../fixtures/users.ts'
import { browserLogin, E } from '../support.ts'
import { redirectRules, secureRedirectTo } from '../../../handlers/kratos/x/return-to.ts'

let server: RunningServer
let base: string
beforeAll(async () => {
  server = await startStandalone()
  base = `${server.origin}/auth`
})
beforeEach(() => server.mocks.reset())
afterAll(() => server.close())

async function logoutWith(returnTo: string, headers: Record<string, string>) {
  const { cookie, sessionCookie } = await browserLogin(base, alice)
  const flow = (await (await fetch(`${base}/self-service/logout/browser`, { headers: { Accept: 'application/json', Cookie: cookie } })).json()) as { logout_token: string }
  const url = new URL(`${base}/self-service/logout`)
  url.searchParams.set('token', flow.logout_token)
  url.searchParams.set('return_to', returnTo)
  const response = await fetch(url, { headers: { ...headers, Cookie: cookie }, redirect: 'manual' })
  const whoami = await fetch(`${base}/sessions/whoami`, { headers: { Cookie: sessionCookie } })
  return { response, loggedOut: whoami.status === 401 }
}

describe('return_to with userinfo a browser reads differently', () => {
  it('JSON client: `\\` in the userinfo is 400 "net/url: invalid userinfo", and the user is logged out as for every row f', async () => {
    const returnTo = `http://evil.example\\@${new URL(server.origin).host}/auth/self-service`
    const { response, loggedOut } = await logoutWith(returnTo, { Accept: 'application/json' })
    expect(response.status).toBe(400)
    expect(await response.text()).toBe(E.badRequest(`Unable to parse the return_to query parameter as an URL: parse "${returnTo.replace(/\\/g, '\\\\')}": net/url: invalid userinfo`))
    expect(loggedOut).toBe(true)
  })

  it('browser: the 303 goes to the error UI, never to evil.example', async () => {
    for (const userinfo of ['evil.example\\', 'evil.example\\x', 'ü']) {
      const { response } = await logoutWith(`http://${userinfo}@${new URL(server.origin).host}/auth/self-service`, {})
      expect(response.status).toBe(303)
      const landing = new URL(response.headers.get('location')!, base)
      expect(landing.host).toBe('www.ory.com')
    }
  })

  it('a non-ASCII return_to on the allowed host: 303 with the Location hex-escaped (Go http.Redirect), session revoked', async () => {
    const allowed = `${base}/self-service/é?q=€#ü`
    const { response, loggedOut } = await logoutWith(allowed, {})
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`${base}/self-service/%C3%A9?q=%e2%82%ac#%c3%bc`)
    expect(loggedOut).toBe(true)
  })

  it('createBrowserLogoutFlow refuses the same return_to before minting a URL that carries it', async () => {
    const { cookie } = await browserLogin(base, alice)
    const returnTo = `http://evil.example\\@${new URL(server.origin).host}/auth/self-service`
    const response = await fetch(`${base}/self-service/logout/browser?return_to=${encodeURIComponent(returnTo)}`, { headers: { Accept: 'application/json', Cookie: cookie } })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('net/url: invalid userinfo')
  })
})

describe('secureRedirectTo, the Go port and the browser check', () => {
  const rules = redirectRules('https://app.example.com/', ['https://app.example.com/', 'https://*.example.com/'])

  it.each([
    ['\\ in the userinfo', 'https://evil.example\\@app.example.com/', 'net/url: invalid userinfo'],
    ['a space in the userinfo', 'https://a b@app.example.com/', 'net/url: invalid userinfo'],
    ['\\ in the host', 'https://app.example.com\\.evil/', 'invalid character "\\\\" in host name'],
    ['an ASCII %-escape in the host', 'https://app.ex%61mple.com/', 'invalid URL escape "%61"'],
    ['an IPv6 literal left open', 'https://[::1/', "missing ']' in host"],
    ['a port that is not digits', 'https://app.example.com:x/', 'invalid port ":x" after host'],
  ])('Go rejects %s', (_what, returnTo, reason) => {
    const verdict = secureRedirectTo(returnTo, rules)
    expect(verdict.ok).toBe(false)
    expect(!verdict.ok && verdict.behaviour).toBe('returnToUnparseable')
    expect(!verdict.ok && verdict.error.reason).toContain(reason)
  })

  it('Go accepts userinfo of allowed characters and %-escaped non-ASCII hosts, and prints them as Go does', () => {
    expect(secureRedirectTo('https://user:p%40ss@app.example.com/x', rules)).toEqual({ ok: true, url: 'https://user:p%40ss@app.example.com/x' })
    expect(secureRedirectTo('https://app.example.com:443/x', redirectRules('https://app.example.com/', ['https://app.example.com:443/']))).toEqual({ ok: true, url: 'https://app.example.com:443/x' })
  })

  it('a host Go allows but a browser cannot read as the allowed one is forbidden (the second line)', () => {
    // U+FF0F (fullwidth solidus) is a byte ≥ 0x80 to Go, so the host ends in ".example.com"; WHATWG maps it to "/".
    const verdict = secureRedirectTo('https://evil.com%EF%BC%8F.example.com/', rules)
    expect(verdict.ok).toBe(false)
    expect(!verdict.ok && verdict.behaviour).toBe('returnToForbidden')
  })
})
