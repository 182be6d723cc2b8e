/**
 * Command-line options of the standalone server.
 */
import { parseArgs } from 'node:util'
import type { ServerOptions } from './app.ts'
import { LOG_LEVELS, type LogLevel } from './log-format.ts'

export const HELP = `logout-mocks — mock server for the logout endpoints of Rested.dev, Dreadnode, Ory Kratos and WebmixHub

Usage: npm start -- [options]        (or: npx logout-mocks [options])

Options:
  --port <n>              port to listen on (env PORT, default 9090; 0 = any free port)
  --host <addr>           address to bind (env HOST, default 127.0.0.1)
  --providers <a,b>       serve only these providers (default: all)
  --set <p.option=value>  provider option, repeatable; value parsed as JSON when it can be
                          e.g. --set dreadnode.unauthenticatedLogout=idempotent --set dreadnode.rateLimit=5
  --cors-origins <a,b>    allow only these origins (default: every origin reflected, with credentials)
  --seed <n>              deterministic ids and tokens
  --journal-size <n>      requests kept in the journal (default 1000)
  --clock <ISO date>      start the platform clock at this time
  --log <level>           line (default): one line per request; headers: also each request's and response's
                          headers; bodies: headers and bodies (as the journal keeps them, --journal-body-bytes)
  --journal-body-bytes <n>  bytes of each request/response body the journal keeps (default 2048; 0: none)
  --quiet                 no per-request log lines
  -h, --help              this help

Control API: GET http://<host>:<port>/__mock lists its routes (reset, catalogue, requests, scenarios, clock,
coverage, state, sessions, openapi). Force any documented response with the header Prefer: code=<status> or
Prefer: example=<behaviour id> (or the query twins __code / __example).`

export class UsageError extends Error {}

function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer between ${min} and ${max}, got "${value}"`)
  return n
}

/**
 * Parses argv (without node and script) and the environment into server options.
 * @example
 * parseCli(['--port', '0', '--set', 'dreadnode.minClientVersion="2.0.0"'], {})
 */
export function parseCli(argv: readonly string[], env: Record<string, string | undefined>): { help: true } | { help: false; options: ServerOptions; quiet: boolean } {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        providers: { type: 'string' },
        set: { type: 'string', multiple: true },
        'cors-origins': { type: 'string' },
        seed: { type: 'string' },
        'journal-size': { type: 'string' },
        clock: { type: 'string' },
        quiet: { type: 'boolean' },
        log: { type: 'string' },
        'journal-body-bytes': { type: 'string' },
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
  const providerOptions: Record<string, Record<string, unknown>> = {}
  for (const assignment of v.set ?? []) {
    const m = assignment.match(/^([a-z0-9-]+)\.([A-Za-z0-9_]+)=(.*)$/s)
    if (!m) throw new UsageError(`--set expects <provider>.<option>=<value>, got "${assignment}"`)
    let value: unknown = m[3]
    try {
      value = JSON.parse(m[3])
    } catch {
      /* a bare string */
    }
    ;(providerOptions[m[1]] ??= {})[m[2]] = value
  }
  if (v.log !== undefined && !(LOG_LEVELS as readonly string[]).includes(v.log)) throw new UsageError(`--log must be one of ${LOG_LEVELS.join(', ')}, got "${v.log}"`)
  if (v.clock !== undefined && Number.isNaN(Date.parse(v.clock))) throw new UsageError(`--clock must be an ISO date, got "${v.clock}"`)
  const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean))
  return {
    help: false,
    quiet: v.quiet ?? false,
    options: {
      port: intOption('port', v.port ?? env.PORT, 0, 65535) ?? 9090,
      host: v.host ?? env.HOST ?? '127.0.0.1',
      corsOrigins: list(v['cors-origins']) ?? null,
      logLevel: v.log as LogLevel | undefined,
      mocks: {
        only: list(v.providers),
        providers: providerOptions,
        seed: intOption('seed', v.seed, 0, 2 ** 31 - 1),
        journalSize: intOption('journal-size', v['journal-size'], 1, 1_000_000),
        journalBodyBytes: intOption('journal-body-bytes', v['journal-body-bytes'], 0, 1_048_576),
        clock: v.clock ? { start: v.clock } : undefined,
      },
    },
  }
}
