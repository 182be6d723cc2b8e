/**
 * Two in-process instances share no state, and options are checked.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { setupServer } from 'msw/node'
import { createLogoutMocks, OptionsError } from '../../handlers/index.ts'
import { createInstance } from '../../handlers/platform/instance.ts'
import type { ProviderDefinition } from '../../handlers/platform/types.ts'
import { createResponse } from '../../handlers/platform/http/response.ts'
import { defineOptions, option } from '../../handlers/platform/options/options.ts'
import { Type } from 'typebox'


/** A minimal provider for platform tests: the boilerplate filled in, base URL https://<id>.example. */
function testProvider(id: string, parts: Pick<ProviderDefinition<null>, 'operations' | 'catalogue'> & Partial<ProviderDefinition<null>>): ProviderDefinition<null> {
  const options = defineOptions({ baseUrl: option(Type.String({ format: 'uri' }), `https://${id}.example`, 'Base URL.') })
  return { id, title: id, docs: 'test', options, schemas: {}, createState: async () => null, snapshot: () => null, ...parts }
}

/** A catalogue entry with an empty body of the given status. */
function entry(id: string, status: number): ProviderDefinition<null>['catalogue'][number] {
  const [, operation] = id.split('.')
  return { id, operation, status, title: id, trigger: 'test', source: { kind: 'assumed', ref: 'test' }, contentType: null, respond: () => createResponse(null, { status, headers: new Headers() }) }
}

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
    expect((await fetch('https://a.example/api/v1/user', { headers: { cookie } })).status).toBe(200)
    expect((await fetch('https://b.example/api/v1/user', { headers: { cookie } })).status).toBe(401)
    a.clock.advance(10_000)
    expect(b.clock.now()).toBeLessThan(a.clock.now())
    expect(b.journal.list().map((e) => e.status)).toEqual([401])
    expect(a.journal.list().map((e) => e.status)).toEqual([200])
  })

  it('rejects unknown providers and unknown options with a clear message', () => {
    // Compile errors for a typed caller (test/types/options.ts); checked at run time for untyped ones.
    // @ts-expect-error an unknown provider id
    expect(() => createLogoutMocks({ only: ['nope'] })).toThrow(/unknown provider "nope"/)
    // @ts-expect-error an unknown option
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
    expect((await fetch('https://app.dreadnode.io/api/v1/user', { headers: { cookie } })).status).toBe(401)
  })
})

describe('a provider that fails', () => {
  it('gets a mock 500 problem without a stack trace, and the mock keeps serving', async () => {
    // A minimal provider whose natural logic throws on one path: what a bug in a provider would look like.
    const broken = testProvider('broken', {
      operations: [
        {
          id: 'op',
          method: 'GET',
          path: '/op',
          summary: 'throws unless ?ok',
          run: (ctx) => {
            if (!ctx.url.searchParams.has('ok')) throw new Error('provider bug')
            return { behaviour: 'ok' }
          },
        },
      ],
      catalogue: [entry('broken.op.ok', 204)],
    })
    const mocks = createInstance([broken])
    const server = setupServer(...mocks.handlers)
    server.listen({ onUnhandledFrame: 'error' })
    const logged: unknown[][] = []
    const original = console.error
    console.error = (...args: unknown[]) => void logged.push(args)
    try {
      const r = await fetch('https://broken.example/op')
      expect(r.status).toBe(500)
      expect(r.headers.get('content-type')).toBe('application/problem+json')
      const text = await r.text()
      expect(JSON.parse(text)).toEqual({
        type: 'urn:logout-mocks:problem:internal-error',
        title: 'Mock internal error',
        status: 500,
        detail: 'broken.op failed while handling this request: provider bug',
        provider: 'broken',
        operation: 'op',
      })
      expect(text).not.toContain('    at ')
      expect(logged).toHaveLength(1)
      expect(mocks.journal.list().at(-1)).toMatchObject({ status: 500, behaviour: null, operation: 'op' })
      expect((await fetch('https://broken.example/op?ok')).status).toBe(204)
    } finally {
      console.error = original
      server.close()
    }
  })
})

