/**
 * Command-line options of the standalone server: flags, environment and the config file, in that order of
 * precedence (flags override the environment, which overrides the file).
 */
import { DEFAULT_KEEP_EXPIRED_MS, DEFAULT_MAX_RECORDS } from '../model/limits.ts'
import { parseArgs } from 'node:util'
import type { ServerOptions } from './app.ts'
import { registry, type LogoutMocksOptions } from '../handlers/index.ts'
// The config file's scenarios are checked against the catalogue at start (their ids are data, not code).
import type { ScenarioRequest } from '../handlers/platform/instance.ts'
import { describeProblem, OptionsError } from '../handlers/platform/options/options-error.ts'
import { checkSchema } from '../handlers/platform/catalogue/schema-check.ts'
import { CONFIG_FILE_NAME, configFileDocument, loadConfigFile, providerOptionsSchema } from './config-file.ts'
import { parseAssignments } from './option-assignments.ts'
import { LOG_LEVELS, type LogLevel } from './log-format.ts'
import { JournalBodyBytesSchema, JournalSizeSchema, KeepExpiredMsSchema, MaxRecordsSchema, SeedSchema } from '../handlers/platform/options/platform-options.ts'
import { CONTROL_ORIGIN_PATTERN, LaneIdleMsSchema, MaxLanesSchema, PortSchema } from './config-file.ts'
import { DEFAULT_LANE_IDLE_MS, DEFAULT_MAX_LANES } from '../handlers/platform/state/lanes.ts'
import { ANY_ORIGIN } from './cors.ts'
import { isLoopbackBind } from './control-guard.ts'

export const HELP = `logout-mocks — mock server for the logout endpoints of Rested.dev, Dreadnode, Ory Kratos and WebmixHub

Usage: npx logout-mocks [options]        (from a clone: npm start -- [options])

Options:
  --port <n>              port to listen on (env PORT, default 9090; 0 = any free port)
  --host <addr>           address to bind (env HOST, default 127.0.0.1)
  --providers <a,b>       serve only these providers (default: all)
  --set <p.option=value>  provider option, repeatable; the value is read as the option's type: text for a string,
                          a number, true/false, null where allowed, a JSON array or a,b list for a list
                          e.g. --set dreadnode.unauthenticatedLogout=idempotent --set dreadnode.rateLimit=5
  --config <path>         config file (default: ./${CONFIG_FILE_NAME} when present); flags override it
  --print-config-schema   print the config file's JSON Schema (every provider option with its type) and exit
  --cors-origins <a,b>    provider routes: also allow these origins (default: loopback origins only —
                          localhost, 127.0.0.1, [::1], *.localhost, any port — reflected, with credentials);
                          * allows every origin; the control API has its own --control-origins
  --seed <n>              deterministic ids and tokens
  --journal-size <n>      requests kept in the journal (default 1000)
  --max-records <n>       cap of each store that grows with traffic (sessions, tokens, flows…; default ${DEFAULT_MAX_RECORDS}):
                          past it the oldest record is evicted, with one log line
  --keep-expired-ms <n>   how long an expired record is still recognised as expired (default ${DEFAULT_KEEP_EXPIRED_MS}, a day)
  --clock <ISO date>      start the platform clock at this time
  --log <level>           line (default): one line per request; headers: also each request's and response's
                          headers; bodies: headers and bodies (as the journal keeps them, --journal-body-bytes)
  --journal-body-bytes <n>  bytes of each request/response body the journal keeps (default 2048; 0: none)
  --quiet                 no per-request log lines
  Lanes (isolated mocks on one server: X-Mock-Lane: <id>, http://<id>.localhost:<port>, ?__lane=<id>,
  or the cookie from GET /__mock/lanes/<id>/enter; ids [a-z0-9][a-z0-9-]{0,62}):
  --max-lanes <n>         lanes held at once, default included (default ${DEFAULT_MAX_LANES}); at the cap the least recently
                          used idle lane is dropped, or a 503 when every lane is busy
  --lane-idle-ms <n>      drop a lane unused this long (default ${DEFAULT_LANE_IDLE_MS}, 30 minutes; default never is)
  Control API security (/__mock answers same-origin requests and clients without an Origin, such as curl):
  --control-origins <a,b> origins allowed to call /__mock cross-origin (default: none)
  --allowed-hosts <a,b>   Host names /__mock answers besides localhost, *.localhost, IP addresses and the bound
                          host (.example.com = it and its subdomains)
  --control-token <t>     require Authorization: Bearer <t> on /__mock (8+ visible ASCII characters) (env LOGOUT_MOCKS_CONTROL_TOKEN); a browser
                          opens /__mock?token=<t> once and keeps it in an HttpOnly cookie
  -h, --help              this help

Environment: PORT, HOST, and LOGOUT_MOCKS_SET for provider options as whitespace-separated --set assignments
  (LOGOUT_MOCKS_SET="dreadnode.rateLimit=5 kratos.cookieSecure=false"). Precedence: flags, then the environment,
  then the config file, then the defaults. A wrong option value exits 2 and names the option, the value and what is
  allowed; GET /__mock/catalogue and --print-config-schema list every provider's options with types and defaults.

Config file (JSON): { "port", "host", "providers": [ids], "options": { "<provider>": { "<option>": value } },
  "scenarios": [{ "behaviour" | "operation", "times", "delayMs", "fault" }], "journalSize", "journalBodyBytes",
  "maxRecords", "keepExpiredMs", "maxLanes", "laneIdleMs", "seed", "clock", "log", "corsOrigins", "controlOrigins", "allowedHosts", "quiet" };
  scenarios are armed at start.

Control panel: open http://<host>:<port>/__mock/ui in a browser to force any response, watch requests live, see
coverage and mint sessions.

Control API: GET http://<host>:<port>/__mock lists its routes (reset, catalogue, requests, scenarios, clock,
coverage, state, sessions, openapi); POST and DELETE need -H 'Content-Type: application/json'. Force any documented response with the header Prefer: code=<status> or
Prefer: example=<behaviour id> (or the query twins __code / __example).`

