/**
 * Catalogue building blocks for Rested.dev: the builders for error entries (the four project checks every
 * custom-endpoint operation shares, and body/credential entries). Sources are in `sources.ts`.
 *
 * Error entries declare `application/json` and the `error` schema: the catalogue is one per provider, not one per
 * configuration, so it describes the default `errorFormat` ("json"). With `errorFormat: "text"` the same entries
 * answer the same status with the bare reason as `text/plain`; documented entries say so in an `assumptions` item
 * naming `errorFormat`, assumed ones point to docs/providers/rested.md, which says it, and so does the option's
 * description.
 */
import type { Behaviour, Source } from '../platform/types.ts'
import type { RestedConfig } from './config.ts'
import type { RestedState } from './model.ts'
import type { GateFailure } from './gate.ts'
import { MESSAGES } from './messages.ts'
import { restedError } from './responses.ts'
import { assumed, documented, type RestedPage } from './sources.ts'

export type RestedBehaviour = Behaviour<RestedState, RestedConfig>

/**
 * The error body is undocumented: what the entry declares is the default; `errorFormat` switches it. Documented
 * entries list it among their assumptions; assumed entries point to a docs section that says it as well.
 */
const ERROR_FORMAT = {
  what: 'error body application/json {"message": "<reason>"} as declared; with errorFormat "text" the same status carries the bare reason as text/plain, which the declared contentType and schema do not describe',
  option: 'errorFormat',
} as const

/** An error entry's source with the error-format assumption added where the source can carry it. */
function withErrorFormat(source: Source): Source {
  return source.kind === 'documented' ? { ...source, assumptions: [...(source.assumptions ?? []), ERROR_FORMAT] } : source
}

/** What a failing check hands its error entry: a more precise reason text than the representative one. */
interface ErrorDetail {
  readonly message?: string
}

interface ErrorSpec {
  readonly operation: string
  readonly name: keyof typeof MESSAGES
  readonly status: number
  readonly title: string
  readonly trigger: string
  readonly source: Source
  readonly primary?: boolean
  /** The reason text, when this operation words it differently from `MESSAGES[name]`. */
  readonly message?: string
}

/**
 * One error entry: `{"message": <reason>}` (or text) with the project's CORS headers.
 * @example
 * errorBehaviour({ operation: 'login', name: 'emptyBody', status: 400, title: '…', trigger: '…', source: documented('login') })
 */
export function errorBehaviour(spec: ErrorSpec): RestedBehaviour {
  return {
    id: `rested.${spec.operation}.${spec.name}`,
    operation: spec.operation,
    status: spec.status,
    title: spec.title,
    trigger: spec.trigger,
    source: withErrorFormat(spec.source),
    contentType: 'application/json',
    schema: 'error',
    primary: spec.primary,
    respond: (ctx, raw) => restedError(ctx, spec.status, (raw as ErrorDetail | undefined)?.message ?? spec.message ?? MESSAGES[spec.name]),
  }
}

const GATE: readonly (Omit<ErrorSpec, 'operation' | 'source' | 'name'> & { name: GateFailure })[] = [
  { name: 'missingApiKey', status: 403, primary: true, title: '403 Missing API Key', trigger: 'no `key` and no `masterKey` query parameter' },
  {
    name: 'invalidEndpointOrKey',
    status: 400,
    primary: true,
    title: '400 Endpoint or API Key not valid',
    trigger:
      'unknown API key (or master key without key), version other than 1, endpoint name breaking the rule (encoded slash, dot segment, bad percent-encoding), endpoint unknown in the project or of the wrong kind',
  },
  { name: 'originNotAllowed', status: 403, title: '403 not allowed origin', trigger: '`Origin` not in the project\'s non-empty allowed origins (no valid masterKey)' },
  { name: 'noOriginDisallowed', status: 403, title: '403 disallowed request without origin', trigger: 'no `Origin` header while the project disallows no-origin requests (no valid masterKey)' },
]

/**
 * The four project checks of an operation (the 400 and 403 reasons every custom-endpoint page lists), 403
 * "Missing API Key" primary for 403.
 * @example
 * gateBehaviours('logout', 'logout').map((b) => b.id) // ['rested.logout.missingApiKey', …]
 */
export function gateBehaviours(operation: string, page: RestedPage): RestedBehaviour[] {
  return GATE.map((spec) => errorBehaviour({ ...spec, operation, source: documented(page) }))
}

/**
 * Body entries shared by operations that read a JSON body (login, register, secure create). `contentType` is the
 * source of the Content-Type refusal when the page does not document it (the create page accepts text/plain too).
 * @example
 * bodyBehaviours('login', 'login').map((b) => b.id) // ['rested.login.badContentType', …]
 */
export function bodyBehaviours(operation: string, page: RestedPage, contentType: Source = documented(page)): RestedBehaviour[] {
  return [
    errorBehaviour({ operation, name: 'badContentType', status: 400, title: '400 wrong Content-Type', trigger: 'Content-Type other than application/json', source: contentType }),
    errorBehaviour({ operation, name: 'emptyBody', status: 400, title: '400 empty body', trigger: 'application/json with an empty body', source: documented(page) }),
    errorBehaviour({ operation, name: 'malformedBody', status: 400, title: '400 body not a JSON object', trigger: 'body that is not valid JSON, JSON that is not an object, or JSON nested deeper than 512 levels', source: assumed('bodies-that-are-not-json-objects') }),
    errorBehaviour({ operation, name: 'bodyTooLarge', status: 400, title: '400 body too large', trigger: 'body over 1 MiB (over 64 KiB where the body is kept: register, create)', source: assumed('bodies-that-are-not-json-objects') }),
  ]
}

/**
 * The credential entries of register and login: the documented username/email rules, and the missing password —
 * documented on the register page ("username/email or password not present") and on the login page's twin ("If
 * username or password are not present"), whose reason text login words as its own (an assumption).
 * @example
 * credentialBehaviours('login').map((b) => b.id) // ['rested.login.usernameEmailRules', 'rested.login.missingPassword']
 */
export function credentialBehaviours(operation: 'login' | 'register'): RestedBehaviour[] {
  const register = operation === 'register'
  return [
    errorBehaviour({
      operation,
      name: 'usernameEmailRules',
      status: 400,
      title: '400 username/email rules',
      trigger: `both username and email, ${register ? 'neither (reason "username/email or password not present")' : 'neither'}, an empty/non-string username, or an invalid email`,
      source: documented(operation),
    }),
    errorBehaviour({
      operation,
      name: 'missingPassword',
      status: 400,
      title: register ? '400 username/email or password not present' : '400 password missing',
      trigger: 'no password, or not a non-empty string',
      source: register ? documented('register') : documented('yaweLogin', [{ what: 'the reason text "password is required" (docs/providers/rested.md#login-without-a-password)' }]),
      message: register ? MESSAGES.credentialsNotPresent : undefined,
    }),
  ]
}
