/**
 * Malformed HTTP over raw sockets (node:net): each case gets a clear problem answer or a clean close, and the server
 * answers the next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import net from 'node:net'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'

let server: RunningServer
let port: number
beforeAll(async () => {
  server = await startStandalone()
  port = Number(new URL(server.origin).port)
})
afterAll(() => server.close())

interface Reply {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string
}

/** Parses the HTTP/1.x responses in what a socket received (Content-Length or chunked bodies). */
function parseReplies(data: Buffer): Reply[] {
  const replies: Reply[] = []
  let rest = data.toString('latin1')
  while (rest.startsWith('HTTP/1.')) {
    const end = rest.indexOf('\r\n\r\n')
    if (end < 0) break
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n')
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
    const status = Number(statusLine.split(' ')[1])
    rest = rest.slice(end + 4)
    let body = ''
    if (headers['transfer-encoding'] === 'chunked') {
      for (;;) {
        const lineEnd = rest.indexOf('\r\n')
        const size = parseInt(rest.slice(0, lineEnd), 16)
        body += rest.slice(lineEnd + 2, lineEnd + 2 + size)
        rest = rest.slice(lineEnd + 2 + size + 2)
        if (size === 0 || Number.isNaN(size)) break
      }
    } else if (status >= 200 && status !== 204 && status !== 304) {
      const length = Number(headers['content-length'] ?? 0)
      body = rest.slice(0, length)
      rest = rest.slice(length)
    }
    replies.push({ status, headers, body })
  }
  return replies
}

/**
 * Writes the parts on a fresh connection and collects what comes back until the server closes it, or `waitMs`
 * passes (then the client closes). `end` half-closes after writing.
 */
function exchange(parts: (string | Buffer)[], options: { end?: boolean; waitMs?: number } = {}): Promise<{ replies: Reply[]; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = net.connect(port, '127.0.0.1', () => {
      for (const part of parts) socket.write(part)
      if (options.end) socket.end()
    })
    const timer = setTimeout(() => {
      socket.destroy()
      resolve({ replies: parseReplies(Buffer.concat(chunks)), closedByServer: false })
    }, options.waitMs ?? 3000)
    socket.on('data', (d) => chunks.push(d))
    socket.on('error', () => {}) // EPIPE/ECONNRESET once the server has answered and closed: the close says it all
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ replies: parseReplies(Buffer.concat(chunks)), closedByServer: true })
    })
  })
}

/** The reply is one of the mock's own problems, with this status. */
function expectProblem(reply: Reply | undefined, status: number, kind?: string) {
  expect(reply, 'an answer').toBeDefined()
  expect(reply!.status).toBe(status)
  expect(reply!.headers['content-type']).toBe('application/problem+json')
  const problem = JSON.parse(reply!.body) as { type: string; status: number }
  expect(problem.type).toMatch(kind ? `urn:logout-mocks:problem:${kind}` : /^urn:logout-mocks:problem:/)
  expect(problem.status).toBe(status)
}

async function expectStillServing() {
  expect((await fetch(`${server.origin}/__mock`)).status).toBe(200)
  expect((await fetch(`${server.origin}/api/v1/auth/logout`, { method: 'POST' })).status).toBe(401)
}

const HOST = 'Host: 127.0.0.1\r\n'
const JSON_CT = 'Content-Type: application/json\r\n'

