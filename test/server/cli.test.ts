/**
 * The CLI as a user runs it: a child process, flags, environment and config file, graceful shutdown on SIGTERM.
 */
import { describe, expect, it } from 'vitest'
import { runCli, startCli, workdir } from '../support/cli.ts'

const DREADNODE_LOGOUT = '/api/v1/auth/logout'

describe('logout-mocks CLI', () => {
  it('--help prints usage and exits 0; an unknown flag exits 2 with the usage', () => {
    const help = runCli(['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('--port <n>')
    expect(help.stdout).toContain('--config <path>')
    expect(help.stdout).toContain('LOGOUT_MOCKS_SET')
    expect(help.stdout).toContain('http://<host>:<port>/__mock/ui')
    const schema = runCli(['--print-config-schema'])
    expect(schema.status).toBe(0)
    expect(JSON.parse(schema.stdout).properties.options.properties.dreadnode.properties.rateLimit).toMatchObject({ type: 'integer', minimum: 0 })
    const bad = runCli(['--colour', 'blue'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/Unknown option '--colour'/)
    const badPort = runCli([], { env: { PORT: 'eighty' } })
    expect(badPort.status).toBe(2)
    expect(badPort.stderr).toContain('--port must be an integer')
  }, 60_000) // four CLI processes one after another: on a loaded 2-core machine each can take 5 s to start

  it('serves on the announced origin with --set options, logs one line per request, stops on SIGTERM', async () => {
    const cli = await startCli(['--set', 'dreadnode.unauthenticatedLogout=idempotent'])
    const r = await fetch(`${cli.origin}${DREADNODE_LOGOUT}`, { method: 'POST' })
    expect(r.status).toBe(200)
    expect((await fetch(`${cli.origin}/__mock/ui`)).status).toBe(200)
    const { code, out } = await cli.stop()
    expect(code).toBe(0)
    // The banner names the control panel (served above).
    expect(out).toContain(`  panel      ${cli.origin}/__mock/ui  (`)
    expect(out).toMatch(/POST \/api\/v1\/auth\/logout 200 [\d.]+ms dreadnode\.logout\.idempotent/)
    expect(out).toContain('SIGTERM: shutting down')
  })
})

describe('option values from --set and LOGOUT_MOCKS_SET', () => {
  it('wrong --set values exit 2 with one line naming each option, the value and what is allowed (no stack, no server)', () => {
    const run = runCli(['--port', '0', '--set', 'dreadnode.rateLimit=abc', '--set', 'dreadnode.unauthenticatedLogout=maybe', '--set', 'dreadnode.accessTokenTtl=soon'])
    expect(run.status).toBe(2)
    expect(run.stderr.trim()).toBe(
      'logout-mocks: --set dreadnode.unauthenticatedLogout: "maybe" is not allowed (expected one of "reject", "idempotent"); ' +
        '--set dreadnode.rateLimit: "abc" is not allowed (expected an integer ≥ 0); ' +
        '--set dreadnode.accessTokenTtl: "soon" is not allowed (expected an integer ≥ 1)',
    )
    expect(run.stdout).not.toContain('listening')
  })

  it('LOGOUT_MOCKS_SET: a wrong value exits 2 naming the variable', () => {
    const run = runCli(['--port', '0'], { env: { LOGOUT_MOCKS_SET: 'dreadnode.rateLimit=5 dreadnode.rateLimitBy=user' } })
    expect(run.status).toBe(2)
    expect(run.stderr.trim()).toBe('logout-mocks: LOGOUT_MOCKS_SET dreadnode.rateLimitBy: "user" is not allowed (expected one of "ip", "token")')
  })

  it('reads each value as its option type: a version stays text, an integer is a number, --set wins over the environment', async () => {
    const env = { LOGOUT_MOCKS_SET: 'dreadnode.rateLimit=1 dreadnode.unauthenticatedLogout=idempotent' }
    const cli = await startCli(['--set', 'dreadnode.minClientVersion=2.0.0', '--set', 'dreadnode.rateLimit=2'], { env })
    const origin = cli.origin
    try {
      const logout = (ua: string) => fetch(`${origin}${DREADNODE_LOGOUT}`, { method: 'POST', headers: { 'User-Agent': ua } }).then((r) => r.status)
      // 2.0.0 read as a version (text), not the number 2: 1.9.0 is below it. The 426 is not counted by the limit.
      expect(await logout('dreadnode-sdk/1.9.0')).toBe(426)
      // rateLimit 2 from --set, not 1 from the environment; idempotent from the environment.
      const v2 = () => logout('dreadnode-sdk/2.0.0')
      expect([await v2(), await v2(), await v2()]).toEqual([200, 200, 429])
    } finally {
      await cli.stop()
    }
  })
})

describe('config file', () => {
  const file = (config: unknown) => ({ 'logout-mocks.config.json': typeof config === 'string' ? config : JSON.stringify(config) })

  it('logout-mocks.config.json in the working directory: options, providers and scenarios take effect; flags override it', async () => {
    const cwd = workdir(
      file({
        providers: ['dreadnode'],
        options: { dreadnode: { rateLimit: 2, unauthenticatedLogout: 'idempotent' } },
        scenarios: [{ behaviour: 'dreadnode.user.success', times: 1 }],
        quiet: true,
      }),
    )
    const cli = await startCli([], { cwd })
    try {
      const logout = () => fetch(`${cli.origin}${DREADNODE_LOGOUT}`, { method: 'POST' }).then((r) => r.status)
      expect([await logout(), await logout(), await logout()]).toEqual([200, 200, 429])
      // The armed scenario serves the first call, then the natural 401.
      const me = () => fetch(`${cli.origin}/api/v1/user`).then((r) => r.status)
      expect([await me(), await me()]).toEqual([200, 401])
      // Only dreadnode is served.
      expect((await fetch(`${cli.origin}/auth/sessions/whoami`)).status).toBe(404)
    } finally {
      const { out } = await cli.stop()
      expect(out).not.toMatch(/POST \/api/) // quiet from the file
    }

    const overridden = await startCli(['--set', 'dreadnode.rateLimit=3', '--providers', 'dreadnode,kratos'], { cwd })
    try {
      const logout = () => fetch(`${overridden.origin}${DREADNODE_LOGOUT}`, { method: 'POST' }).then((r) => r.status)
      expect([await logout(), await logout(), await logout(), await logout()]).toEqual([200, 200, 200, 429])
      expect((await fetch(`${overridden.origin}/auth/sessions/whoami`)).status).toBe(401)
    } finally {
      await overridden.stop()
    }
  })

  it('--config <path> names another file', async () => {
    const cwd = workdir({ 'mocks.json': JSON.stringify({ options: { dreadnode: { rateLimit: 0 } } }) })
    const cli = await startCli(['--config', 'mocks.json'], { cwd })
    try {
      expect((await fetch(`${cli.origin}${DREADNODE_LOGOUT}`, { method: 'POST' })).status).toBe(429)
    } finally {
      await cli.stop()
    }
  })

  it('a wrong value exits 2 naming the file and the JSON pointer', () => {
    const run = runCli(['--port', '0'], { cwd: workdir(file({ port: 0, options: { dreadnode: { rateLimit: 'abc' } } })) })
    expect(run.status).toBe(2)
    expect(run.stderr.trim()).toBe('logout-mocks: logout-mocks.config.json: /options/dreadnode/rateLimit: "abc" is not allowed (expected an integer ≥ 0)')
  })

  it('a scenario the catalogue refuses exits 2 naming the file and the scenario, and frees the port', () => {
    const run = runCli(['--port', '0'], { cwd: workdir(file({ scenarios: [{ behaviour: 'dreadnode.user.success' }, { behaviour: 'dreadnode.logout.nope' }] })) })
    expect(run.status).toBe(2)
    expect(run.stderr.trim()).toMatch(/^logout-mocks: logout-mocks\.config\.json: \/scenarios\/1: unknown behaviour "dreadnode\.logout\.nope" \(valid for dreadnode\.logout: dreadnode\.logout\.success, [^\n]*dreadnode\.logout\.gatewayTimeout\)$/)
    expect(run.stdout).not.toContain('listening')
  })

  it('--config naming a missing file exits 2', () => {
    const run = runCli(['--config', 'missing.json'])
    expect(run.status).toBe(2)
    expect(run.stderr.trim()).toBe('logout-mocks: missing.json: cannot read the config file (ENOENT)')
  })
})
