/**
 * The official SDKs against the mock, unchanged: `@ory/client-fetch` (native and browser flows, both Accept modes)
 * and the axios `@ory/client` (logout paths). Shared by the in-process and standalone test files.
 */
import { describe, expect, it } from 'vitest'
import { Configuration, FrontendApi, ResponseError } from '@ory/client-fetch'
import { Configuration as AxiosConfiguration, FrontendApi as AxiosFrontendApi } from '@ory/client'
import { isAxiosError } from 'axios'
import { alice, bob } from '../../fixtures/users.ts'
import { E, expectSchema, pair } from './support.ts'

/** The SDK's error body, read the documented way (`e.response.json()`), checked against Ory's schema. */
async function sdkError(promise: Promise<unknown>, schema = 'errorGeneric'): Promise<{ status: number; text: string; response: Response }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ResponseError)
  const response = (error as ResponseError).response
  const text = await response.text()
  if (response.headers.get('content-type')?.startsWith('application/json')) expectSchema(schema, JSON.parse(text))
  return { status: response.status, text, response }
}

/** The raw JSON of an SDK call (the SDK's own objects hold Dates), validated against Ory's schema, and the parsed value. */
async function checked<T>(call: Promise<{ raw: Response; value(): Promise<T> }>, schema: string): Promise<{ value: T; raw: Response }> {
  const response = await call
  expectSchema(schema, await response.raw.clone().json())
  return { value: await response.value(), raw: response.raw }
}

/** Logs in through the SDK's browser flow; returns the Cookie header a server-side caller forwards. */
async function sdkBrowserLogin(api: FrontendApi, user: typeof alice) {
  const init = await checked(api.createBrowserLoginFlowRaw({}), 'loginFlow')
  const csrfCookie = pair(init.raw.headers.getSetCookie().find((c) => c.startsWith('csrf_token_'))!)
  const flow = init.value
  const csrf = flow.ui.nodes.map((n) => n.attributes as { name?: string; value?: string }).find((a) => a.name === 'csrf_token')!.value!
  const done = await checked(
    api.updateLoginFlowRaw({ flow: flow.id, cookie: csrfCookie, updateLoginFlowBody: { method: 'password', identifier: user.email, password: user.password, csrf_token: csrf } }),
    'successfulNativeLogin',
  )
  expect(done.value.session_token).toBeUndefined()
  // IssueCookie rotates the CSRF token first, then sets the session cookie; a browser keeps the rotated one.
  const [rotated, session] = done.raw.headers.getSetCookie()
  expect(pair(rotated).split('=')[0]).toBe(csrfCookie.split('=')[0])
  expect(pair(rotated)).not.toBe(csrfCookie)
  return `${pair(session)}; ${pair(rotated)}`
}

/**
 * Registers the SDK tests against a base URL resolved at test time.
 * @example
 * sdkSuite('in-process', () => 'http://127.0.0.1:4433')
 */
