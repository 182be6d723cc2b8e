/**
 * The contract between the platform and a provider.
 *
 * A provider is one folder under `handlers/` that exports a `ProviderDefinition`: its operations (method + path +
 * natural logic), its behaviour catalogue (every documented or assumed response, as data), its configuration defaults,
 * its model and its schemas. The platform turns that into msw handlers, forcing, scenarios, journal, coverage,
 * OpenAPI and the control API without knowing any provider by name.
 */
import type { Clock } from './state/clock.ts'
import type { ProviderOptions } from './options/options.ts'
import type { Random } from './state/random.ts'
import type { MockResponse } from './http/response.ts'
import type { IncomingRequest } from './http/buffered-request.ts'
import type { StoreLimits } from '../../model/limits.ts'

/** Where a behaviour comes from: the vendor's documentation, or one of our stated assumptions. */
export type Source =
  | {
      kind: 'documented'
      ref: string
      /** Parts of this documented response that are our assumptions, each with the option that switches it. */
      assumptions?: readonly { what: string; option?: string }[]
    }
  | {
      kind: 'assumed'
      ref: string
      /** The provider option that switches this assumption, if any (e.g. `unauthenticatedLogout`). */
      option?: string
    }

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'

/** What the platform hands a provider for one request. */
export interface RequestContext<State = unknown, Config = unknown> {
  /** The request as the provider sees it (forcing query twins removed). */
  readonly request: IncomingRequest
  readonly url: URL
  /** Path parameters captured by the operation's path pattern. */
  readonly params: Readonly<Record<string, string | readonly string[] | undefined>>
  readonly state: State
  readonly config: Config
  readonly clock: Clock
  readonly random: Random
  /** The caller's IP: the socket address standalone, `127.0.0.1` in-process, unless a provider trusts X-Forwarded-For. */
  readonly clientIp: string
  /** The provider's absolute base URL for this instance (no trailing slash). */
  readonly baseUrl: string
  /** True when the response is being forced (header, query twin or scenario) rather than produced naturally. */
  readonly forced: boolean
}

/** The natural logic's verdict: which catalogue entry applies, and the data its response needs. */
export interface Outcome {
  readonly behaviour: string
  readonly detail?: unknown
}

/**
 * One catalogue entry: a response the vendor documents (or we assume), with the condition that produces it.
 * `respond` must produce the same bytes whether the entry was reached naturally or forced; when forced, `detail` is
 * undefined and the builder uses representative defaults.
 */
export interface Behaviour<State = unknown, Config = unknown> {
  /** Stable id, `<provider>.<operation>.<name>`. */
  readonly id: string
  /** The operation id (without provider prefix). */
  readonly operation: string
  readonly status: number
  /** One line: what the response is. */
  readonly title: string
  /** The condition that produces it without forcing; `forced only` when none exists. */
  readonly trigger: string
  readonly source: Source
  /** Media type of the body, or null for an empty body (204, 303 without JSON). */
  readonly contentType: string | null
  /** Name of the JSON Schema (in the provider's `schemas`) the body validates against. */
  readonly schema?: string
  /** The representative entry when a status is forced and several entries share it. */
  readonly primary?: boolean
  /** False for entries that cannot be forced meaningfully (none by default). */
  readonly forceable?: boolean
  readonly respond: (ctx: RequestContext<State, Config>, detail?: unknown) => MockResponse | Promise<MockResponse>
}

/** One HTTP operation of a provider. */
export interface Operation<State = unknown, Config = unknown> {
  /** Operation id, unique within the provider (e.g. `logout`). */
  readonly id: string
  readonly method: HttpMethod
  /** Path relative to the provider's base URL, msw syntax (`/api/v1/auth/logout`, `/api/:version/ce/*`). */
  readonly path: string
  /**
   * More paths the same operation answers on (same state, behaviours and catalogue entries), e.g. an API served both
   * with and without a version segment. The journal's URL tells which one a request used.
   */
  readonly aliases?: readonly string[]
  readonly summary: string
  /**
   * For operations that share a method and path and differ by query or state (Rested.dev's `?login=true` vs
   * `?logout=true`): false lets the next operation's handler answer. Default: every request matching the path.
   */
  readonly accepts?: (ctx: RequestContext<State, Config>) => boolean
  /** A path (and query) relative to the base URL that this operation accepts, for generic tools; default: `path`. */
  readonly sample?: string
  /**
   * The body the operation reads, for the OpenAPI document: a schema name in the provider's `schemas`, its media type
   * (default `application/json`) and whether a request must carry one (a function when an option decides).
   */
  readonly requestBody?: { readonly schema: string; readonly required: boolean | ((config: Config) => boolean); readonly contentType?: string }
  readonly run: (ctx: RequestContext<State, Config>) => Outcome | Promise<Outcome>
}

