/**
 * Standalone entry: `npm start` (or `node server.ts`) serves every provider on http://127.0.0.1:9090.
 */
// First: on a Node below the floor the import stops here, with one sentence (see handlers/node-floor.ts).
import './handlers/node-floor.ts'
import type { ScenarioRequest } from './handlers/index.ts'
import { HELP, UsageError, parseCli } from './server/cli.ts'
import { startServer } from './server/app.ts'
import { ControlError } from './handlers/platform/control/control-error.ts'
import { OptionsError } from './handlers/platform/options/options-error.ts'
import { COMMANDS, COMMANDS_HELP, runCommand } from './server/commands.ts'

export { startServer } from './server/app.ts'
export type { RunningServer, ServerOptions } from './server/app.ts'

/**
 * Runs the CLI: parses flags, starts the server, prints where each provider lives, shuts down on SIGINT/SIGTERM.
 * @example
 * await main(['--port', '9091'])
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  if ((COMMANDS as readonly string[]).includes(argv[0] ?? '')) {
    try {
      await runCommand(argv, (text) => console.log(text))
    } catch (e) {
      if (!(e instanceof UsageError)) throw e
      console.error(`logout-mocks: ${e.message}\n\n${COMMANDS_HELP}`)
      process.exitCode = 2
    }
    return
  }
  let cli
  try {
    cli = parseCli(argv, process.env)
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`logout-mocks: ${e.message}\n\n${HELP}`)
      process.exitCode = 2
      return
    }
    if (e instanceof OptionsError) return failOptions(e)
    throw e
  }
  if (cli.help) {
    console.log(`${HELP}\n\n${COMMANDS_HELP}`)
    return
  }
  if (cli.print !== undefined) {
    console.log(cli.print)
    return
  }
  let running
  try {
    running = await startServer({ ...cli.options, log: cli.quiet ? null : undefined })
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    if (err instanceof OptionsError) return failOptions(err)
    if (err.code === 'EADDRINUSE') console.error(`logout-mocks: port ${cli.options.port} is already in use (try --port <n>, or --port 0 for any free port)`)
    else if (err instanceof TypeError) console.error(`logout-mocks: ${err.message}`)
    else console.error('logout-mocks: could not start:', err)
    process.exitCode = 1
    return
  }
  // The config file's scenarios, armed before the banner says the server is ready.
  for (const [i, scenario] of cli.scenarios.entries()) {
    try {
      // The file's ids are data: the catalogue checks them here, and a wrong one is the ControlError below.
      running.mocks.scenarios.add(scenario as ScenarioRequest)
    } catch (e) {
      if (!(e instanceof ControlError)) throw e
      await running.close()
      return failOptions(new OptionsError(`${cli.configFile}: /scenarios/${i}: ${e.message}`))
    }
  }
  console.log(`logout-mocks listening on ${running.origin}`)
  for (const p of running.mocks.providers) console.log(`  ${p.id.padEnd(10)} ${p.baseUrl}`)
  console.log(`  panel      ${running.origin}/__mock/ui  (force responses, watch requests, coverage, sessions)`)
  console.log(`  control    ${running.origin}/__mock${cli.options.controlToken ? '  (token required: Authorization: Bearer <token>; in a browser open /__mock?token=<token> once)' : ''}`)
  for (const warning of cli.warnings) console.log(warning)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: shutting down (finishing requests in flight)…`)
    void running.close().then(() => {
      console.log('stopped')
      process.exit(0)
    })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

/** A wrong option value or config file: its message as one line, exit 2 (a usage error, not a crash). */
function failOptions(e: OptionsError): void {
  console.error(`logout-mocks: ${e.message}`)
  process.exitCode = 2
}

// Run as `node server.ts` (npm start). Not a top-level await: it would keep CommonJS consumers from require()-ing
// logout-mocks/server (Node's require of ES modules refuses a module graph with top-level await).
if (import.meta.main) void main()
