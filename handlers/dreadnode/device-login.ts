/**
 * The device-code login Dreadnode's CLI and SDKs use: the device asks for a code pair
 * (`POST /api/v1/auth/device/code`; v1's clients call `/api/auth/device/…`, dreadnode/api/client.py:227-260), the person approves the user code in a browser (here: the `approveDeviceCode`
 * control action, or `deviceAutoApprove`), and the device polls — `POST /api/v1/auth/device/token` (401 while not
 * approved, then the two tokens in the body, once) or v2's `GET /api/v1/auth/device/code/{device_code}`.
 */
import type { Operation } from '../platform/types.ts'
import type { DreadnodeConfig } from './config.ts'
import { sampleTokens, startSession, type DreadnodeState } from './model.ts'
import type { Ctx } from './auth.ts'
import { checkFields, readJsonBody } from './body.ts'
import { errorBehaviours, jsonOk, namedError, type DreadnodeBehaviour } from './behaviours.ts'
import { assumed, documented } from './sources.ts'
import type { DeviceCode } from './device-codes.ts'
import { findUser } from './users.ts'

type Op = Operation<DreadnodeState, DreadnodeConfig>

/**
 * The page the person opens to approve the code: v1's clients build `<server>/account/device?code=<user_code>`
 * themselves (dreadnode/api/client.py:227-230) and the mock names the same page (it serves no such page).
 */
const verificationUrl = (ctx: Ctx, userCode: string) => `${ctx.baseUrl}/account/device?code=${userCode}`
const secondsLeft = (ctx: Ctx, code: DeviceCode) => Math.max(0, Math.ceil((code.expiresAt - ctx.clock.now()) / 1000))

/** A representative code pair for forced responses. */
const SAMPLE_CODE = { id: '00000000-0000-4000-8000-0000000000c1', deviceCode: 'forced-sample-device-code', userCode: 'BCDF-GHJK', approvedUserId: null }

export const deviceCodeOperation: Op = {
  id: 'deviceCode',
  method: 'POST',
  path: '/api/v1/auth/device/code',
  aliases: ['/api/auth/device/code'],
  summary: 'Start a device-code login: a device code to poll with and a user code to approve',
  async run(ctx) {
    const body = await readJsonBody(ctx)
    if (body.kind === 'bad') return { behaviour: 'invalidRequest', detail: { detail: body.detail } }
    const code = ctx.state.deviceCodes.create(ctx.clock.now(), ctx.config.deviceCodeTtl)
    if (ctx.config.deviceAutoApprove !== null) code.approvedUserId = findUser(ctx.state, ctx.config.deviceAutoApprove).id
    return { behaviour: 'success', detail: code }
  },
}

export const deviceTokenOperation: Op = {
  id: 'deviceToken',
  method: 'POST',
  path: '/api/v1/auth/device/token',
  aliases: ['/api/auth/device/token'],
  requestBody: { schema: 'deviceTokenRequest', required: true },
  summary: 'Exchange an approved device code for an access and a refresh token (401 while not approved)',
  async run(ctx) {
    const body = await readJsonBody(ctx)
    if (body.kind === 'bad') return { behaviour: 'invalidRequest', detail: { detail: body.detail } }
    const { errors, value } = checkFields(body, { device_code: { type: 'string', required: true } })
    if (errors.length > 0) return { behaviour: 'validationError', detail: { errors } }
    const found = ctx.state.deviceCodes.find(value.device_code as string, ctx.clock.now())
    if (found.kind !== 'live') return { behaviour: 'unauthenticated', detail: { detail: found.kind === 'expired' ? 'Device code expired' : 'Invalid device code' } }
    if (found.code.approvedUserId === null) return { behaviour: 'pending' }
    const user = ctx.state.users.get('id', found.code.approvedUserId)
    if (!user) return { behaviour: 'unauthenticated', detail: { detail: 'Invalid device code' } }
    if (user.disabled) return { behaviour: 'forbidden' }
    ctx.state.deviceCodes.consume(found.code)
    return { behaviour: 'success', detail: await startSession(ctx.state, user, ctx.config, ctx.clock, ctx.random) }
  },
}