/** Credentials handed out by `POST /__mock/sessions` and `mocks.sessions.create()`. */
export interface IssuedCredentials {
  readonly provider: string
  readonly user: string
  /** Cookies as `name=value` pairs, ready for a `Cookie` header. */
  readonly cookies?: Record<string, string>
  /** Headers a client sends to be authenticated. */
  readonly headers: Record<string, string>
  /** Anything else the provider's clients need (tokens, logout URLs…). */
  readonly [extra: string]: unknown
}

export interface ProviderSetup<Config> {
  readonly config: Config
  readonly clock: Clock
  readonly random: Random
  readonly baseUrl: string
  /** Lifetimes and caps for the stores that grow with traffic (model/expiring-table.ts, model/revocations.ts). */
  readonly limits: StoreLimits
}

export type { OptionDoc } from './options/options.ts'

export interface ProviderDefinition<State = unknown, Config extends { baseUrl: string } = { baseUrl: string }, Id extends string = string> {
  /** The provider id, a literal type so `createLogoutMocks` options can be typed per provider. */
  readonly id: Id
  readonly title: string
  /** The seed page and contract this provider follows. */
  readonly docs: string
  /** Its options (`defineOptions` in its `config.ts`): the JSON Schema, the defaults and the docs. */
  readonly options: ProviderOptions<Config>
  /**
   * Base URL used when a single origin serves every provider (the standalone server). Receives the origin, returns
   * this provider's base (e.g. `origin + '/auth'` for a provider mounted under a prefix).
   */
  readonly mount?: (origin: string, config: Config) => string
  readonly operations: readonly Operation<State, Config>[]
  readonly catalogue: readonly Behaviour<State, Config>[]
  /** JSON Schemas by name, referenced by `Behaviour.schema`. */
  readonly schemas: Readonly<Record<string, object>>
  /** Builds the model from the fixtures. Called at start and on every reset. */
  readonly createState: (setup: ProviderSetup<Config>) => Promise<State>
  /** A JSON view of the model for `/__mock/state`. */
  readonly snapshot: (state: State, clock: Clock) => unknown
  /** How many sessions still authenticate at `now` (platform clock), for `GET /__mock/lanes`; default 0. */
  readonly liveSessions?: (state: State, now: number, config: Config) => number
  /** Logs a fixture user in without HTTP, for `/__mock/sessions`. */
  readonly createSession?: (ctx: RequestContext<State, Config>, user: string) => Promise<IssuedCredentials>
  /** Control-API actions on the model (e.g. delete a user), under `/__mock/state/<provider>/<action>`. */
  readonly actions?: Readonly<Record<string, (state: State, input: Record<string, unknown>, ctx: RequestContext<State, Config>) => Promise<unknown>>>
  /** `own`: the provider answers CORS itself (its contract restricts origins); otherwise the platform's CORS applies. */
  readonly cors?: 'platform' | 'own'
  /**
   * Response headers of this provider's own that a browser client reads, added to the platform CORS's
   * `Access-Control-Expose-Headers` (the platform already exposes Authorization, Location, Retry-After and the
   * X-RateLimit headers).
   */
  readonly exposeHeaders?: readonly string[]
  /** Whether the client IP may come from `X-Forwarded-For` (a provider option, read from the config). */
  readonly trustForwardedFor?: (config: Config) => boolean
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProvider = ProviderDefinition<any, any, string>

/** The options a caller may pass for one provider: any subset of its configuration. */
export type ProviderOverrides<P extends AnyProvider> = Partial<P['options']['defaults']>
