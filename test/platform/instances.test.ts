/**
 * Two in-process instances share no state, and options are checked.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { setupServer } from 'msw/node'
import { createLogoutMocks } from '../../handlers/index.ts'

describe('instances', () => {
  let server: ReturnType<typeof setupServer> | undefined
  afterEach(() => {
    server?.close()
    server = undefined
  })

  it('a session of one instance is unknown to another, even with the same seed', async () => {
    const a = createLogoutMocks({ seed: 1, providers: { dreadnode: { baseUrl: 'https://a.example' } } })
    const b = createLogoutMocks({ seed: 1, providers: { dreadnode: { baseUrl: 'https://b.example', jwtSecret: 'another-secret' } } })
    server = setupServer(...a.handlers, ...b.handlers)
    server.listen({ onUnhandledFrame: 'error' })
    const creds = await a.sessions.create({ provider: 'dreadnode', user: 'alice' })
    const cookie = (creds.headers as Record<string, string>).Cookie
    expect((await fetch('https://a.example/api/v1/user/me', { headers: { cookie } })).status).toBe(200)
    expect((await fetch('https://b.example/api/v1/user/me', { headers: { cookie } })).status).toBe(401)
    a.clock.advance(10_000)
    expect(b.clock.now()).toBeLessThan(a.clock.now())
    expect(b.journal.list().map((e) => e.status)).toEqual([401])
    expect(a.journal.list().map((e) => e.status)).toEqual([200])
  })

  it('rejects unknown providers and unknown options with a clear message', () => {
    expect(() => createLogoutMocks({ only: ['nope'] })).toThrow(/unknown provider "nope"/)
    expect(() => createLogoutMocks({ providers: { dreadnode: { colour: 'blue' } } })).toThrow(/unknown option "colour"/)
  })

  it('reset brings the clock, model and sessions back to the start', async () => {
    const mocks = createLogoutMocks({ clock: { start: '2025-01-15T10:30:00.000Z', frozen: true } })
    server = setupServer(...mocks.handlers)
    server.listen({ onUnhandledFrame: 'error' })
    const creds = await mocks.sessions.create({ provider: 'dreadnode', user: 'bob@example.com' })
    mocks.clock.advance(3_600_000)
    await mocks.reset()
    expect(new Date(mocks.clock.now()).toISOString()).toBe('2025-01-15T10:30:00.000Z')
    expect((mocks.state().dreadnode as { sessions: unknown[] }).sessions).toEqual([])
    const cookie = (creds.headers as Record<string, string>).Cookie
    expect((await fetch('https://app.dreadnode.io/api/v1/user/me', { headers: { cookie } })).status).toBe(401)
  })
})
