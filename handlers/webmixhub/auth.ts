/**
 * Who is calling WebmixHub: the tenant (`x-tenant-token`), then the user (`x-token`, a raw JWT signed with the
 * tenant's secret), and the six client headers the docs require on every request. Both lookups go through indexes.
 */
import { verifyAccessJwt } from '../platform/jwt.ts'
import type { RequestContext } from '../platform/types.ts'
import type { WebmixhubConfig } from './config.ts'
import type { Validation } from './envelope.ts'
import type { WebmixhubState, WebmixhubTenant, WebmixhubUser } from './model.ts'

export type Ctx = RequestContext<WebmixhubState, WebmixhubConfig>

/** Behaviour names shared by every operation that authenticates (each operation declares entries with these names). */
export type AuthFailure = 'missingTenantToken' | 'invalidTenantToken' | 'missingUserToken' | 'invalidToken' | 'tokenExpired'

export type TenantVerdict = { ok: true; tenant: WebmixhubTenant } | { ok: false; behaviour: AuthFailure }

/**
 * The `user` is undefined when the token is valid but its user no longer exists ("missing user context").
 */
export type CallerVerdict = { ok: true; tenant: WebmixhubTenant; user: WebmixhubUser | undefined } | { ok: false; behaviour: AuthFailure }

const header = (ctx: Ctx, name: string) => {
  const v = ctx.request.headers.get(name)?.trim()
  return v === undefined || v === '' ? undefined : v
}

/**
 * Tenant authentication (contract rows 2–3).
 * @example
 * const t = authenticateTenant(ctx)
 * if (!t.ok) return { behaviour: t.behaviour }
 */
export function authenticateTenant(ctx: Ctx): TenantVerdict {
  const token = header(ctx, 'x-tenant-token')
  if (token === undefined) return { ok: false, behaviour: 'missingTenantToken' }
  const tenant = ctx.state.tenants.get('token', token)
  return tenant ? { ok: true, tenant } : { ok: false, behaviour: 'invalidTenantToken' }
}

/**
 * Tenant then user authentication (contract rows 2–5). A token is valid when it is a well-formed HS256 JWT signed
 * with this tenant's secret, is an access token, has an `exp` still ahead on the platform clock (none counts as
 * expired: TOKEN_EXPIRED), and names this tenant in `tid` and a user in `sub`. Tokens of another tenant fail the
 * signature (and the `tid` check): INVALID_TOKEN.
 * @example
 * const caller = await authenticate(ctx)
 * if (caller.ok && caller.user) caller.user.status
 */
export async function authenticate(ctx: Ctx): Promise<CallerVerdict> {
  const t = authenticateTenant(ctx)
  if (!t.ok) return t
  const token = header(ctx, 'x-token')
  if (token === undefined) return { ok: false, behaviour: 'missingUserToken' }
  const verdict = await verifyAccessJwt(token, t.tenant.jwtSecret, { typ: 'access', now: ctx.clock.now() })
  if (!verdict.ok) return { ok: false, behaviour: verdict.reason === 'expired' ? 'tokenExpired' : 'invalidToken' }
  const { claims } = verdict
  if (claims.tid !== t.tenant.id || typeof claims.sub !== 'string') return { ok: false, behaviour: 'invalidToken' }
  const user = ctx.state.users.get('id', claims.sub)
  return { ok: true, tenant: t.tenant, user: user && user.tenantId === t.tenant.id ? user : undefined }
}

/** The six headers the docs list as "required on all requests". */
export const CLIENT_HEADERS = ['x-locale', 'x-country', 'x-device-id', 'x-client-version', 'x-platform', 'x-platform-version'] as const

export const PLATFORMS = ['ios', 'android', 'web'] as const

/**
 * With `requireClientHeaders` on: the missing (or, for `x-country` and `x-platform`, malformed) client headers, as
 * `error.validation`; undefined when all is well or the option is off.
 * @example
 * const validation = clientHeaderProblems(ctx) // { 'x-locale': 'Header x-locale is required' }
 */
export function clientHeaderProblems(ctx: Ctx): Validation | undefined {
  if (!ctx.config.requireClientHeaders) return undefined
  const problems: Validation = {}
  for (const name of CLIENT_HEADERS) {
    const value = header(ctx, name)
    if (value === undefined) problems[name] = `Header ${name} is required`
    else if (name === 'x-country' && !/^[A-Za-z]{2}$/.test(value)) problems[name] = 'Header x-country must be an ISO 3166-1 alpha-2 country code'
    else if (name === 'x-platform' && !(PLATFORMS as readonly string[]).includes(value.toLowerCase())) problems[name] = `Header x-platform must be one of ${PLATFORMS.join(', ')}`
  }
  return Object.keys(problems).length > 0 ? problems : undefined
}

/** `error.validation` of a forced missing-client-headers response: all six missing. */
export const ALL_CLIENT_HEADERS_MISSING: Validation = Object.fromEntries(CLIENT_HEADERS.map((n) => [n, `Header ${n} is required`]))
