/**
 * How the CLI reads option values, the environment and the config file (parseCli in-process; the process-level
 * behaviour — exit 2, one line — is in cli.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseCli } from '../../server/cli.ts'
import { Ajv } from 'ajv'
import addFormatsPlugin from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { createLogoutMocks, OptionsError, type ScenarioRequest } from '../../handlers/index.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'logout-mocks-cli-options-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** parseCli in a directory holding this config file (or none). */
function parse(args: string[], config?: unknown, env: Record<string, string> = {}) {
  const cwd = mkdtempSync(path.join(dir, 'case-'))
  if (config !== undefined) writeFileSync(path.join(cwd, 'logout-mocks.config.json'), typeof config === 'string' ? config : JSON.stringify(config))
  const result = parseCli(args, env, cwd)
  if (result.help || result.print !== undefined) throw new Error('not a server start')
  return result
}

/** The OptionsError message parseCli throws. */
function refusal(args: string[], config?: unknown, env?: Record<string, string>): string {
  try {
    parse(args, config, env)
  } catch (e) {
    expect(e).toBeInstanceOf(OptionsError)
    return (e as Error).message
  }
  throw new Error('accepted')
}

describe('--set values are read as their option type', () => {
  it.each([
    ['dreadnode.rateLimit=5', 'dreadnode', 'rateLimit', 5],
    ['dreadnode.rateLimit=0', 'dreadnode', 'rateLimit', 0],
    ['dreadnode.minClientVersion=2.0.0', 'dreadnode', 'minClientVersion', '2.0.0'],
    ['dreadnode.minClientVersion=123', 'dreadnode', 'minClientVersion', '123'],
    ['dreadnode.minClientVersion="3.1"', 'dreadnode', 'minClientVersion', '3.1'],
    ['dreadnode.minClientVersion=null', 'dreadnode', 'minClientVersion', null],
    ['dreadnode.jwtSecret=null', 'dreadnode', 'jwtSecret', 'null'],
    ['dreadnode.trustForwardedFor=true', 'dreadnode', 'trustForwardedFor', true],
    ['rested.clearCookieOnLogout=false', 'rested', 'clearCookieOnLogout', false],
    ['kratos.mountPrefix=', 'kratos', 'mountPrefix', ''],
    ['kratos.allowedReturnUrls=https://a.example/,https://*.b.example/', 'kratos', 'allowedReturnUrls', ['https://a.example/', 'https://*.b.example/']],
    ['kratos.allowedReturnUrls=["https://a.example/"]', 'kratos', 'allowedReturnUrls', ['https://a.example/']],
    ['kratos.jwtSecret=x', 'kratos', 'jwtSecret', undefined],
  ])('%s', (assignment, provider, option, value) => {
    if (value === undefined) {
      expect(refusal(['--set', assignment])).toMatch(/^--set kratos: unknown option "jwtSecret" \(known: baseUrl, mountPrefix, /)
      return
    }
    const providers = parse(['--set', assignment]).options.mocks!.providers as Record<string, Record<string, unknown>>
    expect(providers[provider]![option]).toEqual(value)
  })

  it.each([
    ['dreadnode.rateLimit=', '--set dreadnode.rateLimit: "" is not allowed (expected an integer ≥ 0)'],
    ['dreadnode.rateLimit=1e400', '--set dreadnode.rateLimit: Infinity is not allowed (expected an integer ≥ 0)'],
    ['dreadnode.rateLimitWindowMs=0', '--set dreadnode.rateLimitWindowMs: 0 is not allowed (expected an integer ≥ 1)'],
    ['dreadnode.trustForwardedFor=1', '--set dreadnode.trustForwardedFor: "1" is not allowed (expected true or false)'],
    ['dreadnode.jwtSecret=', '--set dreadnode.jwtSecret: "" is not allowed (expected a non-empty string)'],
    ['dreadnode.clientVersionHeader=x version', '--set dreadnode.clientVersionHeader: "x version" is not allowed'],
    ['kratos.sameSite=lax', '--set kratos.sameSite: "lax" is not allowed (expected one of "Lax", "Strict", "None")'],
    ['kratos.mountPrefix=/ory', '--set kratos.mountPrefix: "/ory" is not allowed (expected one of "", "/auth", "/.ory", "/api/.ory")'],
    ['kratos.cookiePath=/a;b', '--set kratos.cookiePath: "/a;b" is not allowed (expected a string matching ^/[^;\\s]*$)'],
    ['webmixhub.baseUrl=api.hub.webmix.app', '--set webmixhub.baseUrl: "api.hub.webmix.app" is not allowed (expected an absolute URL)'],
    ['rateLimit=5', '--set expects <provider>.<option>=<value>, got "rateLimit=5"'],
  ])('%s is refused', (assignment, message) => {
    expect(refusal(['--set', assignment])).toContain(message)
  })
})

describe('LOGOUT_MOCKS_SET', () => {
  it('holds whitespace-separated assignments, read like --set, which wins over it option by option', () => {
    const env = { LOGOUT_MOCKS_SET: ' dreadnode.rateLimit=5\n dreadnode.rateLimitBy=token  kratos.cookieSecure=false ' }
    expect(parse([], undefined, env).options.mocks!.providers).toEqual({ dreadnode: { rateLimit: 5, rateLimitBy: 'token' }, kratos: { cookieSecure: false } })
    expect(parse(['--set', 'dreadnode.rateLimit=7'], undefined, env).options.mocks!.providers).toEqual({
      dreadnode: { rateLimit: 7, rateLimitBy: 'token' },
      kratos: { cookieSecure: false },
    })
  })
})

describe('the config file', () => {
  const full = {
    $schema: './node_modules/logout-mocks/schemas/config.schema.json',
    port: 9191,
    host: '0.0.0.0',
    providers: ['dreadnode', 'kratos'],
    options: { dreadnode: { rateLimit: 5, minClientVersion: null }, kratos: { allowedReturnUrls: ['https://app.example/'] } },
    scenarios: [{ behaviour: 'dreadnode.logout.rateLimited', times: 2 }, { operation: 'kratos.toSession', delayMs: 100 }],
    journalSize: 50,
    seed: 7,
    clock: '2025-01-15T10:30:00Z',
    corsOrigins: ['http://localhost:5173'],
    quiet: true,
    journalBodyBytes: 128,
    maxRecords: 500,
    keepExpiredMs: 1000,
    log: 'headers',
    controlOrigins: ['http://localhost:5173'],
    allowedHosts: ['mock.test'],
  }

  it('sets every server setting; flags and PORT/HOST override it', () => {
    const fromFile = parse([], full)
    expect(fromFile.quiet).toBe(true)
    expect(fromFile.scenarios).toEqual(full.scenarios)
    expect(fromFile.configFile).toBe('logout-mocks.config.json')
    expect(fromFile.options).toMatchObject({
      port: 9191,
      host: '0.0.0.0',
      corsOrigins: ['http://localhost:5173'],
      logLevel: 'headers',
      controlOrigins: ['http://localhost:5173'],
      allowedHosts: ['mock.test'],
      mocks: {
        only: ['dreadnode', 'kratos'],
        providers: full.options,
        seed: 7,
        journalSize: 50,
        journalBodyBytes: 128,
        limits: { maxRecords: 500, keepExpiredMs: 1000 },
        clock: { start: '2025-01-15T10:30:00Z' },
      },
    })
    const flags = parse(
      ['--port', '0', '--providers', 'rested', '--seed', '1', '--journal-size', '9', '--clock', '2026-01-01T00:00:00Z', '--cors-origins', 'https://x.example', '--set', 'dreadnode.rateLimit=6'],
      full,
      { HOST: '127.0.0.2' },
    )
    expect(flags.options).toMatchObject({
      port: 0,
      host: '127.0.0.2',
      corsOrigins: ['https://x.example'],
      mocks: {
        only: ['rested'],
        providers: { dreadnode: { rateLimit: 6, minClientVersion: null }, kratos: full.options.kratos },
        seed: 1,
        journalSize: 9,
        clock: { start: '2026-01-01T00:00:00Z' },
      },
    })
    expect(parse([], { port: 1 }, { PORT: '2' }).options.port).toBe(2)
  })

  it('is optional by default; --config names one, relative to the working directory', () => {
    expect(parse([]).configFile).toBeNull()
    expect(refusal(['--config', 'nope.json'])).toBe('nope.json: cannot read the config file (ENOENT)')
  })

  it.each([
    [{ options: { dreadnode: { colour: 1 } } }, 'logout-mocks.config.json: /options/dreadnode: unknown option "colour" (known: baseUrl,'],
    [{ options: { nosuch: {} } }, 'logout-mocks.config.json: /options: unknown provider "nosuch" (known: dreadnode, webmixhub, rested, kratos)'],
    [{ options: { kratos: { allowedReturnUrls: 'https://a.example/' } } }, '/options/kratos/allowedReturnUrls: "https://a.example/" is not allowed (expected an array of non-empty string items)'],
    [{ prot: 9090 }, 'logout-mocks.config.json: unknown key "prot" (known: $schema, port, host,'],
    [{ port: 70000 }, 'logout-mocks.config.json: /port: 70000 is not allowed (expected an integer between 0 and 65535)'],
    [{ providers: ['dreadnode', 'nosuch'] }, 'logout-mocks.config.json: /providers: ["dreadnode","nosuch"] is not allowed (expected an array of one of "dreadnode", "webmixhub", "rested", "kratos" items)'],
    [{ scenarios: [{ behaviour: 'dreadnode.logout.rateLimited', times: 0 }] }, 'logout-mocks.config.json: /scenarios/0/times: 0 is not allowed (expected an integer ≥ 1 or null)'],
    [{ scenarios: [{ behaviour: 'dreadnode.logout.rateLimited', fault: 'boom' }] }, '/scenarios/0/fault: "boom" is not allowed (expected one of "network-error", "connection-reset", "hang")'],
    [{ scenarios: [{ behavior: 'x' }] }, 'logout-mocks.config.json: /scenarios/0: unknown key "behavior" (known: behaviour, operation, times, delayMs, fault)'],
    [{ scenarios: ['dreadnode.logout.rateLimited'] }, 'logout-mocks.config.json: /scenarios/0: "dreadnode.logout.rateLimited" is not allowed (expected an object)'],
    [{ clock: 'tomorrow' }, 'logout-mocks.config.json: /clock: "tomorrow" is not allowed (expected an ISO 8601 date-time)'],
    [[1, 2], 'logout-mocks.config.json: [1,2] is not allowed (expected an object)'],
    ['{ "port": 9090, }', 'logout-mocks.config.json: not valid JSON ('],
  ])('%j is refused with the file and the JSON pointer', (config, message) => {
    expect(refusal([], config)).toContain(message)
  })

  it('--print-config-schema prints a JSON Schema an editor (or any validator) checks the file with', () => {
    const printed = parseCli(['--print-config-schema'], {}, dir)
    if (printed.help || printed.print === undefined) throw new Error('nothing printed')
    const ajv = new Ajv({ allErrors: true })
    ;(addFormatsPlugin as unknown as (a: Ajv) => void)(ajv)
    const validate = ajv.compile(JSON.parse(printed.print) as object)
    expect(validate(full), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ options: { dreadnode: { rateLimit: 'x' } } })).toBe(false)
    expect(validate.errors?.[0]?.instancePath).toBe('/options/dreadnode/rateLimit')
    expect(validate({ options: { kratos: { sameSite: 'lax' } } })).toBe(false)
  })

  it("the docs' example file (docs/standalone.md) is valid, scenarios included", () => {
    const readme = readFileSync(new URL('../../docs/standalone.md', import.meta.url), 'utf8')
    const example = JSON.parse(readme.match(/A config file[\s\S]*?```json\n([\s\S]*?)```/)![1]!) as { scenarios: object[] }
    const cli = parse([], example)
    const mocks = createLogoutMocks(cli.options.mocks)
    for (const scenario of cli.scenarios) expect(() => mocks.scenarios.add(scenario as ScenarioRequest)).not.toThrow()
    expect(mocks.scenarios.list()).toHaveLength(example.scenarios.length)
  })

  it('reports every wrong place at once', () => {
    expect(refusal([], { port: -1, options: { dreadnode: { rateLimit: 'x', rateLimitBy: 'user' } } }).split('; ')).toEqual([
      'logout-mocks.config.json: /port: -1 is not allowed (expected an integer between 0 and 65535)',
      'logout-mocks.config.json: /options/dreadnode/rateLimit: "x" is not allowed (expected an integer ≥ 0)',
      'logout-mocks.config.json: /options/dreadnode/rateLimitBy: "user" is not allowed (expected one of "ip", "token")',
    ])
  })
})

describe('lane bounds: --max-lanes and --lane-idle-ms, or maxLanes and laneIdleMs in the file', () => {
  it('flags over the file, absent when neither says (the registry has the defaults)', () => {
    expect(parse([]).options).toMatchObject({ maxLanes: undefined, laneIdleMs: undefined })
    expect(parse([], { maxLanes: 8, laneIdleMs: 60_000 }).options).toMatchObject({ maxLanes: 8, laneIdleMs: 60_000 })
    expect(parse(['--max-lanes', '16', '--lane-idle-ms', '5000'], { maxLanes: 8, laneIdleMs: 60_000 }).options).toMatchObject({ maxLanes: 16, laneIdleMs: 5000 })
  })
  it('out of range is refused, naming the flag or the file field and the range', () => {
    expect(() => parse(['--max-lanes', '0'])).toThrow('--max-lanes must be an integer between 1 and 4096, got "0"')
    expect(() => parse(['--lane-idle-ms', '10'])).toThrow('--lane-idle-ms must be an integer between 1000 and 2592000000, got "10"')
    expect(refusal([], { maxLanes: 0 })).toMatch(/maxLanes/)
  })
})
