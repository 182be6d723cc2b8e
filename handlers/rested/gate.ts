/**
 * The checks every Rested.dev custom-endpoint request goes through, in the contract's order (rows 1–4):
 * 1. `key` missing and no `masterKey` → 403 "Missing API Key";
 * 2. version not 1, endpoint name invalid or unknown in the key's project, or wrong kind for the operation → 400
 *    "Endpoint or API Key not valid";
 * 3. `Origin` present and not in the project's non-empty allowed list → 403 "not allowed origin";
 * 4. no `Origin` while the project disallows it → 403 "disallowed request without origin".
 * A valid `masterKey` skips 1, 3 and 4.
 */
import type { RequestContext } from '../platform/types.ts'
import type { RestedConfig } from './config.ts'
import { parseEndpointPath } from './endpoint-name.ts'
import { scoped, type RestedEndpoint, type RestedProject, type RestedState } from './model.ts'

export type Ctx = RequestContext<RestedState, RestedConfig>

export type GateFailure = 'missingApiKey' | 'invalidEndpointOrKey' | 'originNotAllowed' | 'noOriginDisallowed'

export type GateResult =
  | { readonly ok: false; readonly failure: GateFailure }
  | { readonly ok: true; readonly project: RestedProject; readonly endpoint: RestedEndpoint; readonly master: boolean }

/** The documented API version. */
export const API_VERSION = '1'

/** A non-empty query parameter, or undefined. */
export function param(ctx: Ctx, name: string): string | undefined {
  const v = ctx.url.searchParams.get(name)
  return v === null || v === '' ? undefined : v
}

/**
 * The project named by the request's `key` (or, without `key`, its `masterKey`), and whether a valid master key is
 * in effect. A `masterKey` that isn't the project's is ignored (no overrides).
 */
export function projectOf(ctx: Ctx): { project: RestedProject; master: boolean } | undefined {
  const key = param(ctx, 'key')
  const masterKey = param(ctx, 'masterKey')
  const project = key !== undefined ? ctx.state.projects.get('apiKey', key) : masterKey !== undefined ? ctx.state.projects.get('masterKey', masterKey) : undefined
  if (!project) return undefined
  return { project, master: masterKey !== undefined && masterKey === project.masterKey }
}

/** The request's endpoint within the key's project, or undefined (bad version, bad name, unknown). */
export function endpointOf(ctx: Ctx, project: RestedProject): RestedEndpoint | undefined {
  const { version, name } = parseEndpointPath(ctx.url.pathname, new URL(ctx.baseUrl).pathname.replace(/\/$/, ''))
  if (version !== API_VERSION || name === null) return undefined
  return ctx.state.endpoints.get('key', scoped(project.id, name))
}

/** True when the project's allowed-origins rule (or a valid master key) lets `origin` in. */
export function originAllowed(project: RestedProject, origin: string, master: boolean): boolean {
  if (master || project.allowedOrigins.length === 0) return true
  const wanted = origin.toLowerCase().replace(/\/$/, '')
  return project.allowedOrigins.some((o) => o.toLowerCase().replace(/\/$/, '') === wanted)
}

/**
 * Runs checks 1–4 for an operation served by endpoints of the given kind (`any` for a preflight).
 * @example
 * const gate = checkGate(ctx, 'auth')
 * if (!gate.ok) return { behaviour: `rested.logout.${gate.failure}` }
 */
export function checkGate(ctx: Ctx, kind: RestedEndpoint['kind'] | 'any'): GateResult {
  if (param(ctx, 'key') === undefined && param(ctx, 'masterKey') === undefined) return { ok: false, failure: 'missingApiKey' }
  const owner = projectOf(ctx)
  if (!owner) return { ok: false, failure: 'invalidEndpointOrKey' }
  const endpoint = endpointOf(ctx, owner.project)
  if (!endpoint || (kind !== 'any' && endpoint.kind !== kind)) return { ok: false, failure: 'invalidEndpointOrKey' }
  if (!owner.master) {
    const origin = ctx.request.headers.get('origin')
    if (origin !== null) {
      if (!originAllowed(owner.project, origin, false)) return { ok: false, failure: 'originNotAllowed' }
    } else if (owner.project.disallowNoOrigin) {
      return { ok: false, failure: 'noOriginDisallowed' }
    }
  }
  return { ok: true, project: owner.project, endpoint, master: owner.master }
}
