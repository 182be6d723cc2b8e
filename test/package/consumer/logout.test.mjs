// A consumer's own test, in plain JavaScript under `node --test`: the README's in-process example against the
// installed package. EXPECTED_NODE (set by test/package/consumer.test.ts) proves which Node ran it.
import { after, before, beforeEach, test } from 'node:test'
import assert from 'node:assert/strict'
import { setupServer } from 'msw/node'
import { createLogoutMocks } from 'logout-mocks'

const BASE = 'https://app.dreadnode.io/api/v1'
const mocks = createLogoutMocks({ seed: 1 })
const server = setupServer(...mocks.handlers)
before(() => server.listen({ onUnhandledFrame: 'error' }))
beforeEach(() => mocks.reset())
after(() => server.close())

test('runs on the Node under test', () => {
  assert.equal(process.version, `v${process.env.EXPECTED_NODE}`)
})

test('log in, log out, and the old cookie is refused', async () => {
  const login = await fetch(`${BASE}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }),
  })
  assert.equal(login.status, 200)
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  assert.match(cookie, /access_token=.+; refresh_token=.+/)

  assert.equal((await fetch(`${BASE}/user`, { headers: { cookie } })).status, 200)

  const logout = await fetch(`${BASE}/auth/logout`, { method: 'POST', headers: { cookie } })
  assert.equal(logout.status, 200)
  const cleared = logout.headers.getSetCookie()
  assert.equal(cleared.length, 2)
  for (const c of cleared) assert.match(c, /Max-Age=0/i)

  const replay = await fetch(`${BASE}/user`, { headers: { cookie } })
  assert.equal(replay.status, 401)
  assert.equal((await replay.json()).type, 'authentication_error')
  assert.equal(mocks.coverage().providers.dreadnode.documented.served > 0, true)
})
