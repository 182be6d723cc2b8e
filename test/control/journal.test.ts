/**
 * The journal behind the control panel, through the standalone server and fetch: filters, bounded request/response
 * capture, and the live stream of server-sent events (bounded per client).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startStandalone } from '../support/standalone.ts'
import { createJournal } from '../../handlers/platform/control/journal.ts'
import { journalStream } from '../../handlers/platform/control/journal-stream.ts'
import type { RunningServer } from '../../server.ts'
import { setupServer } from 'msw/node'
import { createLogoutMocks } from '../../handlers/index.ts'

const json = { 'Content-Type': 'application/json' }
let server: RunningServer
const url = (path: string) => `${server.origin}${path}`
const requests = async (query = '') => {
  const r = await fetch(url(`/__mock/requests${query}`))
  return { status: r.status, body: (await r.json()) as { entries: Record<string, unknown>[]; bodyLimit: number; detail?: string } }
}

beforeAll(async () => {
  server = await startStandalone({ mocks: { journalBodyBytes: 64 } })
})
afterAll(() => server.close())
beforeEach(async () => {
  await fetch(url('/__mock/reset'), { method: 'POST', headers: json })
})

async function traffic() {
  await fetch(url('/api/v1/auth/logout'), { method: 'POST' }) // 401 dreadnode.logout.unauthenticated
  await fetch(url('/api/v1/auth/logout?__code=504'), { method: 'POST' }) // forced 504
  await fetch(url('/api/v1/auth/login'), { method: 'POST', headers: json, body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }) })
  await fetch(url('/auth/sessions/whoami')) // kratos 401
}

describe('GET /__mock/requests filters', () => {
  it('by method, path prefix, status and class, behaviour and prefix, provider, since and limit', async () => {
    await traffic()
    const ids = async (q: string) => (await requests(q)).body.entries.map((e) => e.behaviour)
    expect(await ids('?method=get')).toEqual(['kratos.toSession.unauthorized'])
    expect(await ids('?path=/api/v1/auth/logout')).toEqual(['dreadnode.logout.unauthenticated', 'dreadnode.logout.gatewayTimeout'])
    expect(await ids('?status=504')).toEqual(['dreadnode.logout.gatewayTimeout'])
    expect(await ids('?status=4xx')).toEqual(['dreadnode.logout.unauthenticated', 'kratos.toSession.unauthorized'])
    expect(await ids('?behaviour=dreadnode.login.success')).toEqual(['dreadnode.login.success'])
    expect(await ids('?behaviour=dreadnode.logout.')).toHaveLength(2)
    expect(await ids('?provider=kratos')).toEqual(['kratos.toSession.unauthorized'])
    expect(await ids('?provider=dreadnode&limit=1')).toEqual(['dreadnode.login.success'])
    const all = (await requests()).body.entries
    expect((await requests(`?since=${all[1].seq}`)).body.entries.map((e) => e.seq)).toEqual([all[2].seq, all[3].seq])
    expect((await requests(`?since=${encodeURIComponent(String(all[0].at))}`)).body.entries).toHaveLength(4)
  })

  it('a bad filter is a 400 problem naming it', async () => {
    for (const q of ['?status=abc', '?since=yesterday-ish', '?limit=-1']) {
      const r = await requests(q)
      expect(r.status).toBe(400)
    }
    expect((await requests('?status=abc')).body.detail).toContain('"status"')
  })

  it('each entry keeps request and response headers and bodies, cut to the body limit', async () => {
    const long = JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1', padding: 'x'.repeat(200) })
    await fetch(url('/api/v1/auth/login'), { method: 'POST', headers: { ...json, 'X-Trace': 'panel-test' }, body: long })
    const { body } = await requests()
    expect(body.bodyLimit).toBe(64)
    const exchange = body.entries[0].exchange as {
      request: { headers: [string, string][]; body: string; truncatedFrom?: number }
      response: { headers: [string, string][]; body: string | null }
    }
    expect(exchange.request.headers).toContainEqual(['x-trace', 'panel-test'])
    expect(exchange.request.body).toBe(long.slice(0, 64))
    expect(exchange.request.truncatedFrom).toBe(Buffer.byteLength(long))
    expect(exchange.response.headers.filter(([n]) => n === 'set-cookie')).toHaveLength(2)
    expect(exchange.response.body).toMatch(/^\{"/)
    expect(exchange.response.body!.length).toBeLessThanOrEqual(64)
  })

  it('in-process too: the body the provider read and the body the mock answered, without cloning either', async () => {
    const mocks = createLogoutMocks({ only: ['dreadnode'], journalBodyBytes: 4096 })
    const worker = setupServer(...mocks.handlers)
    worker.listen({ onUnhandledFrame: 'error' })
    try {
      const body = JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' })
      const r = await fetch('https://app.dreadnode.io/api/v1/auth/login', { method: 'POST', headers: json, body })
      const answered = await r.text()
      const { exchange } = mocks.journal.list().at(-1)!
      expect(exchange?.request.body).toBe(body)
      expect(exchange?.response.body).toBe(answered)
    } finally {
      worker.close()
    }
  })
})

/** Reads server-sent events from a fetch body until `count` events of `name` arrived. */
async function readEvents(body: ReadableStream<Uint8Array>, count: number, name = 'request') {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const events: { event: string; id?: string; data: unknown }[] = []
  while (events.filter((e) => e.event === name).length < count) {
    const { value, done } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
    let end
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end)
      text = text.slice(end + 2)
      const fields = Object.fromEntries(block.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]))
      if (fields.event) events.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data) })
    }
  }
  await reader.cancel()
  return events
}

