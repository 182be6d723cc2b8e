/**
 * Catalogue building blocks for Rested.dev: sources, and the builders for error entries (the four gate entries every
 * custom-endpoint operation shares, and body/credential entries).
 *
 * Error entries declare `application/json` and the `error` schema: the catalogue is one per provider, not one per
 * configuration, so it describes the default `errorFormat` ("json"). With `errorFormat: "text"` the same entries
 * answer the same status with the bare reason as `text/plain`; every error entry says so in its source (an
 * `assumptions` item naming `errorFormat` on documented entries, the ref text on assumed ones), and so does the
 * option's description.
 */
import type { Behaviour, Source } from '../platform/types.ts'
import type { RestedConfig } from './config.ts'
import type { RestedState } from './model.ts'
import type { GateFailure } from './gate.ts'
import { MESSAGES } from './messages.ts'
import { restedError } from './responses.ts'

export type RestedBehaviour = Behaviour<RestedState, RestedConfig>

const LOGOUT_REF = 'seeds/000_cede2f732a695e0d.txt (rested.dev/docs/authentication/authentication-logout); contracts/rested.md'

/** A part of a documented response that is our assumption, and the option that switches it (if any). */
type Assumption = { readonly what: string; readonly option?: string }

/**
 * A documented entry: the contract section (and through it, the vendor page) it comes from, and the parts of the
 * response that are nevertheless our assumptions.
 * @example
 * documented('Register: success { uniqueId, data }', [{ what: 'status 200' }])
 */
export function documented(section: string, assumptions: readonly Assumption[] = []): Source {
  return { kind: 'documented', ref: `${LOGOUT_REF} — ${section}`, ...(assumptions.length > 0 ? { assumptions } : {}) }
}

/**
 * An entry resting on an ASSUMPTION of the contract (or of the mock, where the docs are silent).
 * @example
 * assumed('Logout row 5: no/unknown/revoked token is 401 {message}', 'unauthenticatedLogout')
 */
export const assumed = (what: string, option?: string): Source => ({ kind: 'assumed', ref: `contracts/rested.md: ASSUMPTION — ${what}`, option })

/** The error body is undocumented: what the entry declares is the default; `errorFormat` switches it. */
const ERROR_FORMAT = {
  what: 'error body application/json {"message": "<reason>"} as declared; with errorFormat "text" the same status carries the bare reason as text/plain, which the declared contentType and schema do not describe',
  option: 'errorFormat',
} as const

/** An error entry's source with the error-format assumption added where the source can carry it. */
function withErrorFormat(source: Source): Source {
  if (source.kind === 'documented') return { ...source, assumptions: [...(source.assumptions ?? []), ERROR_FORMAT] }
  return { ...source, ref: `${source.ref}; ${ERROR_FORMAT.what} (option ${ERROR_FORMAT.option})` }
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
}

/**
 * One error entry: `{"message": <reason>}` (or text) with the project's CORS headers.
 * @example
 * errorBehaviour({ operation: 'login', name: 'emptyBody', status: 400, title: '…', trigger: '…', source: documented('Login') })
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
    respond: (ctx, raw) => restedError(ctx, spec.status, (raw as ErrorDetail | undefined)?.message ?? MESSAGES[spec.name]),
  }
}

const GATE: readonly (Omit<ErrorSpec, 'operation' | 'source' | 'name'> & { name: GateFailure; row: string })[] = [
  { name: 'missingApiKey', status: 403, row: 'row 1', primary: true, title: '403 Missing API Key', trigger: 'no `key` and no `masterKey` query parameter' },
  {
    name: 'invalidEndpointOrKey',
    status: 400,
    row: 'row 2',
    primary: true,
    title: '400 Endpoint or API Key not valid',
    trigger:
      'unknown API key (or master key without key), version other than 1, endpoint name breaking the rule (encoded slash, dot segment, bad percent-encoding), endpoint unknown in the project or of the wrong kind',
  },
  { name: 'originNotAllowed', status: 403, row: 'row 3', title: '403 not allowed origin', trigger: '`Origin` not in the project\'s non-empty allowed origins (no valid masterKey)' },
  { name: 'noOriginDisallowed', status: 403, row: 'row 4', title: '403 disallowed request without origin', trigger: 'no `Origin` header while the project disallows no-origin requests (no valid masterKey)' },
]

/**
 * The four gate entries of an operation (contract rows 1–4), 403 "Missing API Key" primary for 403.
 * @example
 * gateBehaviours('logout').map((b) => b.id) // ['rested.logout.missingApiKey', …]
 */
export function gateBehaviours(operation: string): RestedBehaviour[] {
  return GATE.map(({ row, ...spec }) => errorBehaviour({ ...spec, operation, source: documented(`Logout table ${row}; the same project checks for every custom endpoint`) }))
}

/**
 * Body entries shared by operations that read a JSON body (login, register, secure create).
 * @example
 * bodyBehaviours('login', 'Login').map((b) => b.id) // ['rested.login.badContentType', …]
 */
export function bodyBehaviours(operation: string, sourceSection: string): RestedBehaviour[] {
  return [
    errorBehaviour({ operation, name: 'badContentType', status: 400, title: '400 wrong Content-Type', trigger: 'Content-Type other than application/json', source: documented(`${sourceSection}: 400 wrong Content-Type (only application/json)`) }),
    errorBehaviour({ operation, name: 'emptyBody', status: 400, title: '400 empty body', trigger: 'application/json with an empty body', source: documented(`${sourceSection}: 400 empty body`) }),
    errorBehaviour({ operation, name: 'malformedBody', status: 400, title: '400 body not a JSON object', trigger: 'body that is not valid JSON, or JSON that is not an object', source: assumed('a non-JSON body is a 400 like the documented body errors') }),
    errorBehaviour({ operation, name: 'bodyTooLarge', status: 400, title: '400 body too large', trigger: 'body over 1 MiB', source: assumed('bodies over 1 MiB are refused with a 400 like the documented body errors') }),
  ]
}

/**
 * The credential entries of register and login: the documented username/email rules, and the missing password
 * (not among the documented 400 reasons: assumed to be one more, like the rules).
 * @example
 * credentialBehaviours('login', 'Login').map((b) => b.id) // ['rested.login.usernameEmailRules', 'rested.login.missingPassword']
 */
export function credentialBehaviours(operation: 'login' | 'register', sourceSection: string): RestedBehaviour[] {
  return [
    errorBehaviour({
      operation,
      name: 'usernameEmailRules',
      status: 400,
      title: '400 username/email rules',
      trigger: 'both username and email, neither, an empty/non-string username, or an invalid email',
      source: documented(`${sourceSection}: 400 username/email rules (one of username/email, not both)`),
    }),
    errorBehaviour({
      operation,
      name: 'missingPassword',
      status: 400,
      title: '400 password missing',
      trigger: 'no password, or not a non-empty string',
      source: assumed('a missing or empty password is a 400 like the documented username/email rules'),
    }),
  ]
}
