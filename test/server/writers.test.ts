/**
 * The two doors' writers agree on what a built answer leaves unsaid: the standalone writer (writeResponse) sends what
 * a fetch Response made from the same MockResponse (the msw door's toFetchResponse) would.
 */
import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { writeResponse } from '../../server/http-bridge.ts'
import { createResponse, toFetchResponse, type MockResponse } from '../../handlers/platform/http/response.ts'

async function served(answer: MockResponse): Promise<Response> {
  const server = http.createServer((_req, res) => void writeResponse(res, answer))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const r = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/`)
    await r.clone().arrayBuffer()
    return r
  } finally {
    server.close()
  }
}

describe('writeResponse and toFetchResponse', () => {
  it('a text body without a Content-Type gets the one fetch gives it, on both doors', async () => {
    const answer = () => createResponse('plain words', { status: 200, headers: new Headers() })
    const standalone = await served(answer())
    const msw = toFetchResponse(answer())
    expect(standalone.headers.get('content-type')).toBe(msw.headers.get('content-type'))
    expect(standalone.headers.get('content-type')).toBe('text/plain;charset=UTF-8')
    expect(await standalone.text()).toBe(await msw.text())
  })

  it('205, 204 and 304 carry no body on either door', async () => {
    for (const status of [204, 205, 304]) {
      const standalone = await served(createResponse('ignored', { status, headers: new Headers() }))
      const msw = toFetchResponse(createResponse('ignored', { status, headers: new Headers() }))
      expect([standalone.status, await standalone.text()]).toEqual([status, ''])
      expect([msw.status, await msw.text()]).toEqual([status, ''])
    }
  })
})