describe('a provider that answers its own preflights', () => {
  it('runs preflights naturally even when the URL carries a query twin or a scenario is armed', async () => {
    const cors = testProvider('cors', {
      cors: 'own',
      operations: [
        { id: 'preflight', method: 'OPTIONS', path: '/op', summary: 'preflight', run: () => ({ behaviour: 'allowed' }) },
        { id: 'op', method: 'POST', path: '/op', summary: 'the call', run: () => ({ behaviour: 'ok' }) },
      ],
      catalogue: [entry('cors.preflight.allowed', 204), entry('cors.preflight.denied', 403), entry('cors.op.ok', 200), entry('cors.op.failed', 500)],
    })
    const mocks = createInstance([cors])
    const server = setupServer(...mocks.handlers)
    server.listen({ onUnhandledFrame: 'error' })
    try {
      const preflight = (query: string) =>
        fetch(`https://cors.example/op${query}`, { method: 'OPTIONS', headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' } })
      expect((await preflight('?__code=500')).status).toBe(204)
      expect((await preflight('?__example=cors.preflight.denied')).status).toBe(204)
      mocks.scenarios.add({ behaviour: 'cors.preflight.denied' })
      expect((await preflight('')).status).toBe(204)
      // A plain OPTIONS (not a preflight) is still forceable, and so is the real request.
      expect((await fetch('https://cors.example/op?__code=403', { method: 'OPTIONS' })).status).toBe(403)
      expect((await fetch('https://cors.example/op?__code=500', { method: 'POST' })).status).toBe(500)
      expect(mocks.journal.list().map((e) => e.forced)).toEqual([null, null, null, 'query', 'query'])
    } finally {
      server.close()
    }
  })
})

describe('options a plain-JS caller can get wrong', () => {
  it('wrong values of the instance\'s own options are OptionsErrors naming the option, and a bad origin is caught before anything loads', async () => {
    const refusal = (options: object) => {
      try {
        createLogoutMocks(options as never)
      } catch (e) {
        return e
      }
      return undefined
    }
    const cases: [object, string][] = [
      [{ journalSize: -1 }, 'journalSize: -1 is not allowed (expected an integer between 1 and 1000000)'],
      [{ journalBodyBytes: 1e12 }, 'journalBodyBytes: 1000000000000 is not allowed (expected an integer between 0 and 1048576)'],
      [{ seed: 'x' }, 'seed: "x" is not allowed (expected an integer between 0 and 2147483647)'],
      [{ seed: -1.5 }, 'seed: -1.5 is not allowed (expected an integer between 0 and 2147483647)'],
      [{ limits: { maxRecords: -1 } }, 'limits.maxRecords: -1 is not allowed (expected an integer between 1 and 100000000)'],
      [{ clock: { start: 'garbage' } }, 'clock: clock.start is not a valid date: garbage'],
      [{ only: [] }, 'only must be a non-empty array of provider ids (known: dreadnode, webmixhub, rested, kratos), got []'],
    ]
    for (const [options, message] of cases) {
      const e = refusal(options)
      expect(e, JSON.stringify(options)).toBeInstanceOf(OptionsError)
      expect((e as Error).message).toBe(message)
    }
    // Before: a bad origin threw "Invalid URL" out of the provider's state loading, an unhandled rejection that ended
    // the process even when the caller caught the error.
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const e = refusal({ origin: 'not a url' })
      expect(e).toBeInstanceOf(OptionsError)
      expect((e as Error).message).toMatch(/^origin: "not a url" is not allowed \(expected /)
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('an unknown top-level or nested option name throws with the known ones', () => {
    const call = (options: object) => () => createLogoutMocks(options as never)
    expect(call({ bogus: 1 })).toThrow(/^options: unknown option "bogus" \(known: only, origin, providers, journalSize/)
    expect(call({ clock: { bogus: 1 } })).toThrow('clock: unknown option "bogus" (known: start, frozen)')
    expect(call({ limits: { maxRecord: 5 } })).toThrow('limits: unknown option "maxRecord" (known: maxRecords, keepExpiredMs)')
    expect(call({ clock: { frozen: true }, limits: { maxRecords: 5 } })).not.toThrow()
  })
})
