/**
 * The CLI's subcommands and log levels, as a user runs them: a child process, its output and exit code.
 */
import { describe, expect, it } from 'vitest'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { runCli, startCli } from '../support/cli.ts'

const run = (...args: string[]) => runCli(args)

describe('logout-mocks catalogue / openapi', () => {
  it('catalogue prints every behaviour of a provider, readable, and as JSON with --json', () => {
    const text = run('catalogue', '--provider', 'dreadnode')
    expect(text.status).toBe(0)
    expect(text.stdout).toMatch(/^Dreadnode .*\(dreadnode\) — \d+ behaviours, \d+ documented/)
    expect(text.stdout).toMatch(/\n {4}429 {2}dreadnode\.logout\.rateLimited +documented/)
    expect(text.stdout).not.toContain('kratos.')
    const asJson = run('catalogue', '--json')
    expect(asJson.status).toBe(0)
    const doc = JSON.parse(asJson.stdout) as { providers: { id: string; operations: { behaviours: { id: string }[] }[] }[] }
    expect(doc.providers.map((p) => p.id).sort()).toEqual(['dreadnode', 'kratos', 'rested', 'webmixhub'])
    expect(doc.providers.flatMap((p) => p.operations.flatMap((o) => o.behaviours)).length).toBeGreaterThan(200)
  })

  it('openapi prints a valid OpenAPI 3.1 document, with the standalone origin when given', () => {
    const r = run('openapi', 'kratos', '--origin', 'http://127.0.0.1:9090')
    expect(r.status).toBe(0)
    const doc = JSON.parse(r.stdout) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown> }
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.servers[0].url).toBe('http://127.0.0.1:9090/auth')
    expect(Object.keys(doc.paths)).toContain('/self-service/logout/api')
    // The document's schemas compile with every $ref resolved inside it (addSchema alone resolves nothing: a broken
    // ref would only throw at compile time).
    const ajv = new Ajv2020({ strict: false, logger: false })
    ajv.addSchema({ ...doc, $id: 'openapi' })
    for (const name of Object.keys((doc as unknown as { components: { schemas: Record<string, object> } }).components.schemas)) {
      expect(ajv.getSchema(`openapi#/components/schemas/${name}`), name).toBeTypeOf('function')
    }
  })

  it('bad arguments exit 2 with one clear line and the commands help', () => {
    for (const args of [['openapi'], ['openapi', 'nope'], ['catalogue', '--provider', 'nope'], ['catalogue', '--colour']]) {
      const r = run(...args)
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/^logout-mocks: /)
      expect(r.stderr).toContain('Commands (no server started)')
      expect(r.stderr).not.toMatch(/(?<!\n)\n\s+at /) // no stack trace
    }
  })
})

describe('--log levels', () => {
  const login = (origin: string) =>
    fetch(`${origin}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Trace': 'log-test' }, body: '{"email":"alice@example.com","password":"alice-password-1"}' })

  it('headers: each exchange with its request and response headers, no bodies', async () => {
    const s = await startCli(['--log', 'headers'])
    try {
      expect((await login(s.origin)).status).toBe(200)
      await new Promise((r) => setTimeout(r, 100))
      expect(s.output().out).toMatch(/#1 POST \/api\/v1\/auth\/login → 200 dreadnode\.login\.success/)
      expect(s.output().out).toContain('  > x-trace: log-test')
      expect(s.output().out).toMatch(/ {2}< set-cookie: access_token=/)
      expect(s.output().out).not.toContain('alice-password-1')
    } finally {
      await s.stop()
    }
  })

  it('bodies: headers and bodies', async () => {
    const s = await startCli(['--log', 'bodies'])
    try {
      await login(s.origin)
      await new Promise((r) => setTimeout(r, 100))
      expect(s.output().out).toContain('  > {"email":"alice@example.com","password":"alice-password-1"}')
    } finally {
      await s.stop()
    }
  })

  it('an unknown level exits 2', () => {
    const r = run('--log', 'loud')
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('--log must be one of line, headers, bodies')
  })
})
