/**
 * Command-line options of the standalone server.
 */
import { parseArgs } from 'node:util'
import type { ServerOptions } from './app.ts'

export const HELP = `logout-mocks — mock server for the logout endpoints of Rested.dev, Dreadnode, Ory Kratos and WebmixHub

Usage: npm start -- [options]        (or: npx logout-mocks [options])

Options:
  --port <n>              port to listen on (env PORT, default 9090; 0 = any free port)
  --host <addr>           address to bind (env HOST, default 127.0.0.1)
  --providers <a,b>       serve only these providers (default: all)
  --set <p.option=value>  provider option, repeatable; value parsed as JSON when it can be
                          e.g. --set dreadnode.unauthenticatedLogout=idempotent --set dreadnode.rateLimit=5
  --cors-origins <a,b>    provider routes: allow only these origins (default: every origin reflected, with
                          credentials); the control API has its own --control-origins
  --seed <n>              deterministic ids and tokens
  --journal-size <n>      requests kept in the journal (default 1000)
  --max-records <n>       cap of each store that grows with traffic (sessions, tokens, flows…; default 100000):
                          past it the oldest record is evicted, with one log line
  --keep-expired-ms <n>   how long an expired record is still recognised as expired (default 86400000, a day)
  --clock <ISO date>      start the platform clock at this time
  --quiet                 no per-request log lines
  Control API security (/__mock answers same-origin requests and clients without an Origin, such as curl):
  --control-origins <a,b> origins allowed to call /__mock cross-origin (default: none)
  --allowed-hosts <a,b>   Host names /__mock answers besides localhost, *.localhost, IP addresses and the bound
                          host (.example.com = it and its subdomains)
  --control-token <t>     require Authorization: Bearer <t> on /__mock (env LOGOUT_MOCKS_CONTROL_TOKEN); a browser
                          opens /__mock?token=<t> once and keeps it in an HttpOnly cookie
  -h, --help              this help

Control API: GET http://<host>:<port>/__mock lists its routes (reset, catalogue, requests, scenarios, clock,
coverage, state, sessions, openapi); POST and DELETE need -H 'Content-Type: application/json'. Force any documented response with the header Prefer: code=<status> or
Prefer: example=<behaviour id> (or the query twins __code / __example).`

export class UsageError extends Error {}

function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer between ${min} and ${max}, got "${value}"`)
  return n
}

/** The control-plane security flags (server/control-guard.ts). */
function controlOptions(origins: string | undefined, hosts: string | undefined, token: string | undefined): Pick<ServerOptions, 'controlOrigins' | 'allowedHosts' | 'controlToken'> {
  const list = (s: string | undefined) => s?.split(',').map((x) => x.trim()).filter(Boolean) ?? []
  for (const o of list(origins)) if (!/^https?:\/\/[^/]+$/.test(o)) throw new UsageError(`--control-origins takes origins like http://localhost:5173, got "${o}"`)
  if (token !== undefined && !/^[\x21-\x7e]{8,}$/.test(token)) throw new UsageError('--control-token must be at least 8 visible ASCII characters')
  return { controlOrigins: list(origins), allowedHosts: list(hosts), controlToken: token ?? null }
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
        'max-records': { type: 'string' },
        'keep-expired-ms': { type: 'string' },
        clock: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        'control-origins': { type: 'string' },
        'allowed-hosts': { type: 'string' },
        'control-token': { type: 'string' },
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
  if (v.clock !== undefined && Number.isNaN(Date.parse(v.clock))) throw new UsageError(`--clock must be an ISO date, got "${v.clock}"`)
  const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean))
  return {
    help: false,
    quiet: v.quiet ?? false,
    options: {
      port: intOption('port', v.port ?? env.PORT, 0, 65535) ?? 9090,
      host: v.host ?? env.HOST ?? '127.0.0.1',
      corsOrigins: list(v['cors-origins']) ?? null,
      ...controlOptions(v['control-origins'], v['allowed-hosts'], v['control-token'] ?? env.LOGOUT_MOCKS_CONTROL_TOKEN),
      mocks: {
        only: list(v.providers),
        providers: providerOptions,
        seed: intOption('seed', v.seed, 0, 2 ** 31 - 1),
        journalSize: intOption('journal-size', v['journal-size'], 1, 1_000_000),
        clock: v.clock ? { start: v.clock } : undefined,
        limits: { maxRecords: intOption('max-records', v['max-records'], 1, 100_000_000), keepExpiredMs: intOption('keep-expired-ms', v['keep-expired-ms'], 0, 8.64e15) },
      },
    },
  }
}
