// docs/in-process.md, "node:test": the dispatcher handed to each fetch (no global state at all).
// Run by test/docs/in-process-examples.test.ts with `node --test` against the package as a consumer imports it.
import { after, beforeEach, test } from 'node:test'
import assert from 'node:assert/strict'
import { createLogoutMocks } from 'logout-mocks'

const BASE = 'https://app.dreadnode.io/api/v1'
const mocks = createLogoutMocks({ seed: 1 })
const dispatcher = mocks.dispatcher({ unhandled: 'error' })
beforeEach(() => mocks.reset())
after(() => dispatcher.close())

test('a logout without a session is refused as Dreadnode refuses it', async () => {
  const response = await fetch(`${BASE}/auth/logout`, { method: 'POST', dispatcher })
  assert.equal(response.status, 401)
  assert.equal((await response.json()).type, 'authentication_error')
})

test('a session made on the mocks logs out once', async () => {
  const { headers } = await mocks.sessions.create({ provider: 'dreadnode', user: 'alice@example.com' })
  const first = await fetch(`${BASE}/auth/logout`, { method: 'POST', headers, dispatcher })
  assert.equal(first.status, 200)
  const again = await fetch(`${BASE}/user`, { headers, dispatcher })
  assert.equal(again.status, 401)
})

test('a URL no mock serves is refused, naming it', async () => {
  await assert.rejects(fetch('https://example.invalid/', { dispatcher }), (error) => {
    assert.match(error.cause.message, /no mock serves GET https:\/\/example\.invalid\//)
    return true
  })
})
