/**
 * Login flow parameters (selfservice/flow/login/handler.go:162-228, flow.go:200-209, hook.go:156-166), through Ory's
 * `@ory/client-fetch`: `refresh=true` with a session is a new (refresh) flow, `aal=aal2` without one is 401
 * session_aal1_required, an unknown `aal` 400, and `return_to` is checked at init and honoured after the login.
 */
import { expect, it } from 'vitest'
import { Configuration, FrontendApi, ResponseError } from '@ory/client-fetch'
import { alice } from '../../../../../fixtures/users.ts'
import { describeBothModes } from '../../../../support/modes.ts'
import { E, expectSchema, nativeLogin, pair } from '../../../support.ts'

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ResponseError)
  const response = (error as ResponseError).response
  return { status: response.status, text: await response.text(), response }
}

describeBothModes('kratos login parameters', { only: ['kratos'], providers: { kratos: { allowedReturnUrls: ['https://app.example.org/'] } } }, (t) => {
  const base = () => t().baseUrl('kratos')
  const api = () => new FrontendApi(new Configuration({ basePath: base(), headers: { Accept: 'application/json' } }))

  it('refresh=true with an active session: a new flow (refresh: true, the re-auth message), and submitting it succeeds', async () => {
    const { sessionToken } = await nativeLogin(base(), alice)
    expect((await rejection(api().createNativeLoginFlow({ xSessionToken: sessionToken }))).status).toBe(400)
    const raw = await api().createNativeLoginFlowRaw({ xSessionToken: sessionToken, refresh: true })
    const body = await raw.raw.clone().json()
    expectSchema('loginFlow', body)
    const flow = await raw.value()
    expect([flow.refresh, flow.requested_aal]).toEqual([true, 'aal1'])
    expect(flow.ui.messages).toEqual([{ id: 1010003, text: 'Please confirm this action by verifying that it is you.', type: 'info' }])
    const done = await api().updateLoginFlow({ flow: flow.id, xSessionToken: sessionToken, updateLoginFlowBody: { method: 'password', identifier: alice.email, password: alice.password } })
    expect(done.session_token).toMatch(/^ory_st_/)
    // without a session, refresh is simply off
    expect((await api().createNativeLoginFlow({ refresh: true })).refresh).toBe(false)
  })

  it('aal: aal2 without a session is 401 session_aal1_required; anything but aal1/aal2 is 400; aal2 with a session is an aal2 flow', async () => {
    const none = await rejection(api().createNativeLoginFlow({ aal: 'aal2' }))
    expect(none.status).toBe(401)
    expect(none.response.headers.get('ory-error-id')).toBe('session_aal1_required')
    expect(JSON.parse(none.text).error).toEqual({
      id: 'session_aal1_required',
      code: 401,
      status: 'Unauthorized',
      reason: 'You can not requested a higher AAL (AAL2/AAL3) without an active session.',
      message: 'aal2 and aal3 can only be requested if a session exists already',
    })
    const bad = await rejection(api().createBrowserLoginFlow({ aal: 'AAL3' }))
    expect([bad.status, bad.text]).toEqual([400, E.badRequest('Unable to parse AuthenticationMethod Assurance Level (AAL): expected one of [aal1, aal2] but got aal3')])
    const { sessionToken } = await nativeLogin(base(), alice)
    const aal2 = await api().createNativeLoginFlow({ xSessionToken: sessionToken, aal: 'AAL2' })
    expect(aal2.requested_aal).toBe('aal2')
    expect(aal2.ui.messages).toEqual([{ id: 1010004, text: 'Please complete the second authentication challenge.', type: 'info' }])
  })

  it('return_to: refused at init when not allowed (E4), kept on the flow and honoured by the browser login', async () => {
    const refused = await rejection(api().createBrowserLoginFlow({ returnTo: 'https://evil.example/' }))
    expect([refused.status, refused.text]).toEqual([400, E.E4('https://evil.example/')])
    const browserRefused = await fetch(`${base()}/self-service/login/browser?return_to=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' })
    expect(browserRefused.status).toBe(303)
    expect(browserRefused.headers.get('location')).toMatch(/fallback\/error\?id=/)

    const init = await api().createBrowserLoginFlowRaw({ returnTo: 'https://app.example.org/welcome' })
    const flow = await init.value()
    expect(flow.return_to).toBe('https://app.example.org/welcome')
    const csrfCookie = pair(init.raw.headers.getSetCookie().find((c) => c.startsWith('csrf_token_'))!)
    const csrf = flow.ui.nodes.map((n) => n.attributes as { name?: string; value?: string }).find((a) => a.name === 'csrf_token')!.value!
    // a form post (not JSON): 303 to the return_to
    const form = new URLSearchParams({ method: 'password', identifier: alice.email, password: alice.password, csrf_token: csrf })
    const done = await fetch(`${base()}/self-service/login?flow=${flow.id}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie }, body: form, redirect: 'manual' })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe('https://app.example.org/welcome')
  })

  it('return_to on a JSON browser login comes back in continue_with', async () => {
    const init = await api().createBrowserLoginFlowRaw({ returnTo: 'https://app.example.org/x' })
    const flow = await init.value()
    const csrfCookie = pair(init.raw.headers.getSetCookie().find((c) => c.startsWith('csrf_token_'))!)
    const csrf = flow.ui.nodes.map((n) => n.attributes as { name?: string; value?: string }).find((a) => a.name === 'csrf_token')!.value!
    const done = await api().updateLoginFlow({ flow: flow.id, cookie: csrfCookie, updateLoginFlowBody: { method: 'password', identifier: alice.email, password: alice.password, csrf_token: csrf } })
    expect(done.continue_with).toEqual([{ action: 'redirect_browser_to', redirect_browser_to: 'https://app.example.org/x' }])
  })
})
