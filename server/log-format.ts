/**
 * `--log headers` and `--log bodies`: a journal entry as a readable block under the one-line request log —
 * `>` lines for what the client sent, `<` lines for what the mock answered.
 */
import type { JournalEntry } from '../handlers/platform/control/journal.ts'
import type { CapturedMessage } from '../handlers/platform/control/exchange.ts'

export const LOG_LEVELS = ['line', 'headers', 'bodies'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

function message(arrow: '>' | '<', m: CapturedMessage, bodies: boolean): string[] {
  const lines = m.headers.map(([name, value]) => `  ${arrow} ${name}: ${value}`)
  if (bodies && m.body !== null && m.body !== '') {
    lines.push(`  ${arrow}`)
    for (const line of m.body.split('\n')) lines.push(`  ${arrow} ${line}`)
    if (m.truncatedFrom !== undefined) lines.push(`  ${arrow} … (${m.truncatedFrom} bytes in all; the journal keeps the first part)`)
  }
  return lines
}

/**
 * The detail block of one entry at `level` (empty at `line`, where the one-line log says it all).
 * @example
 * formatExchange(entry, 'headers')
 * // '#3 POST /api/v1/auth/logout → 401 dreadnode.logout.unauthenticated\n  > content-type: …\n  < content-type: …'
 */
export function formatExchange(entry: JournalEntry, level: LogLevel): string {
  if (level === 'line') return ''
  const head = `#${entry.seq} ${entry.method} ${entry.url} → ${entry.status || 'closed'} ${entry.behaviour ?? '-'}`
  if (!entry.exchange) return head
  const bodies = level === 'bodies'
  return [head, ...message('>', entry.exchange.request, bodies), ...message('<', entry.exchange.response, bodies)].join('\n')
}
