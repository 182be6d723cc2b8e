/**
 * `GET /__mock/requests/stream`: the journal as server-sent events, one `request` event per new entry, for the
 * control panel and anyone with `curl -N`. Bounded in bytes per client and in clients per journal: a client that
 * stops reading is dropped once its unsent events pass a byte budget, and a client past the journal's client limit
 * drops the slowest one (most bytes unsent) — each with one last `dropped` event and a log line — so stalled
 * consumers never make the server buffer without end (300 stalled clients once held 1.3 GB).
 */
import type { JournalFilter } from './journal.ts'
import type { JournalView } from './lanes-journal.ts'

/** Bytes of events queued for one client before it counts as too slow and is dropped. */
export const STREAM_BYTE_LIMIT = 1024 * 1024
/** Live streams one journal serves; a new one past it drops the slowest. */
export const STREAM_CLIENT_LIMIT = 32
/** A comment line this often keeps proxies and browsers from closing an idle stream. */
const HEARTBEAT_MS = 15_000

const encoder = new TextEncoder()
const event = (name: string, data: unknown, id?: number) => encoder.encode(`${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)

export interface StreamLimits {
  /** Bytes of unsent events per client (default `STREAM_BYTE_LIMIT`). */
  readonly bytes?: number
  /** Live clients per journal (default `STREAM_CLIENT_LIMIT`). */
  readonly clients?: number
  /** Where the line saying a client was dropped goes (default console.warn). */
  readonly log?: (line: string) => void
}

interface Client {
  /** Bytes queued and not yet taken by the transport. */
  backlog(): number
  drop(reason: string): void
}

/** The live clients of each journal. */
const clientsOf = new WeakMap<JournalView, Set<Client>>()

/**
 * A streaming response of journal entries matching `filter` (the `limit` is ignored). Entries after `since` already in
 * the journal are sent first (as many as fit the byte budget), so a client that reconnects with `Last-Event-ID` misses
 * nothing the ring still holds.
 * @example
 * const response = journalStream(mocks.journal, { provider: 'dreadnode' }, request.signal)
 * // event: request\ndata: {"seq":1,"method":"POST","url":"/api/v1/auth/logout",…}
 */
export function journalStream(journal: JournalView, filter: JournalFilter, signal?: AbortSignal, limits: StreamLimits = {}): Response {
  const byteLimit = limits.bytes ?? STREAM_BYTE_LIMIT
  const clientLimit = limits.clients ?? STREAM_CLIENT_LIMIT
  const log = limits.log ?? ((line: string) => console.warn(line))
  const { limit: _limit, ...backlog } = filter
  let clients = clientsOf.get(journal)
  if (!clients) clientsOf.set(journal, (clients = new Set()))
  const live = clients
  let stop = () => {}
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let open = true
        const close = () => {
          if (!open) return
          open = false
          live.delete(client)
          unsubscribe()
          clearInterval(heartbeat)
          signal?.removeEventListener('abort', close)
          try {
            controller.close()
          } catch {
            /* already cancelled */
          }
        }
        const client: Client = {
          backlog: () => byteLimit - (controller.desiredSize ?? 0),
          drop(reason) {
            if (!open) return
            log(`[logout-mocks] live journal: dropped a client (${reason})`)
            controller.enqueue(event('dropped', { reason: `${reason}; reconnect to resume` }))
            close()
          },
        }
        stop = close
        const send = (chunk: Uint8Array) => {
          if (!open) return
          if ((controller.desiredSize ?? 0) < chunk.byteLength) return client.drop(`it fell more than ${byteLimit} bytes behind`)
          controller.enqueue(chunk)
        }
        // Past the client limit, the slowest client (the most bytes unsent) makes room.
        if (live.size >= clientLimit) {
          const slowest = [...live].reduce((a, b) => (b.backlog() > a.backlog() ? b : a))
          slowest.drop(`more than ${clientLimit} live clients; this one was the slowest`)
        }
        live.add(client)
        controller.enqueue(encoder.encode(`retry: 2000\n\n`))
        if (filter.since !== undefined) {
          for (const e of journal.list(backlog)) {
            const chunk = event('request', e, e.seq)
            if ((controller.desiredSize ?? 0) < chunk.byteLength) break
            controller.enqueue(chunk)
          }
        }
        const unsubscribe = journal.subscribe((e) => send(event('request', e, e.seq)), filter)
        const heartbeat = setInterval(() => send(encoder.encode(': keep-alive\n\n')), HEARTBEAT_MS)
        heartbeat.unref?.()
        signal?.addEventListener('abort', close)
      },
      cancel() {
        stop()
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: byteLimit }),
  )
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
  })
}
