/**
 * Run by test/platform/bounded-memory.test.ts in a child `node --expose-gc`: the heap an in-process journal keeps
 * after requests with one huge header each. Prints `{ keptBytes, longestKeptValue }` as JSON.
 */
import { getResponse } from 'msw'
import { createLogoutMocks } from '../../handlers/index.ts'

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')
const heap = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}
const mocks = createLogoutMocks({ only: ['dreadnode'] })
await mocks.ready
const before = heap()
const REQUESTS = 300
for (let i = 0; i < REQUESTS; i++) {
  const big = String(i).padEnd(200_000, 'x')
  await getResponse(mocks.handlers, new Request('https://app.dreadnode.io/api/v1/auth/logout', { method: 'POST', headers: { 'x-big': big } }))
}
const keptBytes = heap() - before
const longestKeptValue = Math.max(...mocks.journal.list().flatMap((e) => e.exchange?.request.headers.map(([, v]) => v.length) ?? [0]))
console.log(JSON.stringify({ keptBytes, longestKeptValue, requests: REQUESTS }))
