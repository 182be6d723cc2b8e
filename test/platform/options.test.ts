/**
 * Provider options in-process: one declaration per provider gives the defaults, the docs and the JSON Schema, and
 * `createLogoutMocks` refuses a wrong value with an `OptionsError` naming the provider, the option, the value and
 * what is allowed. A valid value reaches the wire.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { setupServer } from 'msw/node'
import { createLogoutMocks, OptionsError, registry } from '../../handlers/index.ts'
import { startStandalone } from '../support/standalone.ts'
import { checkSchema } from '../../handlers/platform/catalogue/schema-check.ts'

/** The OptionsError `createLogoutMocks` throws for these (untyped) options. */
function refusal(options: unknown): OptionsError {
  try {
    createLogoutMocks(options as Parameters<typeof createLogoutMocks>[0])
  } catch (e) {
    expect(e).toBeInstanceOf(OptionsError)
    return e as OptionsError
  }
  throw new Error('accepted')
}

describe('createLogoutMocks validates options against each provider schema', () => {
  it.each([
    [{ dreadnode: { rateLimit: 'abc' } }, 'dreadnode.rateLimit: "abc" is not allowed (expected an integer ≥ 0)'],
    [{ dreadnode: { rateLimit: -5 } }, 'dreadnode.rateLimit: -5 is not allowed (expected an integer ≥ 0)'],
    [{ dreadnode: { unauthenticatedLogout: 'maybe' } }, 'dreadnode.unauthenticatedLogout: "maybe" is not allowed (expected one of "reject", "idempotent")'],
    [{ dreadnode: { accessTokenTtl: 'soon' } }, 'dreadnode.accessTokenTtl: "soon" is not allowed (expected an integer ≥ 1)'],
    [{ dreadnode: { minClientVersion: 2 } }, 'dreadnode.minClientVersion: 2 is not allowed (expected a string matching'],
    [{ dreadnode: { clientVersionHeader: 'Bad Header' } }, 'dreadnode.clientVersionHeader: "Bad Header" is not allowed'],
    [{ kratos: { sameSite: 'lax' } }, 'kratos.sameSite: "lax" is not allowed (expected one of "Lax", "Strict", "None")'],
    [{ kratos: { allowedReturnUrls: ['https://a.example/', 5] } }, 'kratos.allowedReturnUrls: ["https://a.example/",5] is not allowed (expected an array of non-empty string items)'],
    [{ kratos: { mountPrefix: '/ory' } }, 'kratos.mountPrefix: "/ory" is not allowed (expected one of "", "/auth", "/.ory", "/api/.ory")'],
    [{ rested: { baseUrl: 'app.rested.dev' } }, 'rested.baseUrl: "app.rested.dev" is not allowed (expected an absolute URL)'],
    [{ webmixhub: { requestIdHeader: 'yes' } }, 'webmixhub.requestIdHeader: "yes" is not allowed (expected true or false)'],
    [{ dreadnode: 5 }, 'dreadnode: options must be an object of option values, got 5'],
    [{ dreadnode: { colour: 'blue', rateLimit: 'x' } }, 'dreadnode: unknown option "colour" (known: baseUrl, unauthenticatedLogout,'],
    [{ nosuch: {} }, 'options for unknown provider "nosuch" (known: dreadnode, webmixhub, rested, kratos)'],
  ])('%j', (providers, message) => {
    const error = refusal({ providers })
    expect(error.message).toContain(message)
    expect(error).toBeInstanceOf(TypeError)
    expect(error.name).toBe('OptionsError')
  })

  it('reports every wrong option, unknown names first, with structured problems', () => {
    const error = refusal({ providers: { dreadnode: { rateLimit: 'x', colour: 1, rateLimitBy: 'user' } } })
    expect(error.message.split('; ')).toEqual([
      'dreadnode: unknown option "colour" (known: baseUrl, unauthenticatedLogout, minClientVersion, clientVersionHeader, rateLimit, rateLimitWindowMs, rateLimitBy, accessTokenTtl, refreshTokenTtl, jwtSecret, trustForwardedFor, deviceAutoApprove, deviceCodeTtl, deviceCodeInterval, maxDeviceCodes, maxApiKeysPerUser, rotateOnExpiredAccess, refreshBody)',
      'dreadnode.rateLimit: "x" is not allowed (expected an integer ≥ 0)',
      'dreadnode.rateLimitBy: "user" is not allowed (expected one of "ip", "token")',
    ])
    expect(error.problems).toContainEqual({ kind: 'invalid', path: ['rateLimit'], value: 'x', expected: 'an integer ≥ 0' })
  })

  it('an unknown provider in `only`, or an `only` that is not a list, is refused', () => {
    expect(refusal({ only: ['dreadnode', 'nosuch'] }).message).toBe('unknown provider "nosuch" (known: dreadnode, webmixhub, rested, kratos)')
    expect(refusal({ only: 'dreadnode' }).message).toBe('only must be a non-empty array of provider ids (known: dreadnode, webmixhub, rested, kratos), got "dreadnode"')
  })

  it('accepts null where the default is null, and treats an option given as undefined as not given', () => {
    const mocks = createLogoutMocks({ providers: { dreadnode: { minClientVersion: null, rateLimit: undefined as unknown as number }, kratos: { cookieDomain: 'example.com' } } })
    const config = mocks.providers.find((p) => p.id === 'dreadnode')!.config
    expect(config.minClientVersion).toBeNull()
    expect(config.rateLimit).toBe(60)
  })
})

