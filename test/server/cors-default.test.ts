/**
 * Issue 20, item 8: the provider routes of the standalone server answer CORS for loopback origins only unless told
 * otherwise (as Vite's dev server since CVE-2025-24010), so a page on another site cannot call them with the
 * developer's credentials; `--cors-origins` (and the config file) add origins, `*` allows all, said in so many words;
 * a provider's own origin rule (Rested.dev's allowed origins) still wins; the banner says so when bound beyond
 * loopback. Through real HTTP against the real server.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'
import { isLoopbackOrigin } from '../../server/cors.ts'
import { bannerWarnings, parseCli } from '../../server/cli.ts'
import { RESTED_LOCKED_ORIGIN } from '../../fixtures/rested.ts'
import { LOCKED_AUTH } from '../rested/client.ts'

const LOGOUT = '/api/v1/auth/logout'

async function corsOf(server: RunningServer, origin: string, path = LOGOUT) {
  const pre = await fetch(server.origin + path, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } })
  const actual = await fetch(server.origin + path, { method: 'POST', headers: { Origin: origin } })
  return { preflight: pre.headers.get('access-control-allow-origin'), actual: actual.headers.get('access-control-allow-origin'), credentials: actual.headers.get('access-control-allow-credentials') }
}

describe('default: loopback origins only', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startStandalone()
  })
  afterAll(() => server.close())

  it.each(['http://localhost', 'http://localhost:5173', 'https://localhost:8443', 'http://127.0.0.1:3000', 'http://[::1]:4000', 'http://app.localhost:5173', 'https://a.b.localhost'])(
    '%s is reflected with credentials',
    async (origin) => {
      expect(await corsOf(server, origin)).toEqual({ preflight: origin, actual: origin, credentials: 'true' })
    },
  )

  it.each(['https://evil.example', 'http://localhost.evil.example', 'http://127.0.0.2', 'http://evil.localhost.example', 'null', 'file://', 'chrome-extension://abc'])(
    '%s gets no CORS headers, preflight or actual',
    async (origin) => {
      expect(await corsOf(server, origin)).toEqual({ preflight: null, actual: null, credentials: null })
    },
  )

  it("Rested.dev's own origin rule still wins: the locked project's origin is allowed on its routes, evil.example is not", async () => {
    const pre = (origin: string) => fetch(server.origin + LOCKED_AUTH + '&logout=true', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } })
    expect((await pre(RESTED_LOCKED_ORIGIN)).headers.get('access-control-allow-origin')).toBe(RESTED_LOCKED_ORIGIN)
    expect((await pre('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('--cors-origins widens it', () => {
  let listed: RunningServer
  let any: RunningServer
  beforeAll(async () => {
    listed = await startStandalone({ corsOrigins: ['https://app.example'] })
    any = await startStandalone({ corsOrigins: ['*'] })
  })
  afterAll(async () => {
    await listed.close()
    await any.close()
  })

  it('a listed origin is allowed besides the loopback ones; others are not', async () => {
    expect((await corsOf(listed, 'https://app.example')).actual).toBe('https://app.example')
    expect((await corsOf(listed, 'http://localhost:5173')).actual).toBe('http://localhost:5173')
    expect((await corsOf(listed, 'https://evil.example')).actual).toBeNull()
  })

  it('* allows every origin, and the banner says so', async () => {
    expect(await corsOf(any, 'https://evil.example')).toEqual({ preflight: 'https://evil.example', actual: 'https://evil.example', credentials: 'true' })
    expect(bannerWarnings({ host: '127.0.0.1', corsOrigins: ['*'], controlOrigins: [] }, null).join('\n')).toMatch(/every web page can call the provider routes/)
  })

  it('the flag and the config file take * only as written; a config file opening the control API is named in the banner', () => {
    expect(parseCli(['--cors-origins', '*'], {}, tmpdir())).toMatchObject({ options: { corsOrigins: ['*'] } })
    expect(() => parseCli(['--cors-origins', '**'], {}, tmpdir())).toThrow('--cors-origins takes origins like http://localhost:5173 (or * for every origin), got "**"')
    const dir = mkdtempSync(join(tmpdir(), 'cors-'))
    writeFileSync(join(dir, 'logout-mocks.config.json'), JSON.stringify({ corsOrigins: ['*'], controlOrigins: ['https://remote.example'] }))
    const cli = parseCli([], {}, dir)
    expect(cli).toMatchObject({ options: { corsOrigins: ['*'], controlOrigins: ['https://remote.example'] } })
    const warnings = 'warnings' in cli ? cli.warnings.join('\n') : ''
    expect(warnings).toMatch(/logout-mocks\.config\.json opens the control API \(\/__mock\) to https:\/\/remote\.example/)
    expect(warnings).toMatch(/every web page/)
  })
})

describe('the banner when bound beyond loopback', () => {
  it('gives the hint on a non-loopback bind and stays silent on a loopback one or when origins were given', () => {
    expect(bannerWarnings({ host: '0.0.0.0', corsOrigins: null, controlOrigins: [] }, null)).toEqual([
      'note: bound to 0.0.0.0: provider routes answer cross-origin requests from loopback origins only (localhost, 127.0.0.1, [::1], *.localhost); add a page\'s origin with --cors-origins <origin>',
    ])
    expect(bannerWarnings({ host: '127.0.0.1', corsOrigins: null, controlOrigins: [] }, null)).toEqual([])
    expect(bannerWarnings({ host: '0.0.0.0', corsOrigins: ['https://app.example'], controlOrigins: [] }, null)).toEqual([])
  })

  it('isLoopbackOrigin reads an Origin, not a URL with a path or userinfo', () => {
    expect(isLoopbackOrigin('http://localhost:5173/')).toBe(false)
    expect(isLoopbackOrigin('http://user@localhost')).toBe(false)
    expect(isLoopbackOrigin('ws://localhost')).toBe(false)
    expect(isLoopbackOrigin('HTTP://LOCALHOST')).toBe(false)
  })
})
