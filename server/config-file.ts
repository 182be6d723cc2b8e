/**
 * The config file, `logout-mocks.config.json` in the working directory or `--config <path>`: the server's settings,
 * the providers and their options, and the scenarios to arm at start. Its JSON Schema is built from the registry
 * (provider ids, each provider's option schema), so the file is validated by the same schemas as every other way of
 * passing options; errors name the file and the JSON pointer of the wrong value.
 *
 * @example
 * // logout-mocks.config.json
 * {
 *   "port": 9090,
 *   "providers": ["dreadnode", "kratos"],
 *   "options": { "dreadnode": { "rateLimit": 5 }, "kratos": { "mountPrefix": "/.ory" } },
 *   "scenarios": [{ "behaviour": "dreadnode.logout.rateLimited", "times": 1 }],
 *   "journalSize": 500, "seed": 42, "clock": "2025-01-15T10:30:00Z", "corsOrigins": ["http://localhost:5173"]
 * }
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Type, type Static, type TSchema } from 'typebox'
import { LOG_LEVELS } from './log-format.ts'
import { describeProblem, OptionsError } from '../handlers/platform/options/options-error.ts'
import { checkSchema } from '../handlers/platform/catalogue/schema-check.ts'
import { ScenarioSchema } from '../handlers/platform/control/scenarios.ts'
import { JournalBodyBytesSchema, JournalSizeSchema, KeepExpiredMsSchema, MaxRecordsSchema, SeedSchema } from '../handlers/platform/options/platform-options.ts'
import type { AnyProvider } from '../handlers/platform/types.ts'

/** The file looked for in the working directory when `--config` is not given. */
export const CONFIG_FILE_NAME = 'logout-mocks.config.json'

export const PortSchema = Type.Integer({ minimum: 0, maximum: 65535, description: 'Port to listen on (0: any free port).' })
/** An origin `--control-origins` and `controlOrigins` take: scheme, host and port, nothing after. */
/** `--max-lanes` / `maxLanes`: lanes held at once, `default` included. */
export const MaxLanesSchema = Type.Integer({ minimum: 1, maximum: 4096, description: 'Most lanes held at once, default included (default 64).' })
/** `--lane-idle-ms` / `laneIdleMs`: a lane unused this long is dropped. */
export const LaneIdleMsSchema = Type.Integer({ minimum: 1000, maximum: 30 * 86_400_000, description: 'A lane unused this long (ms, real clock) is dropped (default 1800000, 30 minutes); default never is.' })

export const CONTROL_ORIGIN_PATTERN = '^https?://[^/]+$'


/** A schema built once per registry (so ajv compiles it once per process). */
function perRegistry<T extends object>(build: (registry: readonly AnyProvider[]) => T): (registry: readonly AnyProvider[]) => T {
  const built = new WeakMap<readonly AnyProvider[], T>()
  return (registry) => {
    let schema = built.get(registry)
    if (!schema) built.set(registry, (schema = build(registry)))
    return schema
  }
}

/**
 * The JSON Schema of provider options by provider id (`{ "dreadnode": { "rateLimit": 5 } }`): each provider's option
 * schema, any subset of its options.
 * @example
 * checkSchema(providerOptionsSchema(registry), { dreadnode: { rateLimit: 'abc' } }) // one problem at dreadnode/rateLimit
 */
export const providerOptionsSchema = perRegistry((registry) => {
  const byId: Record<string, TSchema> = Object.fromEntries(registry.map((p) => [p.id, Type.Optional(Type.Unsafe<Record<string, unknown>>(p.options.inputSchema))]))
  return Type.Object(byId, { additionalProperties: false, description: 'Provider options by provider id.' })
})

/**
 * The JSON Schema of the config file for these providers.
 * @example
 * configFileSchema(registry).properties.options.properties.dreadnode // dreadnode's option schema
 */
