/**
 * Subcommands that answer without starting a server:
 *   logout-mocks catalogue [--provider <id>] [--json]   every behaviour, readable or as JSON
 *   logout-mocks openapi <provider> [--origin <url>]     the provider's OpenAPI 3.1 document
 */
import { parseArgs } from 'node:util'
import { createLogoutMocks } from '../handlers/index.ts'
import { describeCatalogue } from '../handlers/platform/catalogue/catalogue-doc.ts'
import { buildOpenApi } from '../handlers/platform/catalogue/openapi.ts'
import { UsageError } from './cli.ts'

export const COMMANDS_HELP = `Commands (no server started):
  catalogue [--provider <id>] [--json]   print every behaviour: status, id, documented/assumed, title
  openapi <provider> [--origin <url>]    print the provider's OpenAPI 3.1 document (servers: the vendor's base URL,
                                         or the standalone origin given)`

export const COMMANDS = ['catalogue', 'openapi'] as const

/**
 * Runs a subcommand, writing to `out`; throws UsageError on bad arguments.
 * @example
 * await runCommand(['catalogue', '--provider', 'dreadnode'], console.log)
 */
export async function runCommand(argv: readonly string[], out: (text: string) => void): Promise<void> {
  const [command, ...rest] = argv
  let parsed
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { provider: { type: 'string' }, json: { type: 'boolean' }, origin: { type: 'string' } },
      strict: true,
      allowPositionals: command === 'openapi',
    })
  } catch (e) {
    throw new UsageError(`${command}: ${(e as Error).message}`)
  }
  const { values, positionals } = parsed
  const providerId = command === 'openapi' ? positionals[0] : values.provider
  if (command === 'openapi' && (positionals.length !== 1 || !providerId)) throw new UsageError('openapi needs exactly one provider id: logout-mocks openapi <provider>')
  if (values.origin !== undefined && !/^https?:\/\/[^/]+$/.test(values.origin)) throw new UsageError(`--origin must be an origin like http://127.0.0.1:9090, got "${values.origin}"`)
  const mocks = createLogoutMocks(values.origin ? { origin: values.origin } : {})
  const known = mocks.providers.map((p) => p.id)
  if (providerId !== undefined && !known.includes(providerId)) throw new UsageError(`unknown provider "${providerId}" (known: ${known.join(', ')})`)

  if (command === 'openapi') {
    out(JSON.stringify(buildOpenApi(mocks, providerId!), null, 2))
    return
  }
  const doc = describeCatalogue(mocks)
  const providers = doc.providers.filter((p) => providerId === undefined || p.id === providerId)
  if (values.json) {
    out(JSON.stringify({ providers }, null, 2))
    return
  }
  const lines: string[] = []
  for (const p of providers) {
    const behaviours = p.operations.flatMap((o) => o.behaviours)
    const documented = behaviours.filter((b) => b.source.kind === 'documented').length
    lines.push(`${p.title} (${p.id}) — ${behaviours.length} behaviours, ${documented} documented — ${p.baseUrl}`)
    for (const op of p.operations) {
      lines.push(`  ${op.method} ${op.path}  (${op.id})`)
      for (const b of op.behaviours) lines.push(`    ${b.status}  ${b.id.padEnd(58)} ${b.source.kind.padEnd(10)} ${b.title}`)
    }
    lines.push('')
  }
  out(lines.join('\n').trimEnd())
}
