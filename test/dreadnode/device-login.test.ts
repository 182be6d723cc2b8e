/**
 * Dreadnode's device-code login, the way the CLI and SDKs run it, through fetch, in-process and standalone; the
 * person's approval goes through the control API (`POST /__mock/state/dreadnode/approveDeviceCode` standalone,
 * `mocks.action` in-process).
 */
import { expect, it } from 'vitest'
import { describeBothModes } from '../support/modes.ts'
import { controlAction, expectError, expectOk } from './support.ts'

const json = { 'Content-Type': 'application/json' }

describeBothModes('dreadnode device-code login', {}, (t) => {
  const url = (path: string) => t().baseUrl('dreadnode') + path
  const start = async () => expectOk(await fetch(url('/api/v1/auth/device/code'), { method: 'POST' }), 'deviceCode')
  const exchange = (deviceCode: unknown) => fetch(url('/api/v1/auth/device/token'), { method: 'POST', headers: json, body: JSON.stringify({ device_code: deviceCode }) })
  const poll = (deviceCode: string) => fetch(url(`/api/v1/auth/device/code/${deviceCode}`))

  it('code → 401 while pending → approved by user code → tokens in the body, once → they authenticate', async () => {
    const code = await start()
    expect(code).toMatchObject({ expires_in: 900, interval: 5, verification_url: `${t().baseUrl('dreadnode')}/account/device?code=${code.user_code}` })
    const pending = await expectError(await exchange(code.device_code), 401, 'authentication_error')
    expect(pending.detail).toBe('Authorization pending: the device code has not been approved yet')
    expect(await expectOk(await poll(code.device_code), 'deviceCodeStatus')).toEqual({ device_code: code.device_code, user_code: code.user_code, status: 'pending', expires_in: 900 })

    const approved = await controlAction(t(), 'approveDeviceCode', { userCode: code.user_code.toLowerCase(), user: 'bob' })
    expect(approved).toMatchObject({ status: 200, body: { deviceCode: code.device_code, user: 'bob@example.com', approved: true } })
    expect((await poll(code.device_code).then((r) => r.json())).status).toBe('approved')

    const tokens = await exchange(code.device_code)
    expect(tokens.headers.getSetCookie()).toEqual([])
    const { access_token, refresh_token } = await expectOk(tokens, 'deviceTokens')
    // v1 sends them back as the two cookies.
    const cookie = `access_token=${access_token}; refresh_token=${refresh_token}`
    expect((await fetch(url('/api/v1/user'), { headers: { cookie } }).then((r) => r.json())).username).toBe('bob')
    expect((await fetch(url('/api/v1/auth/refresh'), { method: 'POST', headers: { cookie } })).status).toBe(200)
    // Single use: the code is gone.
    expect((await expectError(await exchange(code.device_code), 401, 'authentication_error')).detail).toBe('Invalid device code')
    await expectError(await poll(code.device_code), 404, 'not_found')
  })

  it('device codes expire on the platform clock', async () => {
    const code = await start()
    t().mocks.clock.advance(600_000)
    expect((await poll(code.device_code).then((r) => r.json())).expires_in).toBe(300)
    t().mocks.clock.advance(300_000)
    expect((await expectError(await exchange(code.device_code), 401, 'authentication_error')).detail).toBe('Device code expired')
    await expectError(await poll(code.device_code), 404, 'not_found')
    const late = await controlAction(t(), 'approveDeviceCode', { deviceCode: code.device_code, user: 'alice' })
    expect(late.status).toBe(404)
  })

  it('approveDeviceCode: clear errors for a missing code, an unknown code and an unknown user', async () => {
    const code = await start()
    const none = await controlAction(t(), 'approveDeviceCode', { user: 'alice' })
    expect(none.status).toBe(400)
    expect(none.body.detail).toMatch(/needs \{"deviceCode"/)
    const unknown = await controlAction(t(), 'approveDeviceCode', { userCode: 'ZZZZ-ZZZZ', user: 'alice' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.detail).toBe('dreadnode: userCode "ZZZZ-ZZZZ" is unknown (never issued, already exchanged, or dropped)')
    expect(unknown.body.pendingUserCodes).toEqual([code.user_code])
    const nobody = await controlAction(t(), 'approveDeviceCode', { deviceCode: code.device_code, user: 'zed' })
    expect(nobody.status).toBe(404)
    expect(nobody.body.detail).toBe('dreadnode has no user "zed"')
    const noUser = await controlAction(t(), 'approveDeviceCode', { deviceCode: code.device_code })
    expect(noUser.status).toBe(400)
  })

  it('400 for broken JSON, 422 without device_code, 403 when approved for a disabled user', async () => {
    await expectError(await fetch(url('/api/v1/auth/device/code'), { method: 'POST', headers: json, body: '{' }), 400, 'invalid_request')
    await expectError(await fetch(url('/api/v1/auth/device/token'), { method: 'POST', headers: json, body: '{' }), 400, 'invalid_request')
    const missing = await expectError(await fetch(url('/api/v1/auth/device/token'), { method: 'POST', headers: json, body: '{}' }), 422, 'validation_error')
    expect(missing.errors).toEqual([{ loc: ['body', 'device_code'], msg: 'Field required', type: 'missing' }])
    expect((await expectError(await exchange(42), 422, 'validation_error')).errors[0].type).toBe('string_type')
    const code = await start()
    await controlAction(t(), 'approveDeviceCode', { deviceCode: code.device_code, user: 'disabled@example.com' })
    await expectError(await exchange(code.device_code), 403, 'permission_denied')
  })
})

describeBothModes('dreadnode device codes approved automatically', { providers: { dreadnode: { deviceAutoApprove: 'alice' } } }, (t) => {
  it('the first poll gets the tokens', async () => {
    const url = (path: string) => t().baseUrl('dreadnode') + path
    const code = await expectOk(await fetch(url('/api/v1/auth/device/code'), { method: 'POST', headers: json, body: '{}' }), 'deviceCode')
    const tokens = await expectOk(await fetch(url('/api/v1/auth/device/token'), { method: 'POST', headers: json, body: JSON.stringify({ device_code: code.device_code }) }), 'deviceTokens')
    const me = await fetch(url('/api/v1/user'), { headers: { Authorization: `Bearer ${tokens.access_token}` } })
    expect((await me.json()).email_address).toBe('alice@example.com')
  })
})

describeBothModes('dreadnode device-code store is bounded', { providers: { dreadnode: { maxDeviceCodes: 2, deviceAutoApprove: 'bob' } } }, (t) => {
  it('beyond maxDeviceCodes the oldest code is dropped', async () => {
    const url = (path: string) => t().baseUrl('dreadnode') + path
    const codes = []
    for (let i = 0; i < 3; i++) codes.push(await expectOk(await fetch(url('/api/v1/auth/device/code'), { method: 'POST' }), 'deviceCode'))
    const exchange = (c: { device_code: string }) => fetch(url('/api/v1/auth/device/token'), { method: 'POST', headers: json, body: JSON.stringify({ device_code: c.device_code }) })
    await expectError(await exchange(codes[0]), 401, 'authentication_error')
    expect((await exchange(codes[1])).status).toBe(200)
    expect((await exchange(codes[2])).status).toBe(200)
    expect((t().mocks.state().dreadnode as { deviceCodes: unknown[] }).deviceCodes).toEqual([])
  })
})

describeBothModes('dreadnode deviceAutoApprove naming nobody', { providers: { dreadnode: { deviceAutoApprove: 'nobody' } } }, (t) => {
  it('is a clear mock error, not a crash', async () => {
    const r = await fetch(t().baseUrl('dreadnode') + '/api/v1/auth/device/code', { method: 'POST' })
    expect(r.status).toBe(500)
    expect(r.headers.get('content-type')).toBe('application/problem+json')
    expect((await r.json()).detail).toMatch(/dreadnode has no user "nobody"/)
  })
})
