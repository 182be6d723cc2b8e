/**
 * getLoginFlow `GET /self-service/login/flows?id=` (selfservice/flow/login/handler.go:728-800): what a login UI calls
 * after the browser login's redirect to `loginUiUrl?flow=<id>`. Through Ory's `@ory/client-fetch`, in-process and
 * standalone: 200 with the cookie the flow was issued with, 403 CSRF without it, 404 unknown, 410 expired.
 */
import { expect, it } from 'vitest'
import { Configuration, FrontendApi, ResponseError } from '@ory/client-fetch'
import { describeBothModes } from '../../../../support/modes.ts'
import { expectSchema, pair } from '../../../support.ts'

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ResponseError)
  const response = (error as ResponseError).response
  return { status: response.status, body: await response.json(), response }
}

describeBothModes('kratos getLoginFlow', { only: ['kratos'] }, (t) => {
  const base = () => t().baseUrl('kratos')
  const api = () => new FrontendApi(new Configuration({ basePath: base() }))

  it('a browser flow reached through the login UI redirect: 200 with its CSRF cookie, the same csrf_token node', async () => {
    const init = await fetch(`${base()}/self-service/login/browser`, { redirect: 'manual' })
    expect(init.status).toBe(303)
    const flowId = new URL(init.headers.get('location')!).searchParams.get('flow')!
    const cookie = pair(init.headers.getSetCookie().find((c) => c.startsWith('csrf_token_'))!)
    const raw = await api().getLoginFlowRaw({ id: flowId, cookie })
    const body = await raw.raw.clone().json()
    expectSchema('loginFlow', body)
    expect(raw.raw.headers.get('vary')).toBe('Cookie')
    expect(raw.raw.headers.getSetCookie()).toEqual([])
    const flow = await raw.value()
    expect([flow.id, flow.type]).toEqual([flowId, 'browser'])
    const csrf = flow.ui.nodes.map((n) => n.attributes as { name?: string; value?: string }).find((a) => a.name === 'csrf_token')!.value!
    // the token the UI renders submits the flow
    const done = await fetch(`${base()}/self-service/login?flow=${flowId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Cookie: cookie },
      body: JSON.stringify({ method: 'password', identifier: 'alice@example.com', password: 'alice-password-1', csrf_token: csrf }),
    })
    expect(done.status).toBe(200)
  })

  it('a browser flow without its CSRF cookie (or with another) is 403 security_csrf_violation', async () => {
    const init = await fetch(`${base()}/self-service/login/browser`, { headers: { Accept: 'application/json' } })
    const flow = await init.json()
    const none = await rejection(api().getLoginFlow({ id: flow.id }))
    expect(none.status).toBe(403)
    expect(none.body.error).toMatchObject({ id: 'security_csrf_violation', details: { reject_reason: 'The HTTP Cookie Header is empty or not set.' } })
    expectSchema('errorGenericWithDetails', none.body)
    // a CSRF cookie minted for another flow does not read this one
    const other = await fetch(`${base()}/self-service/login/browser`, { headers: { Accept: 'application/json' } })
    const otherCookie = pair(other.headers.getSetCookie().find((c) => c.startsWith('csrf_token_'))!)
    expect((await rejection(api().getLoginFlow({ id: flow.id, cookie: otherCookie }))).status).toBe(403)
  })

  it('API flows need no cookie; unknown or unparsable ids are 404; past its lifespan a flow is 410 with where to restart', async () => {
    const native = await (await fetch(`${base()}/self-service/login/api`)).json()
    expectSchema('loginFlow', await (await api().getLoginFlowRaw({ id: native.id })).raw.json())
    for (const id of ['6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'not-a-uuid']) {
      const missing = await rejection(api().getLoginFlow({ id }))
      expect([missing.status, missing.body]).toEqual([404, { error: { code: 404, status: 'Not Found', message: 'Unable to locate the resource' } }])
    }
    const browser = await fetch(`${base()}/self-service/login/browser`, { headers: { Accept: 'application/json' } })
    const browserFlow = await browser.json()
    const cookie = pair(browser.headers.getSetCookie().find((c) => c.startsWith('csrf_token_'))!)
    t().mocks.clock.advance(3_600_000 + 1)
    const gone = await rejection(api().getLoginFlow({ id: native.id }))
    expect(gone.status).toBe(410)
    expect(gone.response.headers.get('ory-error-id')).toBe('self_service_flow_expired')
    expect(gone.body.error).toEqual({
      id: 'self_service_flow_expired',
      code: 410,
      status: 'Gone',
      reason: 'The login flow has expired. Call the login flow init API endpoint to initialize a new login flow.',
      details: { api: `${base()}/self-service/login/api` },
      message: 'The requested resource is no longer available because it has expired or is otherwise invalid.',
    })
    const goneBrowser = await rejection(api().getLoginFlow({ id: browserFlow.id, cookie }))
    expect(goneBrowser.body.error.details).toEqual({ redirect_to: `${base()}/self-service/login/browser`, return_to: '' })
    expectSchema('errorGenericWithDetails', goneBrowser.body)
  })

  it('every documented status is forceable', async () => {
    for (const code of [200, 403, 404, 410, 500]) {
      const r = await fetch(`${base()}/self-service/login/flows?id=x`, { headers: { Prefer: `code=${code}` } })
      expect(r.status).toBe(code)
      expectSchema(code === 200 ? 'loginFlow' : 'errorGenericWithDetails', await r.json())
    }
  })
})