describe('malformed HTTP on raw sockets', () => {
  it.each([
    ['a garbage request line', 'HELLO WORLD\r\n\r\n'],
    ['binary garbage', Buffer.from([0, 1, 2, 255, 13, 10, 13, 10])],
    ['an HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['a control byte in a header value', `GET /__mock HTTP/1.1\r\n${HOST}X-Bad: a\x01b\r\n\r\n`],
    ['a space in a header name', `GET /api/v1/user HTTP/1.1\r\n${HOST}X Bad: ab\r\n\r\n`],
    ['chunked garbage (control)', `POST /__mock/clock HTTP/1.1\r\n${HOST}${JSON_CT}Transfer-Encoding: chunked\r\n\r\nZZZ\r\nhello\r\n0\r\n\r\n`],
    ['chunked garbage (provider)', `POST /api/v1/auth/login HTTP/1.1\r\n${HOST}${JSON_CT}Transfer-Encoding: chunked\r\n\r\nZZZ\r\nhello\r\n0\r\n\r\n`],
    ['Content-Length and Transfer-Encoding both', `POST /__mock/clock HTTP/1.1\r\n${HOST}${JSON_CT}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
    ['bytes after a short Content-Length that do not form a request', `POST /__mock/clock HTTP/1.1\r\n${HOST}${JSON_CT}Content-Length: 2\r\n\r\n{"advanceMs":1}`],
  ])('%s: a 400 malformed-request problem and a close', async (_name, bytes) => {
    const { replies, closedByServer } = await exchange([bytes])
    expectProblem(replies.at(-1), 400, 'malformed-request')
    expect(closedByServer).toBe(true)
    await expectStillServing()
  })

  it('a 64 KB header: a 431 problem and a close', async () => {
    const { replies, closedByServer } = await exchange([`GET /__mock HTTP/1.1\r\n${HOST}X-Big: ${'a'.repeat(65_536)}\r\n\r\n`])
    expectProblem(replies[0], 431, 'headers-too-large')
    expect(closedByServer).toBe(true)
    await expectStillServing()
  })

  it('a 10 MB body to the control API: a 413 problem', async () => {
    const size = 10 * 1024 * 1024
    const { replies } = await exchange([`POST /__mock/clock HTTP/1.1\r\n${HOST}${JSON_CT}Content-Length: ${size}\r\nConnection: close\r\n\r\n`, Buffer.alloc(size, 0x20)], { waitMs: 8000 })
    expectProblem(replies[0], 413, 'control-error')
    await expectStillServing()
  })

  it("a 10 MB body to a provider: the provider's documented too-large error, and the connection stays usable", async () => {
    const size = 10 * 1024 * 1024
    const next = `GET /__mock/clock HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`
    const { replies } = await exchange([`POST /api/v1/auth/login HTTP/1.1\r\n${HOST}${JSON_CT}Content-Length: ${size}\r\n\r\n`, Buffer.alloc(size, 0x20), next], { waitMs: 8000 })
    expect(replies.map((r) => r.status)).toEqual([400, 200])
    expect(JSON.parse(replies[0].body)).toMatchObject({ code: 400, detail: 'Request body too large' })
    await expectStillServing()
  })

  it('a body shorter than its Content-Length, then the client half-closes: a 400 problem, no hang', async () => {
    const { replies, closedByServer } = await exchange([`POST /api/v1/auth/login HTTP/1.1\r\n${HOST}${JSON_CT}Content-Length: 100\r\n\r\n{"a":1}`], { end: true })
    expectProblem(replies[0], 400, 'malformed-request')
    expect(closedByServer).toBe(true)
    await expectStillServing()
  })

  it('HTTP/1.0: answered and closed; without Host the control API refuses it (403), a provider answers', async () => {
    const control = await exchange([`GET /__mock/clock HTTP/1.0\r\n${HOST}\r\n`])
    expect(control.replies[0].status).toBe(200)
    expect(control.closedByServer).toBe(true)
    const hostless = await exchange(['GET /__mock/clock HTTP/1.0\r\n\r\n'])
    expectProblem(hostless.replies[0], 403, 'forbidden-host')
    const provider = await exchange(['POST /api/v1/auth/logout HTTP/1.0\r\n\r\n'])
    expect(provider.replies[0].status).toBe(401)
    expect(provider.closedByServer).toBe(true)
    await expectStillServing()
  })

  it('pipelining: three requests in one write get three answers, in order', async () => {
    const { replies } = await exchange([
      `GET /__mock/clock HTTP/1.1\r\n${HOST}\r\nPOST /api/v1/auth/logout HTTP/1.1\r\n${HOST}Content-Length: 0\r\n\r\nPOST /__mock/reset HTTP/1.1\r\n${HOST}${JSON_CT}Connection: close\r\n\r\n`,
    ])
    expect(replies.map((r) => r.status)).toEqual([200, 401, 200])
    expect(JSON.parse(replies[2].body)).toMatchObject({ reset: true })
  })

  it('a slowloris (20 connections dribbling headers for 2 s) does not stop the server answering others', async () => {
    const sockets = await Promise.all(
      Array.from({ length: 20 }, () => new Promise<net.Socket>((resolve) => {
        const s = net.connect(port, '127.0.0.1', () => resolve(s))
        s.on('error', () => {})
      })),
    )
    const dribble = `GET /__mock HTTP/1.1\r\n${HOST}X-Slow: ${'s'.repeat(40)}`
    for (let i = 0; i < 10; i++) {
      for (const s of sockets) s.write(dribble[i % dribble.length])
      await expectStillServing()
      await new Promise((r) => setTimeout(r, 200))
    }
    for (const s of sockets) s.destroy()
    await expectStillServing()
  })

  it('a control request whose body never arrives does not block other connections', async () => {
    const pending = exchange([`POST /__mock/clock HTTP/1.1\r\n${HOST}${JSON_CT}Content-Length: 100\r\n\r\n{"a":1}`], { waitMs: 1000 })
    await expectStillServing()
    const { replies } = await pending
    expect(replies).toEqual([])
    await expectStillServing()
  })

  it('TRACE on the control API: a 501 problem (the server implements no TRACE anywhere)', async () => {
    const { replies } = await exchange([`TRACE /__mock HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`])
    expectProblem(replies[0], 501, 'method-not-implemented')
  })
})

describe('provider-path transport (issue 10 §2)', () => {
  it('a URL over 8,192 characters under a provider prefix: a 414 problem, not a 500', async () => {
    const { replies } = await exchange([`GET /auth/me/${'a'.repeat(8200)} HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`])
    expectProblem(replies[0], 414, 'uri-too-long')
  })

  it('a path just under 8,192 characters whose whole URL is over it (msw measures the URL): 414, not a 500', async () => {
    const path = `/api/v1/auth/logout/${'a'.repeat(8192 - 25)}`
    const { replies } = await exchange([`POST ${path} HTTP/1.1\r\n${HOST}Content-Length: 0\r\nConnection: close\r\n\r\n`])
    expectProblem(replies[0], 414, 'uri-too-long')
  })

  it('TRACE on a provider path: a 501 method-not-implemented problem, not a 400 bad-request-target', async () => {
    const { replies } = await exchange([`TRACE /api/v1/auth/logout HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`])
    expectProblem(replies[0], 501, 'method-not-implemented')
  })

  it('Expect: with an unknown expectation (provider path): a 417 problem, not a bare 417', async () => {
    const { replies } = await exchange([`POST /api/v1/auth/logout HTTP/1.1\r\n${HOST}Expect: foo\r\nConnection: close\r\n\r\n`])
    expectProblem(replies[0], 417)
  })

  it('Expect: with an unknown expectation (control API, same server-level cause): a 417 problem, not a bare 417', async () => {
    const { replies } = await exchange([`POST /__mock/reset HTTP/1.1\r\n${HOST}${JSON_CT}Expect: foo\r\nConnection: close\r\n\r\n`])
    expectProblem(replies[0], 417)
  })

  it('HTTP/1.1 without Host (curl -H "Host:"): a 400 problem, not a bare 400', async () => {
    const { replies } = await exchange(['GET /api/v1/user HTTP/1.1\r\nConnection: close\r\n\r\n'])
    expectProblem(replies[0], 400)
  })

  it('CONNECT: a problem answer, not a silently closed socket', async () => {
    const { replies } = await exchange([`CONNECT 127.0.0.1:1 HTTP/1.1\r\n${HOST}\r\n`])
    expectProblem(replies[0], replies[0]?.status ?? 0)
  })
})
