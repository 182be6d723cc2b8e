/**
 * What the transport answers before any route, through a raw socket (clients such as fetch refuse to send these):
 * an over-long path, methods fetch cannot carry, an unmet `Expect`, a missing `Host`, `CONNECT`. Each is a
 * problem+json with the platform clock's `Date`, and journaled; the server keeps serving afterwards.
 */
import net from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { RunningServer } from '../../server.ts'
import { startStandalone } from '../support/standalone.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startStandalone({ mocks: { clock: { start: '2025-01-15T10:30:00.000Z', frozen: true } } })
})
afterAll(() => server.close())

/** Sends raw bytes, returns status, lowercased headers and body of the answer (the socket is closed after it). */
function raw(request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { port } = new URL(server.origin)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(request))
    let data = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      data += chunk
      const end = data.indexOf('\r\n\r\n')
      if (end < 0) return
      const [statusLine, ...lines] = data.slice(0, end).split('\r\n')
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
      const body = data.slice(end + 4)
      if (Buffer.byteLength(body, 'latin1') < Number(headers['content-length'] ?? 0)) return
      socket.destroy()
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body })
    })
    socket.on('error', reject)
  })
}

const host = (): string => new URL(server.origin).host

it.each([
  ['a path over 8,192 characters under a provider prefix', (): string => `GET /auth/me/${'a'.repeat(8200)} HTTP/1.1\r\nHost: ${host()}\r\n\r\n`, 414, 'uri-too-long'],
  ['TRACE on the control API', (): string => `TRACE /__mock HTTP/1.1\r\nHost: ${host()}\r\n\r\n`, 501, 'method-not-implemented'],
  ['TRACE on a provider path', (): string => `TRACE /api/v1/auth/logout HTTP/1.1\r\nHost: ${host()}\r\n\r\n`, 501, 'method-not-implemented'],
  ['an Expect the server does not meet', (): string => `POST /api/v1/auth/logout HTTP/1.1\r\nHost: ${host()}\r\nExpect: foo\r\nContent-Length: 0\r\n\r\n`, 417, 'expectation-failed'],
  ['an HTTP/1.1 request without Host', (): string => `POST /api/v1/auth/logout HTTP/1.1\r\nContent-Length: 0\r\n\r\n`, 400, 'missing-host'],
  ['CONNECT', (): string => `CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n`, 501, 'method-not-implemented'],
] as const)('%s → a journaled problem, and the server keeps serving', async (_name, request, status, kind) => {
  const before = server.mocks.journal.total
  const answer = await raw(request())
  expect(answer.status).toBe(status)
  expect(answer.headers['content-type']).toBe('application/problem+json')
  expect(answer.headers.date).toBe('Wed, 15 Jan 2025 10:30:00 GMT')
  expect(JSON.parse(answer.body)).toMatchObject({ type: `urn:logout-mocks:problem:${kind}`, status })
  if (status !== 414) expect(server.mocks.journal.total).toBe(before + 1)
  expect((await fetch(`${server.origin}/api/v1/auth/logout`, { method: 'POST' })).status).toBe(401)
})

it('every provider answer carries the platform clock in Date, as its cookies’ Expires do', async () => {
  const response = await fetch(`${server.origin}/api/v1/auth/logout`, { method: 'POST' })
  expect(response.headers.get('date')).toBe('Wed, 15 Jan 2025 10:30:00 GMT')
  const notFound = await fetch(`${server.origin}/nowhere`)
  expect(notFound.headers.get('date')).toBe('Wed, 15 Jan 2025 10:30:00 GMT')
})