export function sdkSuite(name: string, base: () => string): void {
  const jsonApi = () => new FrontendApi(new Configuration({ basePath: base(), headers: { Accept: 'application/json' } }))
  const defaultApi = () => new FrontendApi(new Configuration({ basePath: base() }))

  describe(`@ory/client-fetch (${name})`, () => {
    it('native: login → toSession → performNativeLogout → toSession 401 E9', async () => {
      const api = jsonApi()
      const flow = (await checked(api.createNativeLoginFlowRaw({}), 'loginFlow')).value
      const login = (await checked(api.updateLoginFlowRaw({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier: alice.email, password: alice.password } }), 'successfulNativeLogin')).value
      expect(login.session_token).toMatch(/^ory_st_[A-Za-z0-9]{32}$/)
      const session = (await checked(api.toSessionRaw({ xSessionToken: login.session_token }), 'session')).value
      expect(session.identity?.traits).toMatchObject({ email: alice.email })
      await api.performNativeLogout({ performNativeLogoutBody: { session_token: login.session_token! } })
      const after = await sdkError(api.toSession({ xSessionToken: login.session_token }))
      expect(after.status).toBe(401)
      expect(after.text).toBe(E.E9)
    })

    it('native: logging in again with an active session token is 400 session_already_available, "you are already logged in"', async () => {
      const api = jsonApi()
      const flow = await api.createNativeLoginFlow()
      const { session_token } = await api.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier: alice.email, password: alice.password } })
      const again = await sdkError(api.createNativeLoginFlow({ xSessionToken: session_token }))
      expect(again.status).toBe(400)
      expect(again.response.headers.get('ory-error-id')).toBe('session_already_available')
      expect(JSON.parse(again.text).error).toMatchObject({ id: 'session_already_available', message: 'you are already logged in' })
    })

    it('getFlowError serves the stub:500 error an error UI is built against', async () => {
      const stub = (await checked(jsonApi().getFlowErrorRaw({ id: 'stub:500' }), 'flowError')).value
      expect(stub.error).toEqual({ code: 500, status: 'Internal Server Error', reason: 'This is a stub error.', message: 'An internal server error occurred, please contact the system administrator' })
    })

    it('native: a wrong password is a 400 loginFlow with message 4000006', async () => {
      const api = jsonApi()
      const flow = await api.createNativeLoginFlow()
      const failed = await sdkError(api.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier: bob.email, password: 'nope' } }), 'loginFlow')
      expect(failed.status).toBe(400)
      const body = JSON.parse(failed.text)
      expect(body.ui.nodes.find((n: { attributes: { name: string } }) => n.attributes.name === 'identifier').attributes.value).toBe(bob.email)
      expect(body.ui.messages).toEqual([
        { id: 4000006, text: 'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.', type: 'error' },
      ])
    })

    it('browser with Accept: application/json: login → createBrowserLogoutFlow → updateLogoutFlow 204 → reuse 401', async () => {
      const api = jsonApi()
      const cookie = await sdkBrowserLogin(api, alice)
      const flow = (await checked(api.createBrowserLogoutFlowRaw({ cookie }), 'logoutFlow')).value
      expect(flow.logout_url).toBe(`${base()}/self-service/logout?token=${flow.logout_token}`)
      const raw = await api.updateLogoutFlowRaw({ token: flow.logout_token, cookie })
      expect(raw.raw.status).toBe(204)
      expect(raw.raw.headers.getSetCookie()[0]).toMatch(/^ory_kratos_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; HttpOnly; Secure; SameSite=Lax$/)
      const reuse = await sdkError(api.updateLogoutFlow({ token: flow.logout_token, cookie }))
      expect(reuse.status).toBe(401)
      expect(reuse.text).toBe(E.E1)
      expect((await sdkError(api.toSession({ cookie }))).status).toBe(401)
      expect((await sdkError(api.createBrowserLogoutFlow({ cookie }))).text).toBe(E.E1)
    })

    it('browser with the SDK default Accept (*/*): updateLogoutFlow is a 303 to the return URL, errors are 303s too', async () => {
      const api = defaultApi()
      const cookie = await sdkBrowserLogin(jsonApi(), bob)
      const flow = await api.createBrowserLogoutFlow({ cookie })
      const redirected = await sdkError(api.updateLogoutFlow({ token: flow.logout_token, cookie }, { redirect: 'manual' }))
      expect(redirected.status).toBe(303)
      expect(redirected.response.headers.get('location')).toBe(`${new URL(base()).origin}/`)
      const reuse = await sdkError(api.updateLogoutFlow({ token: flow.logout_token, cookie }, { redirect: 'manual' }))
      expect(reuse.status).toBe(303)
      const errorId = new URL(reuse.response.headers.get('location')!).searchParams.get('id')!
      const stored = (await checked(api.getFlowErrorRaw({ id: errorId }), 'flowError')).value
      expect(stored.error).toEqual(JSON.parse(E.E1).error)
      expect((await sdkError(api.createBrowserLogoutFlow({ cookie }, { redirect: 'manual' }))).status).toBe(303)
    })
  })

  describe(`@ory/client, axios (${name})`, () => {
    const axiosApi = () => new AxiosFrontendApi(new AxiosConfiguration({ basePath: base(), baseOptions: { withCredentials: true } }))

    it('native: performNativeLogout 204, then toSession 401 E9 (axios Accept counts as JSON)', async () => {
      const fetchApi = jsonApi()
      const flow = await fetchApi.createNativeLoginFlow()
      const { session_token } = await fetchApi.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'password', identifier: alice.email, password: alice.password } })
      const api = axiosApi()
      const logout = await api.performNativeLogout({ performNativeLogoutBody: { session_token: session_token! } })
      expect(logout.status).toBe(204)
      const failure = await api.toSession({ xSessionToken: session_token }).catch((e: unknown) => e)
      expect(isAxiosError(failure) && failure.response?.status).toBe(401)
      if (isAxiosError(failure)) {
        expectSchema('errorGeneric', failure.response?.data)
        expect(failure.response?.data).toEqual(JSON.parse(E.E9))
      }
    })

    it('browser: createBrowserLogoutFlow → updateLogoutFlow 204 by default → reuse 401 E1', async () => {
      const cookie = await sdkBrowserLogin(jsonApi(), alice)
      const api = axiosApi()
      const { data: flow } = await api.createBrowserLogoutFlow({ cookie })
      expectSchema('logoutFlow', flow)
      const done = await api.updateLogoutFlow({ token: flow.logout_token, cookie })
      expect(done.status).toBe(204)
      const reuse = await api.updateLogoutFlow({ token: flow.logout_token, cookie }).catch((e: unknown) => e)
      expect(isAxiosError(reuse) && reuse.response?.status).toBe(401)
      if (isAxiosError(reuse)) expect(reuse.response?.data).toEqual(JSON.parse(E.E1))
    })
  })
}
