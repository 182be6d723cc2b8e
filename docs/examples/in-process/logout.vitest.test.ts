// docs/in-process.md, "vitest": a suite whose fetch goes to the mocks through mocks.dispatcher(), for the whole file.
// Run by test/docs/in-process-examples.test.ts against the package as a consumer imports it.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { setGlobalDispatcher } from 'undici'
import { createLogoutMocks } from 'logout-mocks'
import 'logout-mocks/dispatcher' // undici's Dispatcher type for mocks.dispatcher()

const BASE = 'https://app.dreadnode.io/api/v1'
const mocks = createLogoutMocks({ seed: 1 })
// The one line that replaces `setupServer(...mocks.handlers).listen({ onUnhandledFrame: 'error' })`.
const dispatcher = mocks.dispatcher({ unhandled: 'error' })
beforeAll(() => setGlobalDispatcher(dispatcher))
beforeEach(() => mocks.reset())
afterAll(() => dispatcher.close()) // puts the previous global dispatcher back

it('logs in, logs out, and the old cookies are refused', async () => {
  const login = await fetch(`${BASE}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }),
  })
  expect(login.status).toBe(200)
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')

  const logout = await fetch(`${BASE}/auth/logout`, { method: 'POST', headers: { cookie } })
  expect(logout.status).toBe(200)
  expect(logout.headers.getSetCookie()).toHaveLength(2)
  expect((await fetch(`${BASE}/user`, { headers: { cookie } })).status).toBe(401)
  expect(mocks.journal.list().map((e) => e.behaviour)).toEqual(['dreadnode.login.success', 'dreadnode.logout.success', 'dreadnode.user.unauthenticated'])
})

it('forces an error the natural path cannot reach', async () => {
  const response = await fetch(`${BASE}/auth/logout`, { method: 'POST', headers: { Prefer: 'code=500' } })
  expect(response.status).toBe(500)
})
