/**
 * One benchmark subject in its own process, so its CPU time (read from /proc by the bench) is the server's alone:
 * `node bench/server-child.ts <kind>` with kind `node` (bare node:http 204), `express` (bare express 5 route, 204),
 * `msw-floor` (node:http → fetch Request → msw `getResponse()` over one static 204 handler → write, the floor of
 * any msw-based server) or `mocks` (the logout-mocks standalone server, every provider). Over IPC it reports
 * `{ type: 'ready', port }`, and for `mocks` (optionally `mocks <maxRecords>`, to raise the stores' cap for a model of
 * a million live sessions) it makes sessions on request (`{ type: 'sessions', provider, count,
 * keep, withinMs?, lane? }`) in the default lane or the one named: `keep: false` returns their credentials, `keep: true` only grows the model (and reports the
 * heap); `withinMs` stops early, reporting how many were made.
 */
import http from 'node:http'
import express from 'express'
import { getResponse, http as mswHttp, HttpResponse } from 'msw'
import { startServer } from '../server.ts'
import { writeResponse } from '../server/http-bridge.ts'
import { RawHeaders } from '../server/raw-headers.ts'
import type { IssuedCredentials, ProviderId } from '../handlers/index.ts'

const kind = process.argv[2]
const send = (message: unknown) => process.send?.(message)

async function listen(listener: http.RequestListener): Promise<number> {
  const server = http.createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as { port: number }).port
}

if (kind === 'node') {
  send({ type: 'ready', port: await listen((_req, res) => res.writeHead(204).end()) })
} else if (kind === 'express') {
  const app = express()
  app.disable('x-powered-by')
  app.all('/api/v1/auth/logout', (_req, res) => {
    res.status(204).end()
  })
  send({ type: 'ready', port: await listen(app) })
} else if (kind === 'msw-floor') {
  const handlers = [mswHttp.post('http://127.0.0.1/api/v1/auth/logout', () => new HttpResponse(null, { status: 204 }))]
  const port = await listen(async (req, res) => {
    // The fetch Request an msw-based server must build (the bench sends no bodies, so none is streamed).
    const response = await getResponse(handlers, new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: new RawHeaders(req.rawHeaders) }))
    await writeResponse(res, response ?? new Response(null, { status: 404 }))
  })
  send({ type: 'ready', port })
} else if (kind === 'mocks') {
  const running = await startServer({
    port: 0,
    log: null,
    mocks: {
      providers: { dreadnode: { rateLimit: 1e12 }, webmixhub: { rateLimit: 1e12 } },
      ...(process.argv[3] ? { limits: { maxRecords: Number(process.argv[3]) } } : {}),
    },
  })
  process.on('message', async (m: { type: string; provider: string; user: string; count: number; keep: boolean; withinMs?: number; lane?: string }) => {
    if (m.type !== 'sessions') return
    const started = performance.now()
    const deadline = started + (m.withinMs ?? Infinity)
    const credentials: IssuedCredentials[] = []
    // In a lane when one is named (made there as a client's first request would make it).
    const lane = m.lane ? running.lanes.acquire(m.lane) : running.mocks
    try {
      let made = 0
      for (; made < m.count && (made % 1000 !== 0 || performance.now() < deadline); made++) {
        const c = await lane.sessions.create({ provider: m.provider as ProviderId, user: m.user })
        if (!m.keep) credentials.push(c)
      }
      send({ type: 'sessions', credentials, made, ms: performance.now() - started, heapUsed: process.memoryUsage().heapUsed })
    } catch (e) {
      send({ type: 'error', message: e instanceof Error ? e.message : String(e) })
    } finally {
      if (m.lane) running.lanes.release(lane as ReturnType<typeof running.lanes.acquire>)
    }
  })
  send({ type: 'ready', port: Number(new URL(running.origin).port) })
} else {
  console.error(`unknown subject "${kind}"`)
  process.exit(2)
}