/** A command line that cannot be understood (unknown flag, malformed number): exit 2 with the usage. */
export class UsageError extends Error {}

export type CliResult =
  | { help: true }
  /** Print this and exit (`--print-config-schema`). */
  | { help: false; print: string }
  | {
      help: false
      print?: undefined
      options: ServerOptions
      quiet: boolean
      /** Scenarios to arm once the server runs, from the config file. */
      scenarios: readonly ScenarioRequest[]
      /** The config file read, if any (as given), to name it in errors about its scenarios. */
      configFile: string | null
      /** Lines the banner prints about what the options open to other origins and hosts (bannerWarnings). */
      warnings: readonly string[]
    }

/** An integer flag, in the range its schema gives (the one the config file and createLogoutMocks check too). */
function intOption(name: string, value: string | undefined, schema: object): number | undefined {
  if (value === undefined) return undefined
  const { minimum: min = Number.MIN_SAFE_INTEGER, maximum: max = Number.MAX_SAFE_INTEGER } = schema as { minimum?: number; maximum?: number }
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer between ${min} and ${max}, got "${value}"`)
  return n
}

/** `--cors-origins`: what the config file's `corsOrigins` accepts (URLs, or `*`), else a usage error naming the bad one. */
function corsOrigins(value: string | undefined): string[] | undefined {
  const origins = list(value)
  for (const o of origins ?? []) if (o !== ANY_ORIGIN && !URL.canParse(o)) throw new UsageError(`--cors-origins takes origins like http://localhost:5173 (or * for every origin), got "${o}"`)
  return origins
}

/**
 * The warnings the banner prints for what the options open beyond this machine's own pages: a non-loopback bind
 * (say how to let other origins in, deliberately), every origin allowed on the provider routes, and a control plane
 * opened to other origins by a config file the user may not know is there.
 * @example
 * bannerWarnings({ host: '0.0.0.0', corsOrigins: null, controlOrigins: [] }, null)
 * // ['note: bound to 0.0.0.0: provider routes answer cross-origin requests from loopback origins only; …']
 */
