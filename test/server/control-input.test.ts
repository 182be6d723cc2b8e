/**
 * Control-API input that used to break an instance or get a wrong answer, over real HTTP: out-of-range clock values,
 * names that live on Object.prototype, oversized bodies on a keep-alive connection; and the platform's 405 Allow.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import net from 'node:net'
import { startStandalone } from '../support/standalone.ts'
import { createLogoutMocks, OptionsError } from '../../handlers/index.ts'
import type { RunningServer } from '../../server.ts'

let server: RunningServer
let origin: string
beforeAll(async () => {
  server = await startStandalone()
  origin = server.origin
})
beforeEach(() => server.mocks.reset())
afterAll(() => server.close())

const body = (r: Response) => r.json() as Promise<Record<string, unknown>>
const post = (path: string, payload?: unknown) =>
  fetch(origin + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload) })

/** Every control read and a clock-dependent provider flow still answer. */
async function expectHealthy() {
  for (const path of ['/__mock/clock', '/__mock/state', '/__mock/requests', '/__mock/coverage']) expect((await fetch(origin + path)).status, path).toBe(200)
  const creds = await body(await post('/__mock/sessions', { provider: 'webmixhub', user: 'alice@example.com' }))
  const logout = await fetch(`${origin}/auth/logout`, { headers: creds.headers as Record<string, string> })
  expect(logout.status).toBe(200)
  expect((await fetch(`${origin}/__mock/requests`)).status).toBe(200)
}

describe('clock input', () => {
  it('values outside what the clock may show are a 400 problem and leave the clock where it was', async () => {
    await post('/__mock/clock', { set: '2030-01-01T00:00:00Z' })
    const before = (await body(await fetch(`${origin}/__mock/clock`))).epochMs as number
    for (const input of ['{"advanceMs":1e300}', '{"advanceMs":-1e300}', '{"set":8.64e15}', '{"set":-8.64e15}', '{"set":1e300}', '{"set":"+275760-09-13T00:00:00.000Z"}', '{"set":"NaN"}', '{"set":null}', '{"set":true}', '{"advanceMs":"1"}', '{"advanceMs":2.6e14}']) {
      const r = await post('/__mock/clock', input)
      expect(r.status, input).toBe(400)
      expect((await body(r)).type).toBe('urn:logout-mocks:problem:control-error')
    }
    const after = (await body(await fetch(`${origin}/__mock/clock`))).epochMs as number
    expect(after - before).toBeLessThan(60_000)
    await expectHealthy()
  })

  it('the edges of the range are accepted and the instance stays healthy there', async () => {
    expect((await post('/__mock/clock', { set: '9999-12-30T00:00:00Z' })).status).toBe(200)
    await expectHealthy()
    expect((await post('/__mock/clock', { set: '0001-01-01T00:00:00Z' })).status).toBe(200)
    expect((await post('/__mock/clock', { advanceMs: -1000 })).status).toBe(200)
    await expectHealthy()
  })

  it('in-process, the clock throws a RangeError and does not move', () => {
    const mocks = createLogoutMocks({ clock: { start: '2025-01-15T10:30:00Z', frozen: true } })
    expect(() => mocks.clock.advance(1e300)).toThrow(RangeError)
    expect(() => mocks.clock.set(8.64e15)).toThrow(RangeError)
    expect(new Date(mocks.clock.now()).toISOString()).toBe('2025-01-15T10:30:00.000Z')
    // Out of range at start is a wrong option, said as one.
    expect(() => createLogoutMocks({ clock: { start: 8.64e15 } })).toThrow(OptionsError)
    expect(() => createLogoutMocks({ clock: { start: 8.64e15 } })).toThrow(/^clock: /)
  })
})

describe('names looked up by the control API', () => {
  it('only declared actions exist: Object.prototype names are a 404 listing the valid actions', async () => {
    for (const [provider, name] of [['webmixhub', '__proto__'], ['dreadnode', 'constructor'], ['dreadnode', 'toString'], ['webmixhub', 'hasOwnProperty']]) {
      const r = await post(`/__mock/state/${provider}/${name}`, {})
      expect(r.status, name).toBe(404)
      const problem = await body(r)
      expect(problem.validActions).toEqual(expect.arrayContaining([expect.any(String)]))
      expect(problem.validActions).not.toContain(name)
    }
    await expectHealthy()
  })

  it('providers, scenarios and OpenAPI documents named after Object.prototype members do not exist', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      expect((await post(`/__mock/state/${name}/deleteUser`, {})).status).toBe(400)
      expect((await post('/__mock/sessions', { provider: name, user: 'alice' })).status).toBe(400)
      expect((await post('/__mock/scenarios', { behaviour: name })).status).toBe(400)
      expect((await post('/__mock/scenarios', { operation: `${name}.${name}`, delayMs: 1 })).status).toBe(400)
      expect((await fetch(`${origin}/__mock/openapi/${name}.json`)).status).toBe(404)
    }
  })
})

/** Writes raw requests on one socket, one after the other response, and returns each response's head line. */
function sequentialOnOneSocket(requests: (string | Buffer)[][]): Promise<string[]> {
  const { port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1')
    const statuses: string[] = []
    let pending = ''
    const send = (i: number) => {
      if (i >= requests.length) return socket.end()
      for (const part of requests[i]) socket.write(part)
    }
    socket.on('connect', () => send(0))
    socket.on('data', (d) => {
      pending += d.toString('latin1')
      // One response per request: head, then exactly Content-Length bytes.
      for (;;) {
        const end = pending.indexOf('\r\n\r\n')
        if (end < 0) return
        const length = Number(/content-length: (\d+)/i.exec(pending.slice(0, end))?.[1] ?? 0)
        if (pending.length < end + 4 + length) return
        statuses.push(pending.slice(0, pending.indexOf('\r\n')))
        pending = pending.slice(end + 4 + length)
        send(statuses.length)
      }
    })
    socket.on('close', () => resolve(statuses))
    socket.on('error', reject)
  })
}

describe('oversized control bodies', () => {
  it('a body over the limit is a 413 problem, drained: the next request on the keep-alive connection is answered', async () => {
    const huge = Buffer.alloc(2_000_000, 0x20)
    const head = (length: number) => `POST /__mock/clock HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`
    const statuses = await sequentialOnOneSocket([[head(huge.length), huge], ['GET /__mock/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'], [`${head(2)}{}`]])
    expect(statuses).toEqual(['HTTP/1.1 413 Payload Too Large', 'HTTP/1.1 200 OK', 'HTTP/1.1 400 Bad Request'])
    const chunked = await post('/__mock/scenarios', `{"behaviour":"${'x'.repeat(70_000)}"}`)
    expect(chunked.status).toBe(413)
    expect(await body(chunked)).toMatchObject({ type: 'urn:logout-mocks:problem:control-error', limitBytes: 65536 })
  })
})

describe('the platform 405', () => {
  it('lists each allowed method once (Rested.dev serves several POST operations on one path)', async () => {
    const r = await fetch(`${origin}/api/1/ce/examples/auth`, { method: 'DELETE' })
    expect(r.status).toBe(405)
    const allow = r.headers.get('allow')!.split(', ')
    expect(allow).toEqual([...new Set(allow)])
    expect(allow).toEqual(expect.arrayContaining(['POST', 'GET']))
    expect((await body(r)).allowed).toEqual(allow)
  })
})