const configFileSchema = perRegistry((registry) => {
  const ids = registry.map((p) => p.id)
  return Type.Object(
    {
      $schema: Type.Optional(Type.String()),
      port: Type.Optional(PortSchema),
      host: Type.Optional(Type.String({ minLength: 1, description: 'Address to bind.' })),
      providers: Type.Optional(Type.Array(Type.Enum(ids), { uniqueItems: true, description: 'Serve only these providers (default: all).' })),
      options: Type.Optional(providerOptionsSchema(registry)),
      scenarios: Type.Optional(Type.Array(ScenarioSchema, { description: 'Scenarios armed at start (as POST /__mock/scenarios).' })),
      journalSize: Type.Optional(JournalSizeSchema),
      journalBodyBytes: Type.Optional(JournalBodyBytesSchema),
      maxRecords: Type.Optional(MaxRecordsSchema),
      keepExpiredMs: Type.Optional(KeepExpiredMsSchema),
      maxLanes: Type.Optional(MaxLanesSchema),
      laneIdleMs: Type.Optional(LaneIdleMsSchema),
      log: Type.Optional(Type.Enum([...LOG_LEVELS], { description: 'line, headers or bodies.' })),
      controlOrigins: Type.Optional(Type.Array(Type.String({ pattern: CONTROL_ORIGIN_PATTERN }), { description: 'Origins allowed to call /__mock cross-origin.' })),
      allowedHosts: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Host names /__mock answers besides loopback, IPs and the bound host.' })),
      seed: Type.Optional(SeedSchema),
      clock: Type.Optional(Type.String({ format: 'date-time', description: 'Start the platform clock at this time.' })),
      corsOrigins: Type.Optional(Type.Array(Type.Union([Type.Literal('*'), Type.String({ format: 'uri' })]), { description: 'Provider routes: origins allowed besides the loopback ones ("*": every origin).' })),
      quiet: Type.Optional(Type.Boolean({ description: 'No per-request log lines.' })),
    },
    { additionalProperties: false },
  )
})

export type ConfigFile = Static<ReturnType<typeof configFileSchema>>

/**
 * The config file's schema as a standalone JSON Schema document, for editors (`"$schema"` in the file).
 * @example
 * JSON.stringify(configFileDocument(registry)) // what `logout-mocks --print-config-schema` prints
 */
export function configFileDocument(registry: readonly AnyProvider[]): object {
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: `logout-mocks config file (${CONFIG_FILE_NAME})`, ...configFileSchema(registry) }
}

/** What an unknown key is, by where it is. */
const nounAt = (path: readonly string[]) => (path[0] !== 'options' ? 'key' : path.length === 1 ? 'provider' : 'option')

/**
 * Reads and validates a config file. `explicit`: it was named by `--config` (then a missing file is an error; the
 * default file is optional). Returns null when the default file is absent; `name` is the file as given, for messages.
 * @example
 * loadConfigFile(undefined, process.cwd(), registry) // { name: 'logout-mocks.config.json', config: {…} } or null
 */
export function loadConfigFile(explicit: string | undefined, cwd: string, registry: readonly AnyProvider[]): { name: string; config: ConfigFile } | null {
  const file = path.resolve(cwd, explicit ?? CONFIG_FILE_NAME)
  const shown = explicit ?? CONFIG_FILE_NAME
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && explicit === undefined) return null
    throw new OptionsError(`${shown}: cannot read the config file (${code ?? (e as Error).message})`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    // JSON.parse's message quotes the start of the text: `--config /etc/shadow` would print its first bytes.
    throw new OptionsError(`${shown}: not valid JSON (${text.length} characters; the file's content is not shown)`)
  }
  const problems = checkSchema(configFileSchema(registry), data)
  if (problems.length > 0) {
    const pointer = (p: readonly string[]) => (p.length === 0 ? shown : `${shown}: /${p.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`)
    throw new OptionsError(problems.map((p) => describeProblem(p, pointer, nounAt(p.path))).join('; '), problems)
  }
  return { name: shown, config: data as ConfigFile }
}
