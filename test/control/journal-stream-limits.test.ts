/**
 * Issue 20, item 5: the live journal stream is bounded in bytes per client (not in events: a few large entries once
 * held megabytes per stalled client) and in clients per journal (300 stalled clients held 1.3 GB); past either the
 * slowest client is dropped with a last `dropped` event and a log line.
 */
import { describe, expect, it } from 'vitest'
import { createJournal } from '../../handlers/platform/control/journal.ts'
import { journalStream, STREAM_BYTE_LIMIT, STREAM_CLIENT_LIMIT } from '../../handlers/platform/control/journal-stream.ts'

const entry = (url: string) => ({ atMs: 0, method: 'GET', url, lane: 'default', status: 200, provider: null, operation: null, behaviour: null, forced: null, fault: null, clientIp: '127.0.0.1', durationMs: 0 })

/** Every event of a stream until it ends (or `max` events). */
async function drain(body: ReadableStream<Uint8Array>, max = 1000) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const events: { event: string; data: Record<string, unknown> }[] = []
  while (events.length < max) {
    const { value, done } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
    let end
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end)
      text = text.slice(end + 2)
      const fields = Object.fromEntries(block.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]))
      if (fields.event) events.push({ event: fields.event, data: JSON.parse(fields.data) as Record<string, unknown> })
    }
  }
  await reader.cancel()
  return events
}

describe('live journal limits', () => {
  it('the defaults are 1 MiB per client and 32 clients per journal', () => {
    expect([STREAM_BYTE_LIMIT, STREAM_CLIENT_LIMIT]).toEqual([1024 * 1024, 32])
  })

  it('a stalled client is dropped by bytes: three 4 KB entries overflow a 10 KB budget where three small ones do not', async () => {
    const lines: string[] = []
    const small = createJournal(100, 0)
    const smallStream = journalStream(small, {}, undefined, { bytes: 10_000, log: (l) => lines.push(l) })
    for (let i = 0; i < 3; i++) small.record(entry('/'))
    const big = createJournal(100, 0)
    const bigStream = journalStream(big, {}, undefined, { bytes: 10_000, log: (l) => lines.push(l) })
    for (let i = 0; i < 3; i++) big.record(entry('/' + 'x'.repeat(4000)))
    expect((await drain(smallStream.body!, 3)).map((e) => e.event)).toEqual(['request', 'request', 'request'])
    const events = await drain(bigStream.body!)
    expect(events.map((e) => e.event)).toEqual(['request', 'request', 'dropped'])
    expect(lines).toEqual(['[logout-mocks] live journal: dropped a client (it fell more than 10000 bytes behind)'])
  })

  it('past the client limit the slowest client (most bytes unsent) is dropped, with a log line; the others stay', async () => {
    const lines: string[] = []
    const journal = createJournal(100, 0)
    const limits = { clients: 2, log: (l: string) => lines.push(l) }
    const stalled = journalStream(journal, {}, undefined, limits)
    const reading = journalStream(journal, {}, undefined, limits)
    const reader = reading.body!.getReader()
    journal.record(entry('/a'))
    journal.record(entry('/b'))
    // The reading client takes what was sent; the stalled one keeps it queued.
    for (let got = ''; !got.includes('/b'); ) got += new TextDecoder().decode((await reader.read()).value)
    const third = journalStream(journal, {}, undefined, limits)
    expect(lines).toEqual(['[logout-mocks] live journal: dropped a client (more than 2 live clients; this one was the slowest)'])
    expect((await drain(stalled.body!)).map((e) => e.event)).toEqual(['request', 'request', 'dropped'])
    journal.record(entry('/c'))
    expect((await drain(third.body!, 1)).map((e) => e.data.url)).toEqual(['/c'])
    reader.releaseLock()
    await reading.body!.cancel()
  })
})
