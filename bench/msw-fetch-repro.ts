/**
 * A minimal reproduction, for msw upstream, of what a request costs through `setupServer` + the global `fetch` in
 * Node: one static handler, nothing of this project's code. Compares an `https://` URL, an `http://` URL and the same
 * handler called through `getResponse()` (msw's matching and resolver without the interceptor).
 *
 *   node bench/msw-fetch-repro.ts            # prints µs per request
 *   node --cpu-prof bench/msw-fetch-repro.ts # and writes a .cpuprofile to open in Chrome DevTools
 */
import dc from 'node:diagnostics_channel'
import { getResponse, http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'

async function perRequestUs(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(1000, n / 5); i++) await fn()
  const t0 = performance.now()
  for (let i = 0; i < n; i++) await fn()
  return ((performance.now() - t0) * 1000) / n
}

/**
 * Mean µs per sequential request for a static 204 handler: through setupServer + fetch (https and http) and through
 * getResponse alone, and how many connections undici opened per fetch (1 = none reused).
 * @example
 * const { https, http, getResponse, connectsPerFetch } = await measureInterception(5000)
 */
export async function measureInterception(n: number): Promise<{ https: number; http: number; getResponse: number; connectsPerFetch: number }> {
  let connects = 0
  const onConnect = () => connects++
  dc.subscribe('undici:client:beforeConnect', onConnect)
  const handlers = ['https://api.example.test/logout', 'http://api.example.test/logout'].map((url) => http.post(url, () => new HttpResponse(null, { status: 204 })))
  const direct = await perRequestUs(n, () => getResponse(handlers, new Request('https://api.example.test/logout', { method: 'POST' })))
  const server = setupServer(...handlers)
  server.listen({ onUnhandledFrame: 'error' })
  try {
    const viaHttps = await perRequestUs(n, async () => (await fetch('https://api.example.test/logout', { method: 'POST' })).arrayBuffer())
    connects = 0
    const viaHttp = await perRequestUs(n, async () => (await fetch('http://api.example.test/logout', { method: 'POST' })).arrayBuffer())
    const fetches = n + Math.min(1000, n / 5)
    return { https: viaHttps, http: viaHttp, getResponse: direct, connectsPerFetch: connects / fetches }
  } finally {
    dc.unsubscribe('undici:client:beforeConnect', onConnect)
    server.close()
  }
}

if (import.meta.main) {
  const n = Number(process.argv[2] ?? 5000)
  const r = await measureInterception(n)
  console.log(`Node ${process.versions.node}, msw static 204 handler, ${n} sequential requests:`)
  console.log(`setupServer + fetch(https://…) ${r.https.toFixed(1)} µs/request`)
  console.log(`setupServer + fetch(http://…)  ${r.http.toFixed(1)} µs/request`)
  console.log(`getResponse() alone            ${r.getResponse.toFixed(1)} µs/request`)
  console.log(`undici connections opened per intercepted fetch: ${r.connectsPerFetch.toFixed(2)} (keep-alive never reuses the mocked socket)`)
}
