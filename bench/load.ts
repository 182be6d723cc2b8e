/**
 * A closed-loop HTTP/1.1 load generator for the benchmark, in a worker thread so it has its own core. It writes raw
 * requests on `concurrency` keep-alive sockets and parses only the status line and Content-Length of each answer, so
 * the client costs far less than the servers it measures. Request i is `requests[i % requests.length]`, raw bytes (a
 * stateful path can use a fresh session each time). It posts `'measuring'` when the measured phase starts, so the
 * caller can read the server's CPU time at that moment.
 */
import net from 'node:net'
import { parentPort, workerData } from 'node:worker_threads'

export interface LoadSpec {
  host: string
  port: number
  /** Raw HTTP/1.1 requests (head and body), used in turn. */
  requests: string[]
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

const HEADER_END = Buffer.from('\r\n\r\n')

/** One keep-alive connection sending requests one after another. */
function connection(spec: LoadSpec, take: () => number | undefined, record: (status: number, us: number) => void): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(spec.port, spec.host)
    socket.setNoDelay(true)
    let buffer = Buffer.alloc(0)
    let started = 0
    const sendNext = () => {
      const i = take()
      if (i === undefined) {
        socket.end()
        return resolve()
      }
      started = performance.now()
      socket.write(spec.requests[i % spec.requests.length])
    }
    socket.on('connect', sendNext)
    socket.on('data', (chunk) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk])
      for (;;) {
        const end = buffer.indexOf(HEADER_END)
        if (end < 0) return
        const head = buffer.subarray(0, end).toString('latin1')
        const status = Number(head.slice(9, 12))
        const m = /\r\ncontent-length:\s*(\d+)/i.exec(head)
        const total = end + 4 + (m ? Number(m[1]) : 0)
        if (buffer.length < total) return
        buffer = buffer.subarray(total)
        record(status, Math.round((performance.now() - started) * 1000))
        sendNext()
      }
    })
    socket.on('error', () => {
      record(-1, 0)
      resolve()
    })
  })
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  let next = 0
  let phaseEnd = 0
  let recording = false
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let errors = 0
  const take = () => (performance.now() < phaseEnd && next < spec.maxRequests ? next++ : undefined)
  const record = (status: number, us: number) => {
    if (!recording) return
    if (status < 0) errors++
    else latencies.push(us)
    statuses[status] = (statuses[status] ?? 0) + 1
  }
  phaseEnd = performance.now() + spec.warmupMs
  await Promise.all(Array.from({ length: spec.concurrency }, () => connection(spec, take, record)))
  recording = true
  parentPort?.postMessage('measuring')
  const start = performance.now()
  phaseEnd = start + spec.durationMs
  await Promise.all(Array.from({ length: spec.concurrency }, () => connection(spec, take, record)))
  return { requests: latencies.length, elapsedMs: performance.now() - start, latenciesUs: latencies, statuses, errors }
}

if (parentPort) parentPort.postMessage(await run(workerData as LoadSpec))