export const deviceCodeStatusOperation: Op = {
  id: 'deviceCodeStatus',
  method: 'GET',
  path: '/api/v1/auth/device/code/:device_code',
  aliases: ['/api/auth/device/code/:device_code'],
  summary: 'Poll a device code (v2 SDK): pending or approved',
  sample: '/api/v1/auth/device/code/forced-sample-device-code',
  run(ctx) {
    const found = ctx.state.deviceCodes.find(String(ctx.params.device_code ?? ''), ctx.clock.now())
    if (found.kind !== 'live') return { behaviour: 'notFound', detail: { detail: found.kind === 'expired' ? 'Device code expired' : 'Device code not found' } }
    return { behaviour: 'success', detail: found.code }
  },
}


export const deviceLoginBehaviours: DreadnodeBehaviour[] = [
  {
    id: 'dreadnode.deviceCode.success',
    operation: 'deviceCode',
    status: 200,
    title: 'A new device code pair, pending until approved',
    trigger: 'any POST (no body, or any JSON); approved at once when deviceAutoApprove names a user',
    source: documented('sdkV1AuthModels', [
      { what: 'interval (not in the v1 model; RFC 8628)' },
      { what: 'completed: true once the code is approved' },
      { what: 'lifetime', option: 'deviceCodeTtl' },
      { what: 'polling interval', option: 'deviceCodeInterval' },
    ]),
    contentType: 'application/json',
    schema: 'deviceCode',
    primary: true,
    respond(ctx, raw) {
      const code = (raw as DeviceCode | undefined) ?? { ...SAMPLE_CODE, expiresAt: ctx.clock.now() + ctx.config.deviceCodeTtl * 1000 }
      // v1's DeviceCodeResponse (dreadnode/api/models.py:76-84) requires every field but interval.
      return jsonOk({
        id: code.id,
        completed: code.approvedUserId !== null,
        device_code: code.deviceCode,
        expires_at: new Date(code.expiresAt).toISOString(),
        expires_in: raw ? secondsLeft(ctx, code as DeviceCode) : ctx.config.deviceCodeTtl,
        user_code: code.userCode,
        verification_url: verificationUrl(ctx, code.userCode),
        interval: ctx.config.deviceCodeInterval,
      })
    },
  },
  ...errorBehaviours('deviceCode', { 400: 'a body sent with Content-Type: application/json that is not valid JSON (or over 1 MiB)' }),
  {
    id: 'dreadnode.deviceToken.success',
    operation: 'deviceToken',
    status: 200,
    title: 'The device code was approved: access and refresh token in the body (the code is used up)',
    trigger: 'the device_code of a live code approved for an enabled user',
    source: documented('sdkV1AuthModels', [{ what: 'single use: a second exchange of the same code is a 401' }]),
    contentType: 'application/json',
    schema: 'deviceTokens',
    primary: true,
    async respond(ctx, raw) {
      const d = (raw as { accessToken: string; refreshToken: string } | undefined) ?? (await sampleTokens(ctx.config))
      return jsonOk({ access_token: d.accessToken, refresh_token: d.refreshToken })
    },
  },
  namedError({
    operation: 'deviceToken',
    name: 'pending',
    status: 401,
    title: 'Not approved yet: keep polling',
    trigger: 'the device_code of a live code nobody has approved yet',
    source: documented('sdkV1Auth', [{ what: 'the detail text' }]),
    detail: 'Authorization pending: the device code has not been approved yet',
  }),
  ...errorBehaviours('deviceToken', {
    400: 'a body sent with Content-Type: application/json that is not valid JSON (or over 1 MiB)',
    401: 'an unknown, expired (deviceCodeTtl on the platform clock) or already exchanged device_code',
    403: 'the code was approved for a disabled user',
    422: 'device_code missing or not a string',
  }),
  {
    id: 'dreadnode.deviceCodeStatus.success',
    operation: 'deviceCodeStatus',
    status: 200,
    title: 'The device code is live: pending or approved, and its seconds left',
    trigger: 'the device_code of a live code, before it is exchanged',
    source: assumed('assumptions'),
    contentType: 'application/json',
    schema: 'deviceCodeStatus',
    primary: true,
    respond(ctx, raw) {
      const code = raw as DeviceCode | undefined
      if (!code) return jsonOk({ device_code: SAMPLE_CODE.deviceCode, user_code: SAMPLE_CODE.userCode, status: 'pending', expires_in: ctx.config.deviceCodeTtl })
      return jsonOk({ device_code: code.deviceCode, user_code: code.userCode, status: code.approvedUserId === null ? 'pending' : 'approved', expires_in: secondsLeft(ctx, code) })
    },
  },
  ...errorBehaviours('deviceCodeStatus', { 404: 'an unknown, expired or already exchanged device code' }),
]
