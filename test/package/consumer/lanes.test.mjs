// A consumer's node:test suite on lanes: one standalone server from logout-mocks/server, two workers' lanes through
// connectLane from logout-mocks/client; a session, a scenario and a reset of one lane are not the other's.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from 'logout-mocks/server'
import { connectLane } from 'logout-mocks/client'

let server
let w1
let w2
before(async () => {
  server = await startServer({ port: 0, log: null })
  w1 = connectLane({ origin: server.origin, lane: 'w1' })
  w2 = connectLane({ origin: server.origin, lane: 'w2' })
})
after(() => server.close())

test('a session and a sticky scenario of one lane are unknown to the other', async () => {
  const creds = await w1.sessions.create({ provider: 'dreadnode', user: 'alice' })
  assert.equal((await w1.fetch('/api/v1/user', { headers: creds.headers })).status, 200)
  assert.equal((await w2.fetch('/api/v1/user', { headers: creds.headers })).status, 401)
  await w2.force('dreadnode.logout.rateLimited', 1)
  assert.equal((await w1.fetch('/api/v1/auth/logout', { method: 'POST', headers: creds.headers })).status, 200)
  assert.equal((await w2.fetch('/api/v1/auth/logout', { method: 'POST' })).status, 429)
})

test('a reset of one lane leaves the other; GET /__mock/lanes lists both', async () => {
  await w2.reset()
  assert.deepEqual(await w2.journal(), [])
  assert.deepEqual((await w1.journal()).map((e) => `${e.lane} ${e.status} ${e.url}`), ['w1 200 /api/v1/user', 'w1 200 /api/v1/auth/logout'])
  const lanes = (await (await fetch(`${server.origin}/__mock/lanes`)).json()).lanes.map((l) => l.id)
  assert.deepEqual(lanes, ['default', 'w1', 'w2'])
})
