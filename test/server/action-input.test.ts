/**
 * Issue 20, item 6: provider control actions check their input against a schema, like every other control input.
 * `{"user": {"toString": 1}}` was a 500 on five actions and `{"user": ["alice"]}` was accepted as "alice"; both are
 * now a 400 listing the problems, in-process (`mocks.action`) and standalone (`POST /__mock/state/<p>/<action>`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandalone } from '../support/standalone.ts'
import type { RunningServer } from '../../server.ts'
import { ControlError } from '../../handlers/platform/control/control-error.ts'
import type { ProviderId } from '../../handlers/index.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startStandalone()
})
afterAll(() => server.close())

const post = (path: string, body: unknown) => fetch(server.origin + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

const CASES: [string, string, Record<string, unknown>][] = [
  ['dreadnode', 'disableUser', { user: { toString: 1 } }],
  ['dreadnode', 'enableUser', { user: ['alice'] }],
  ['dreadnode', 'createApiKey', { user: 'alice', name: 7 }],
  ['dreadnode', 'approveDeviceCode', { userCode: { toString: 1 }, user: 'alice' }],
  ['rested', 'deleteUser', { user: { toString: 1 } }],
  ['rested', 'deleteUser', { user: 'alice', project: { toString: 1 } }],
  ['rested', 'deleteUser', { user: ['alice'] }],
  ['webmixhub', 'deleteUser', { user: { toString: 1 } }],
  ['webmixhub', 'deleteUser', { user: 'alice@example.com', tenant: { toString: 1 } }],
  ['webmixhub', 'deleteUser', { user: ['alice@example.com'] }],
  ['webmixhub', 'deleteUser', { user: 'alice@example.com', extra: true }],
  ['rested', 'deleteUser', {}],
]

describe('control action input', () => {
  it.each(CASES)('%s/%s %j → 400 with the problems (standalone)', async (provider, action, input) => {
    const r = await post(`/__mock/state/${provider}/${action}`, input)
    expect(r.status).toBe(400)
    const problem = (await r.json()) as { detail?: string; problems: { path: string[] }[] }
    expect(problem.problems.length).toBeGreaterThan(0)
  })

  it.each(CASES)('%s/%s %j → ControlError 400 (in-process)', async (provider, action, input) => {
    const error = await server.mocks.action(provider as ProviderId, action, input).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ControlError)
    expect((error as ControlError).status).toBe(400)
  })

  it('a well-formed input still works, and the server kept serving', async () => {
    expect((await post('/__mock/state/dreadnode/disableUser', { user: 'alice' })).status).toBe(200)
    expect((await post('/__mock/state/dreadnode/enableUser', { user: 'alice' })).status).toBe(200)
    expect((await post('/__mock/state/rested/deleteUser', { user: 'bob' })).status).toBe(200)
    expect((await fetch(`${server.origin}/__mock/state`)).status).toBe(200)
  })
})