describe('one declaration per provider', () => {
  it('its defaults satisfy its own schema, and the docs list exactly the options with type and default', () => {
    for (const p of registry) {
      expect(checkSchema(p.options.schema, p.options.defaults), p.id).toEqual([])
      expect(p.options.docs.map((d) => d.name), p.id).toEqual(Object.keys(p.options.defaults))
      expect(p.options.schema.required, p.id).toEqual(Object.keys(p.options.defaults))
      for (const doc of p.options.docs) {
        expect(doc.default, `${p.id}.${doc.name}`).toEqual((p.options.defaults as Record<string, unknown>)[doc.name])
        expect(doc.type, `${p.id}.${doc.name}`).not.toBe('a valid value')
        expect(doc.schema, `${p.id}.${doc.name}`).toMatchObject({ description: doc.description })
      }
    }
  })

  it('every catalogue entry that names the option switching its assumption names a declared option', () => {
    let checked = 0
    for (const p of registry) {
      const declared = new Set(p.options.docs.map((d) => d.name))
      for (const b of p.catalogue) {
        const named = b.source.kind === 'assumed' ? [b.source.option] : (b.source.assumptions ?? []).map((a) => a.option)
        for (const option of named.filter((o) => o !== undefined)) {
          expect(declared, `${b.id} names ${option}`).toContain(option)
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(10)
  })

  it('GET /__mock/catalogue shows each option with its type, default, allowed values, schema and current value', async () => {
    const server = await startStandalone({ mocks: { providers: { dreadnode: { rateLimit: 5 } } } })
    try {
      type Option = { name: string; type: string; default: unknown; value: unknown; values?: string[]; schema: object; description: string }
      type Doc = { providers: { id: string; options: Option[]; optionsSchema: object }[] }
      const doc = (await (await fetch(`${server.origin}/__mock/catalogue`)).json()) as Doc
      const dreadnode = doc.providers.find((p) => p.id === 'dreadnode')!
      expect(dreadnode.options.find((o) => o.name === 'rateLimit')).toMatchObject({
        type: 'an integer ≥ 0',
        default: 60,
        value: 5,
        schema: { type: 'integer', minimum: 0, default: 60 },
        description: expect.stringMatching(/^ASSUMPTION: /),
      })
      expect(dreadnode.options.find((o) => o.name === 'unauthenticatedLogout')).toMatchObject({ values: ['reject', 'idempotent'], type: 'one of "reject", "idempotent"' })
      expect(dreadnode.options.find((o) => o.name === 'trustForwardedFor')).toMatchObject({ values: ['true', 'false'], type: 'true or false' })
      expect(dreadnode.options.find((o) => o.name === 'minClientVersion')).toMatchObject({ default: null, type: expect.stringMatching(/ or null$/) })
      // The served schema is the one the mocks check with.
      expect(checkSchema(dreadnode.optionsSchema, { rateLimit: 5 })).toEqual([])
      expect(checkSchema(dreadnode.optionsSchema, { rateLimit: 'abc' })).toEqual([{ kind: 'invalid', path: ['rateLimit'], value: 'abc', expected: 'an integer ≥ 0' }])
    } finally {
      await server.close()
    }
  })
})

describe('a valid option reaches the wire', () => {
  let close: (() => void) | undefined
  afterEach(() => close?.())

  it('dreadnode rateLimit 1 and accessTokenTtl 120, in-process through fetch', async () => {
    const mocks = createLogoutMocks({ only: ['dreadnode'], providers: { dreadnode: { rateLimit: 1, accessTokenTtl: 120, unauthenticatedLogout: 'idempotent' } } })
    const server = setupServer(...mocks.handlers)
    server.listen({ onUnhandledFrame: 'error' })
    close = () => server.close()
    const login = await fetch('https://app.dreadnode.io/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }),
    })
    expect(login.status).toBe(200)
    expect(login.headers.getSetCookie().find((c) => c.startsWith('access_token='))).toMatch(/Max-Age=120(;|$)/)
    const logout = () => fetch('https://app.dreadnode.io/api/v1/auth/logout', { method: 'POST' }).then((r) => r.status)
    expect([await logout(), await logout()]).toEqual([200, 429])
  })
})
