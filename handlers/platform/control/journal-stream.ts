/**
 * `GET /__mock/requests/stream`: the journal as server-sent events, one `request` event per new entry, for the
 * control panel and anyone with `curl -N`. Each client gets a bounded queue: a client that stops reading is dropped
 * (one last `dropped` event, then the stream ends), so a slow consumer never makes the server buffer without end.
 */
import type { JournalFilter } from './journal.ts'
import type { JournalView } from './lanes-journal.ts'

/** Events queued for one client before it counts as too slow and is dropped. */
const STREAM_QUEUE_LIMIT = 256
/** A comment line this often keeps proxies and browsers from closing an idle stream. */
const HEARTBEAT_MS = 15_000

const encoder = new TextEncoder()
const event = (name: string, data: unknown, id?: number) => encoder.encode(`${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)

/**
 * A streaming response of journal entries matching `filter` (the `limit` is ignored). Entries after `since` already in
 * the journal are sent first, so a client that reconnects with `Last-Event-ID` misses nothing the ring still holds.
 * @example
 * const response = journalStream(mocks.journal, { provider: 'dreadnode' }, request.signal)
 * // event: request\ndata: {"seq":1,"method":"POST","url":"/api/v1/auth/logout",…}
 */
export function journalStream(journal: JournalView, filter: JournalFilter, signal?: AbortSignal, queueLimit = STREAM_QUEUE_LIMIT): Response {
  const { limit: _limit, ...backlog } = filter
  let stop = () => {}
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let open = true
        const close = () => {
          if (!open) return
          open = false
          unsubscribe()
          clearInterval(heartbeat)
          signal?.removeEventListener('abort', close)
          try {
            controller.close()
          } catch {
            /* already cancelled */
          }
        }
        stop = close
        const send = (chunk: Uint8Array) => {
          if (!open) return
          if ((controller.desiredSize ?? 0) <= 0) {
            controller.enqueue(event('dropped', { reason: `this client fell ${queueLimit} events behind; reconnect to resume` }))
            close()
            return
          }
          controller.enqueue(chunk)
        }
        controller.enqueue(encoder.encode(`retry: 2000\n\n`))
        if (filter.since !== undefined) for (const e of journal.list(backlog).slice(-queueLimit)) controller.enqueue(event('request', e, e.seq))
        const unsubscribe = journal.subscribe((e) => send(event('request', e, e.seq)), filter)
        const heartbeat = setInterval(() => send(encoder.encode(': keep-alive\n\n')), HEARTBEAT_MS)
        heartbeat.unref?.()
        signal?.addEventListener('abort', close)
      },
      cancel() {
        stop()
      },
    },
    new CountQueuingStrategy({ highWaterMark: queueLimit }),
  )
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
  })
}