export function bannerWarnings(options: Pick<ServerOptions, 'host' | 'corsOrigins' | 'controlOrigins'>, configFile: string | null, fileControlOrigins: readonly string[] = []): string[] {
  const lines: string[] = []
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackBind(host) && (options.corsOrigins ?? []).length === 0) {
    lines.push(`note: bound to ${host}: provider routes answer cross-origin requests from loopback origins only (localhost, 127.0.0.1, [::1], *.localhost); add a page's origin with --cors-origins <origin>`)
  }
  if (options.corsOrigins?.includes(ANY_ORIGIN)) lines.push('WARNING: --cors-origins * : every web page can call the provider routes with credentials')
  if (configFile !== null && fileControlOrigins.length > 0) {
    lines.push(`WARNING: ${configFile} opens the control API (/__mock) to ${fileControlOrigins.join(', ')}: pages there can read and change the mock`)
  }
  return lines
}

const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean))

type ProviderOptionsById = Record<string, Record<string, unknown>>

/** Provider options from `--set` or `LOGOUT_MOCKS_SET`, read by each option's schema and validated against it. */
function assignedOptions(assignments: readonly string[], source: string): ProviderOptionsById {
  const options = parseAssignments(assignments, registry, source)
  const problems = checkSchema(providerOptionsSchema(registry), options)
  if (problems.length > 0) {
    const where = (path: readonly string[]) => [source, path.join('.')].filter(Boolean).join(' ')
    throw new OptionsError(problems.map((p) => describeProblem(p, where, p.path.length === 0 ? 'provider' : 'option')).join('; '), problems)
  }
  return options
}

/** The control-plane security flags (server/control-guard.ts). */
function controlOptions(origins: string | undefined, hosts: string | undefined, token: string | undefined): Pick<ServerOptions, 'controlOrigins' | 'allowedHosts' | 'controlToken'> {
  for (const o of list(origins) ?? []) if (!new RegExp(CONTROL_ORIGIN_PATTERN).test(o)) throw new UsageError(`--control-origins takes origins like http://localhost:5173, got "${o}"`)
  if (token !== undefined && !/^[\x21-\x7e]{8,}$/.test(token)) throw new UsageError('--control-token must be at least 8 visible ASCII characters')
  return { controlOrigins: list(origins) ?? [], allowedHosts: list(hosts) ?? [], controlToken: token ?? null }
}

/** `--max-records` and `--keep-expired-ms` over the config file's, when given (model/limits.ts fills in the defaults). */
function storeLimitFlags(
  maxRecords: string | undefined,
  keepExpiredMs: string | undefined,
  file: { maxRecords?: number; keepExpiredMs?: number },
): { maxRecords?: number; keepExpiredMs?: number } | undefined {
  const limits = {
    maxRecords: intOption('max-records', maxRecords, MaxRecordsSchema) ?? file.maxRecords,
    keepExpiredMs: intOption('keep-expired-ms', keepExpiredMs, KeepExpiredMsSchema) ?? file.keepExpiredMs,
  }
  return limits.maxRecords === undefined && limits.keepExpiredMs === undefined ? undefined : limits
}

/** Later sources override earlier ones, option by option. */
function mergeProviderOptions(...sources: (ProviderOptionsById | undefined)[]): ProviderOptionsById {
  const out: ProviderOptionsById = {}
  for (const source of sources) for (const [id, options] of Object.entries(source ?? {})) out[id] = { ...out[id], ...options }
  return out
}

/**
 * Parses argv (without node and script), the environment and the config file (looked up in `cwd`) into server
 * options. Throws `UsageError` for a malformed command line, `OptionsError` for a wrong option value or config file.
 * @example
 * parseCli(['--port', '0', '--set', 'dreadnode.minClientVersion=2.0.0'], {})
 */
