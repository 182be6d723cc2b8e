/**
 * The checks every Rested.dev custom-endpoint request goes through, in the order the vendor's pages list them:
 * 1. `key` missing and no `masterKey` → 403 "Missing API Key";
 * 2. version not 1, endpoint name invalid or unknown in the key's project, or wrong kind for the operation → 400
 *    "Endpoint or API Key not valid";
 * 3. `Origin` present and not in the project's non-empty allowed list → 403 "not allowed origin";
 * 4. no `Origin` while the project disallows it → 403 "disallowed request without origin".
 * A valid `masterKey` skips 1, 3 and 4.
 *
 * What the request names (project, endpoint, origin verdict) is resolved once per request and remembered: the POST
 * operations' `accepts`, the operation's gate and the response's CORS headers all ask the same question.
 */
import type { Outcome, RequestContext } from '../platform/types.ts'
import type { RestedConfig } from './config.ts'
import { parseEndpointPath } from './endpoint-name.ts'
import { normaliseOrigin, scoped, type RestedEndpoint, type RestedProject, type RestedState } from './model.ts'
import type { IncomingRequest } from '../platform/http/buffered-request.ts'

export type Ctx = RequestContext<RestedState, RestedConfig>

export type GateFailure = 'missingApiKey' | 'invalidEndpointOrKey' | 'originNotAllowed' | 'noOriginDisallowed'

type GateResult =
  | { readonly ok: false; readonly failure: GateFailure }
  | { readonly ok: true; readonly project: RestedProject; readonly endpoint: RestedEndpoint; readonly master: boolean }

/** A check that failed, with the catalogue outcome it leads to. */
export interface Refusal {
  readonly ok: false
  readonly outcome: Outcome
}

/** The documented API version. */
const API_VERSION = '1'

/** What a request names, independent of the operation asking. */
interface Resolution {
  readonly state: RestedState
  /** Row 1: neither `key` nor `masterKey` given. */
  readonly keyless: boolean
  /** The project the `key` (or, without it, the `masterKey`) names, and whether a valid master key is in effect. */
  readonly project?: RestedProject
  readonly master: boolean
  /** The endpoint within that project (undefined: bad version, bad name, unknown). */
  readonly endpoint?: RestedEndpoint
  /** Rows 3–4 for that project (undefined: passed, or overridden by the master key). */
  readonly originFailure?: 'originNotAllowed' | 'noOriginDisallowed'
  /** The `Origin` to echo in CORS headers: present and allowed by the project's rule (or by the master key). */
  readonly corsOrigin?: string
}

/**
 * Keyed by the request msw hands every handler (the same object for all of them). A request rebuilt without the
 * forcing query twins is a new key: it is resolved once more, which is rare and cheap.
 */
const resolutions = new WeakMap<IncomingRequest, Resolution>()

/** A non-empty query parameter, or undefined. */
function param(ctx: Ctx, name: string): string | undefined {
  const v = ctx.url.searchParams.get(name)
  return v === null || v === '' ? undefined : v
}

function resolveUncached(ctx: Ctx): Resolution {
  const { state } = ctx
  const key = param(ctx, 'key')
  const masterKey = param(ctx, 'masterKey')
  // A `masterKey` that isn't the named project's is ignored (no overrides).
  const project = key !== undefined ? state.projects.get('apiKey', key) : masterKey !== undefined ? state.projects.get('masterKey', masterKey) : undefined
  const keyless = key === undefined && masterKey === undefined
  if (!project) return { state, keyless, master: false }
  const master = masterKey !== undefined && masterKey === project.masterKey
  const { version, name } = parseEndpointPath(ctx.url.pathname, state.basePath)
  const endpoint = version === API_VERSION && name !== null ? state.endpoints.get('key', scoped(project.id, name)) : undefined
  const origin = ctx.request.headers.get('origin')
  const allowed = state.allowedOrigins.get(project.id)
  const originOk = origin !== null && (master || !allowed || allowed.size === 0 || allowed.has(normaliseOrigin(origin)))
  const originFailure = master ? undefined : origin !== null ? (originOk ? undefined : 'originNotAllowed') : project.disallowNoOrigin ? 'noOriginDisallowed' : undefined
  return { state, keyless, project, master, endpoint, originFailure, corsOrigin: originOk ? origin : undefined }
}

/**
 * What the request names: its project, endpoint and origin verdict (computed once per request).
 * @example
 * resolve(ctx).endpoint?.kind // 'auth' for …/examples/auth?key=…
 */
export function resolve(ctx: Ctx): Resolution {
  const known = resolutions.get(ctx.request)
  if (known && known.state === ctx.state) return known
  const fresh = resolveUncached(ctx)
  resolutions.set(ctx.request, fresh)
  return fresh
}

/**
 * Runs checks 1–4 for an operation served by endpoints of the given kind (`any` for a preflight).
 * @example
 * const gate = checkGate(ctx, 'auth')
 * if (!gate.ok) return { behaviour: `rested.logout.${gate.failure}` }
 */
export function checkGate(ctx: Ctx, kind: RestedEndpoint['kind'] | 'any'): GateResult {
  const r = resolve(ctx)
  if (r.keyless) return { ok: false, failure: 'missingApiKey' }
  if (!r.project || !r.endpoint || (kind !== 'any' && r.endpoint.kind !== kind)) return { ok: false, failure: 'invalidEndpointOrKey' }
  if (r.originFailure) return { ok: false, failure: r.originFailure }
  return { ok: true, project: r.project, endpoint: r.endpoint, master: r.master }
}

/**
 * Checks 1–4 for an operation, a failure already turned into that operation's catalogue outcome.
 * @example
 * const gate = passGate(ctx, 'logout', 'auth')
 * if (!gate.ok) return gate.outcome
 */
export function passGate(ctx: Ctx, operation: string, kind: RestedEndpoint['kind']): Refusal | Extract<GateResult, { ok: true }> {
  const gate = checkGate(ctx, kind)
  return gate.ok ? gate : { ok: false, outcome: { behaviour: `rested.${operation}.${gate.failure}` } }
}
