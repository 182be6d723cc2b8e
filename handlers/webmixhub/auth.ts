/**
 * Who is calling WebmixHub, in the documented check order: the six client headers the docs require on every request
 * (only with `requireClientHeaders`), the tenant (`x-tenant-token`), then on private routes the user (`x-token`, a raw
 * JWT signed with the tenant's secret). Both lookups go through indexes.
 */
import { verifyAccessJwt } from '../platform/crypto/jwt.ts'
import type { Outcome, RequestContext } from '../platform/types.ts'
import type { WebmixhubConfig } from './config.ts'
import type { Validation } from './envelope.ts'
import { setStatus, type WebmixhubState, type WebmixhubTenant, type WebmixhubUser } from './model.ts'

export type Ctx = RequestContext<WebmixhubState, WebmixhubConfig>

/**
 * A request header, trimmed; undefined when absent or blank.
 * @example
 * header(ctx, 'x-device-id') // 'device-42'
 */
export function header(ctx: Ctx, name: string): string | undefined {
  const v = ctx.request.headers.get(name)?.trim()
  return v === undefined || v === '' ? undefined : v
}

/** The six headers the docs list as "required on all requests". */
const CLIENT_HEADERS = ['x-locale', 'x-country', 'x-device-id', 'x-client-version', 'x-platform', 'x-platform-version'] as const

const PLATFORMS = ['ios', 'android', 'web'] as const

const required = (name: string) => `Header ${name} is required`

/** With `requireClientHeaders` on: the missing (or, for `x-country` and `x-platform`, malformed) client headers. */
function clientHeaderProblems(ctx: Ctx): Validation | undefined {
  if (!ctx.config.requireClientHeaders) return undefined
  const problems: Validation = {}
  for (const name of CLIENT_HEADERS) {
    const value = header(ctx, name)
    if (value === undefined) problems[name] = required(name)
    else if (name === 'x-country' && !/^[A-Za-z]{2}$/.test(value)) problems[name] = 'Header x-country must be an ISO 3166-1 alpha-2 country code'
    else if (name === 'x-platform' && !(PLATFORMS as readonly string[]).includes(value.toLowerCase())) problems[name] = `Header x-platform must be one of ${PLATFORMS.join(', ')}`
  }
  return Object.keys(problems).length > 0 ? problems : undefined
}

/** `error.validation` of a forced missing-client-headers response: all six missing. */
export const ALL_CLIENT_HEADERS_MISSING: Validation = Object.fromEntries(CLIENT_HEADERS.map((n) => [n, required(n)]))

/** A caller past tenant authentication. */
interface TenantCaller {
  readonly tenant: WebmixhubTenant
}

/** A caller past user authentication; `user` is undefined when the token is valid but its user no longer exists. */
interface UserCaller extends TenantCaller {
  readonly user: WebmixhubUser | undefined
}

/**
 * The authentication every operation starts with (tenant, then user; after the client headers): the outcome of the
 * first failed check (`missingClientHeaders`, `missingTenantToken`, `invalidTenantToken`, `missingUserToken`,
 * `invalidToken`, `tokenExpired`), or the caller. A user token is valid when it is a well-formed HS256 JWT signed with
 * this tenant's secret, is an access token, has an `exp` still ahead on the platform clock (none counts as expired),
 * and names this tenant in `tid` and a user in `sub`; another tenant's token fails the signature: INVALID_TOKEN.
 * @example
 * const caller = await gate(ctx, { user: true })
 * if ('behaviour' in caller) return caller
 * caller.user?.email
 */
export async function gate(ctx: Ctx, check: { user: true }): Promise<Outcome | UserCaller>
export async function gate(ctx: Ctx, check: { user: false }): Promise<Outcome | TenantCaller>
export async function gate(ctx: Ctx, check: { user: boolean }): Promise<Outcome | TenantCaller | UserCaller> {
  const validation = clientHeaderProblems(ctx)
  if (validation) return { behaviour: 'missingClientHeaders', detail: { validation } }
  const tenantToken = header(ctx, 'x-tenant-token')
  if (tenantToken === undefined) return { behaviour: 'missingTenantToken' }
  const tenant = ctx.state.tenants.get('token', tenantToken)
  if (!tenant) return { behaviour: 'invalidTenantToken' }
  const token = header(ctx, 'x-token')
  if (!check.user) {
    // A public route: x-token is optional (the overview), and never an error. Only with publicRouteToken "relogin"
    // does a valid one count as an authenticated request and mark its user logged in again.
    if (token !== undefined && ctx.config.publicRouteToken === 'relogin') {
      const known = await userOf(ctx, tenant, token)
      if ('user' in known && known.user) setStatus(ctx.state, known.user, 'logged_in')
    }
    return { tenant }
  }
  if (token === undefined) return { behaviour: 'missingUserToken' }
  const known = await userOf(ctx, tenant, token)
  return 'behaviour' in known ? known : { tenant, user: known.user }
}

/** The user a token names in this tenant (undefined: a valid token whose user is gone), or why the token is refused. */
async function userOf(ctx: Ctx, tenant: WebmixhubTenant, token: string): Promise<Outcome | { user: WebmixhubUser | undefined }> {
  const verdict = verifyAccessJwt(token, tenant.jwtSecret, { typ: 'access', now: ctx.clock.now() })
  if (!verdict.ok) return { behaviour: verdict.reason === 'expired' ? 'tokenExpired' : 'invalidToken' }
  const { tid, sub } = verdict.claims
  if (tid !== tenant.id || typeof sub !== 'string') return { behaviour: 'invalidToken' }
  const user = ctx.state.users.get('id', sub)
  return { user: user?.tenantId === tenant.id ? user : undefined }
}