export function parseCli(argv: readonly string[], env: Record<string, string | undefined>, cwd: string = process.cwd()): CliResult {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        providers: { type: 'string' },
        set: { type: 'string', multiple: true },
        config: { type: 'string' },
        'print-config-schema': { type: 'boolean' },
        'cors-origins': { type: 'string' },
        seed: { type: 'string' },
        'journal-size': { type: 'string' },
        'max-records': { type: 'string' },
        'keep-expired-ms': { type: 'string' },
        'control-origins': { type: 'string' },
        'allowed-hosts': { type: 'string' },
        'control-token': { type: 'string' },
        clock: { type: 'string' },
        quiet: { type: 'boolean' },
        log: { type: 'string' },
        'journal-body-bytes': { type: 'string' },
        'max-lanes': { type: 'string' },
        'lane-idle-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const v = parsed.values
  if (v.help) return { help: true }
  if (v['print-config-schema']) return { help: false, print: JSON.stringify(configFileDocument(registry), null, 2) }
  const file = loadConfigFile(v.config, cwd, registry)
  const fromFile = file?.config ?? {}
  const envSet = env.LOGOUT_MOCKS_SET?.split(/\s+/).filter(Boolean) ?? []
  const providers = mergeProviderOptions(fromFile.options as ProviderOptionsById | undefined, assignedOptions(envSet, 'LOGOUT_MOCKS_SET'), assignedOptions(v.set ?? [], '--set'))
  if (v.log !== undefined && !(LOG_LEVELS as readonly string[]).includes(v.log)) throw new UsageError(`--log must be one of ${LOG_LEVELS.join(', ')}, got "${v.log}"`)
  if (v.clock !== undefined && Number.isNaN(Date.parse(v.clock))) throw new UsageError(`--clock must be an ISO date, got "${v.clock}"`)
  const clock = v.clock ?? fromFile.clock
  const options: ServerOptions = {
    port: intOption('port', v.port ?? env.PORT, PortSchema) ?? fromFile.port ?? 9090,
    host: v.host ?? env.HOST ?? fromFile.host ?? '127.0.0.1',
    corsOrigins: corsOrigins(v['cors-origins']) ?? fromFile.corsOrigins ?? null,
    logLevel: (v.log as LogLevel | undefined) ?? fromFile.log,
    maxLanes: intOption('max-lanes', v['max-lanes'], MaxLanesSchema) ?? fromFile.maxLanes,
    laneIdleMs: intOption('lane-idle-ms', v['lane-idle-ms'], LaneIdleMsSchema) ?? fromFile.laneIdleMs,
    ...controlOptions(v['control-origins'] ?? fromFile.controlOrigins?.join(','), v['allowed-hosts'] ?? fromFile.allowedHosts?.join(','), v['control-token'] ?? env.LOGOUT_MOCKS_CONTROL_TOKEN),
    mocks: {
      // Provider ids and option values are checked at run time (createLogoutMocks), as for any untyped caller.
      only: (list(v.providers) ?? fromFile.providers) as LogoutMocksOptions['only'],
      providers: providers as LogoutMocksOptions['providers'],
      seed: intOption('seed', v.seed, SeedSchema) ?? fromFile.seed,
      journalSize: intOption('journal-size', v['journal-size'], JournalSizeSchema) ?? fromFile.journalSize,
      journalBodyBytes: intOption('journal-body-bytes', v['journal-body-bytes'], JournalBodyBytesSchema) ?? fromFile.journalBodyBytes,
      clock: clock ? { start: clock } : undefined,
      limits: storeLimitFlags(v['max-records'], v['keep-expired-ms'], fromFile),
    },
  }
  const configFile = file?.name ?? null
  // The file's control origins count only when no flag replaced them.
  const fileControlOrigins = v['control-origins'] === undefined ? (fromFile.controlOrigins ?? []) : []
  return {
    help: false,
    quiet: v.quiet ?? fromFile.quiet ?? false,
    scenarios: fromFile.scenarios ?? [],
    configFile,
    options,
    warnings: bannerWarnings(options, configFile, fileControlOrigins),
  }
}