describe('GET /__mock/requests/stream', () => {
  it('sends each new journal entry matching the filters as it happens', async () => {
    const stream = await fetch(url('/__mock/requests/stream?provider=dreadnode'))
    expect(stream.status).toBe(200)
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = readEvents(stream.body!, 2)
    await traffic()
    const got = await events
    expect(got.map((e) => (e.data as { behaviour: string }).behaviour)).toEqual(['dreadnode.logout.unauthenticated', 'dreadnode.logout.gatewayTimeout'])
    expect(got[0].id).toBe(String((got[0].data as { seq: number }).seq))
  })

  it('a reconnecting client (Last-Event-ID) first gets what it missed', async () => {
    await traffic()
    const stream = await fetch(url('/__mock/requests/stream'), { headers: { 'Last-Event-ID': '2' } })
    const got = await readEvents(stream.body!, 2)
    expect(got.map((e) => (e.data as { seq: number }).seq)).toEqual([3, 4])
  })

  it('a client that goes away ends its subscription, and a finished answer leaves none behind', async () => {
    let live = 0
    const subscribe = server.mocks.journal.subscribe.bind(server.mocks.journal)
    server.mocks.journal.subscribe = (listener, filter) => {
      live++
      const unsubscribe = subscribe(listener, filter)
      return () => {
        live--
        unsubscribe()
      }
    }
    try {
      const client = new AbortController()
      const stream = await fetch(url('/__mock/requests/stream'), { signal: client.signal })
      expect(stream.status).toBe(200)
      expect(live).toBe(1)
      client.abort()
      await stream.body?.cancel().catch(() => {})
      await expect.poll(() => live, { timeout: 2000 }).toBe(0)
      // Ordinary control answers open no subscription and close none.
      await requests()
      expect(live).toBe(0)
    } finally {
      server.mocks.journal.subscribe = subscribe
    }
  })

  it('a client that stops reading is dropped with a last event, not buffered without end', async () => {
    const journal = createJournal(100, 0)
    const response = journalStream(journal, {}, undefined, { bytes: 2000, log: () => {} })
    const entry = { atMs: 0, method: 'GET', url: '/', lane: 'default', status: 200, provider: null, operation: null, behaviour: null, forced: null, fault: null, clientIp: '127.0.0.1', durationMs: 0 }
    for (let i = 0; i < 20; i++) journal.record(entry)
    const events = await readEvents(response.body!, 99)
    expect(events.filter((e) => e.event === 'request').length).toBeLessThan(20)
    expect(events.at(-1)?.event).toBe('dropped')
  })
})

describe('HEAD on the control API', () => {
  it('answers what GET answers, without the body (HEAD was a 404 on every control route)', async () => {
    for (const path of ['/__mock', '/__mock/catalogue', '/__mock/requests', '/__mock/state', '/__mock/openapi/kratos.json']) {
      const [get, head] = await Promise.all([fetch(url(path)), fetch(url(path), { method: 'HEAD' })])
      expect([head.status, head.headers.get('content-type')], path).toEqual([get.status, get.headers.get('content-type')])
      expect(get.status, path).toBe(200)
      expect(await head.text(), path).toBe('')
    }
  })
})

describe('answers no operation gave are journaled too', () => {
  it('a mistyped path (404) and a too-long URL (414) appear in the journal, with no provider or behaviour', async () => {
    await fetch(url('/api/v1/auth/logoutt'), { method: 'POST' })
    await fetch(url(`/api/v1/${'a'.repeat(8200)}`))
    const { body } = await requests('?status=4xx')
    expect(body.entries.map((e) => [e.method, String(e.url).slice(0, 24), e.status, e.provider, e.behaviour])).toEqual([
      ['POST', '/api/v1/auth/logoutt', 404, null, null],
      ['GET', `/api/v1/${'a'.repeat(16)}`, 414, null, null],
    ])
  })
})
