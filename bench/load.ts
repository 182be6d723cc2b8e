/**
 * A closed-loop HTTP load generator for the benchmark, run in a worker thread so it has its own core: `concurrency`
 * keep-alive connections each send the next request as soon as the previous answer arrives, until `durationMs` or
 * `maxRequests`. Request i carries `cookies[i % cookies.length]` (so a stateful path can use a fresh session each time).
 */
import http from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'

export interface LoadSpec {
  url: string
  method: string
  cookies: string[]
  concurrency: number
  durationMs: number
  maxRequests: number
  warmupMs: number
}

export interface LoadResult {
  requests: number
  elapsedMs: number
  latenciesUs: number[]
  statuses: Record<string, number>
  errors: number
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url)
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency })
  let next = 0
  let errors = 0
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  const send = (i: number) =>
    new Promise<number>((resolve) => {
      const headers: Record<string, string> = { 'content-length': '0' }
      if (spec.cookies.length > 0) headers.cookie = spec.cookies[i % spec.cookies.length]
      const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: spec.method, headers }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      req.on('error', () => resolve(-1))
      req.end()
    })
  const loop = async (until: number, record: boolean) => {
    while (performance.now() < until && next < spec.maxRequests) {
      const i = next++
      const t0 = performance.now()
      const status = await send(i)
      if (!record) continue
      latencies.push(Math.round((performance.now() - t0) * 1000))
      if (status < 0) errors++
      statuses[status] = (statuses[status] ?? 0) + 1
    }
  }
  const warmEnd = performance.now() + spec.warmupMs
  await Promise.all(Array.from({ length: spec.concurrency }, () => loop(warmEnd, false)))
  const start = performance.now()
  const end = start + spec.durationMs
  await Promise.all(Array.from({ length: spec.concurrency }, () => loop(end, true)))
  const elapsedMs = performance.now() - start
  agent.destroy()
  return { requests: latencies.length, elapsedMs, latenciesUs: latencies, statuses, errors }
}

if (parentPort) parentPort.postMessage(await run(workerData as LoadSpec))
