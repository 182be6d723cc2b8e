// A consumer's node:test suite on the fetch door: mocks.dispatcher() from the installed package, with no msw server
// (with setupServer listening, msw's fetch interception would answer before any dispatcher).
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { setGlobalDispatcher, getGlobalDispatcher } from 'undici'
import { createLogoutMocks } from 'logout-mocks'
import { UnhandledRequestError } from 'logout-mocks/dispatcher'

const BASE = 'https://app.dreadnode.io/api/v1'
const mocks = createLogoutMocks({ seed: 1 })
const before = getGlobalDispatcher()
const dispatcher = mocks.dispatcher({ unhandled: 'error' })
setGlobalDispatcher(dispatcher)
after(() => dispatcher.close())

test('log in, log out and be refused, through the global dispatcher', async () => {
  const login = await fetch(`${BASE}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }),
  })
  assert.equal(login.status, 200)
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const logout = await fetch(`${BASE}/auth/logout`, { method: 'POST', headers: { cookie } })
  assert.equal(logout.status, 200)
  assert.equal(logout.headers.getSetCookie().length, 2)
  assert.equal((await fetch(`${BASE}/user`, { headers: { cookie } })).status, 401)
  assert.deepEqual(mocks.journal.list().map((e) => e.behaviour), ['dreadnode.login.success', 'dreadnode.logout.success', 'dreadnode.user.unauthenticated'])
})

test('a URL no mock serves is refused; close() puts the global dispatcher back', async () => {
  await assert.rejects(fetch('https://example.invalid/'), (e) => e.cause instanceof UnhandledRequestError)
  await dispatcher.close()
  assert.equal(getGlobalDispatcher(), before)
})
