/**
 * updateLogoutFlow's 500 (Ory's spec: `default: errorGeneric`; logout/handler.go:338-341 forwards a store failure
 * while revoking): forced, it is herodot's 500 for JSON clients and, for browsers, the error stored and a 303 to the
 * error UI, where getFlowError serves it.
 */
import { expect, it } from 'vitest'
import { describeBothModes } from '../../../../support/modes.ts'
import { expectSchema } from '../../../support.ts'

const INTERNAL = '{"error":{"code":500,"status":"Internal Server Error","message":"An internal server error occurred, please contact the system administrator"}}\n'

describeBothModes('kratos updateLogoutFlow forced 500', { only: ['kratos'] }, (t) => {
  const base = () => t().baseUrl('kratos')

  it('JSON: herodot 500 (by status or id); browser: 303 to the error UI with the 500 stored', async () => {
    for (const prefer of ['code=500', 'example=kratos.updateLogoutFlow.internalError']) {
      const r = await fetch(`${base()}/self-service/logout?token=x`, { headers: { Accept: 'application/json', Prefer: prefer } })
      expect([r.status, r.headers.get('content-type'), await r.text()]).toEqual([500, 'application/json', INTERNAL])
    }
    const browser = await fetch(`${base()}/self-service/logout?token=x`, { headers: { Prefer: 'example=kratos.updateLogoutFlow.internalErrorBrowser' }, redirect: 'manual' })
    expect(browser.status).toBe(303)
    const id = new URL(browser.headers.get('location')!).searchParams.get('id')!
    const stored = await fetch(`${base()}/self-service/errors?id=${id}`)
    const body = await stored.json()
    expectSchema('flowError', body)
    expect(body.error).toEqual(JSON.parse(INTERNAL).error)
  })
})
