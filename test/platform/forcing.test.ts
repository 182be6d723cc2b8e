/**
 * Forcing, scenarios, delays and faults, through real HTTP on the Dreadnode logout operation.
 */
import { expect, it } from 'vitest'
import { describeBothModes } from '../support/modes.ts'

describeBothModes('forcing and scenarios', {}, (t) => {
  const logoutUrl = () => t().baseUrl('dreadnode') + '/api/v1/auth/logout'
  const logout = (init: RequestInit = {}, query = '') => fetch(logoutUrl() + query, { method: 'POST', ...init })

  it('Prefer may carry several preferences; unrelated ones are ignored; example and code must agree', async () => {
    const r = await logout({ headers: { Prefer: 'return=minimal, code=404, delay=0' } })
    expect(r.status).toBe(404)
    expect(await r.json()).toEqual({ code: 404, detail: 'Not found', type: 'not_found' })
    const both = await logout({ headers: { Prefer: 'code=429, example=dreadnode.logout.rateLimited' } })
    expect(both.status).toBe(429)
    const clash = await logout({ headers: { Prefer: 'code=401, example=dreadnode.logout.rateLimited' } })
    expect(clash.status).toBe(400)
    expect((await clash.json()).type).toBe('urn:logout-mocks:problem:conflicting-forcing')
    const otherOperation = await logout({ headers: { Prefer: 'example=dreadnode.login.success' } })
    expect((await otherOperation.json()).type).toBe('urn:logout-mocks:problem:unknown-forced-example')
    const notAStatus = await logout({}, '?__code=abc')
    expect((await notAStatus.json()).type).toBe('urn:logout-mocks:problem:invalid-forced-status')
  })

  it('the header wins over the query twin, and twins never reach the provider', async () => {
    const r = await logout({ headers: { Prefer: 'code=502' } }, '?__code=504')
    expect(r.status).toBe(502)
    const entry = t().mocks.journal.list().at(-1)!
    expect(entry).toMatchObject({ forced: 'header', behaviour: 'dreadnode.logout.badGateway', url: '/api/v1/auth/logout?__code=504' })
  })

  it('invalid delay and unknown fault are mock errors', async () => {
    const d = await logout({ headers: { Prefer: 'delay=soon' } })
    expect(d.status).toBe(400)
    expect((await d.json()).type).toBe('urn:logout-mocks:problem:invalid-delay')
    const f = await logout({}, '?__fault=meteor')
    expect(f.status).toBe(400)
    expect((await f.json()).validFaults).toEqual(['network-error', 'connection-reset', 'hang'])
  })

  it('a delayed response is still the same response', async () => {
    const r = await logout({ headers: { Prefer: 'delay=20, code=500' } })
    expect(r.status).toBe(500)
    expect((await r.json()).type).toBe('internal_error')
  })

  it('fault=network-error makes the client see a network failure', async () => {
    await expect(logout({ headers: { Prefer: 'fault=network-error' } })).rejects.toThrow(TypeError)
    expect(t().mocks.journal.list().at(-1)).toMatchObject({ fault: 'network-error', status: 0 })
    expect((await logout()).status).toBe(401)
  })

  it('a sticky scenario serves its behaviour N times, then the natural path resumes', async () => {
    t().mocks.scenarios.add({ behaviour: 'dreadnode.logout.gatewayTimeout', times: 2 })
    expect((await logout()).status).toBe(504)
    expect((await logout()).status).toBe(504)
    expect((await logout()).status).toBe(401)
    expect(t().mocks.journal.list().map((e) => e.forced)).toEqual(['scenario', 'scenario', null])
  })

  it('a scenario without times lasts until cleared; a header still wins over it', async () => {
    t().mocks.scenarios.add({ behaviour: 'dreadnode.logout.internalError' })
    expect((await logout()).status).toBe(500)
    expect((await logout({ headers: { Prefer: 'code=404' } })).status).toBe(404)
    expect((await logout()).status).toBe(500)
    t().mocks.scenarios.clear()
    expect((await logout()).status).toBe(401)
  })

  it('scenario inputs are validated', () => {
    // @ts-expect-error a behaviour id the catalogue does not hold (a compile error first, then a run-time one)
    expect(() => t().mocks.scenarios.add({ behaviour: 'dreadnode.logout.nope' })).toThrow(/unknown behaviour/)
    // The shape is checked by the one scenario schema (the config file's too), with its messages.
    expect(() => t().mocks.scenarios.add({ behaviour: 'dreadnode.logout.internalError', times: 0 })).toThrow('times: 0 is not allowed (expected an integer ≥ 1 or null)')
    expect(() => t().mocks.scenarios.add({ operation: 'dreadnode.logout', delayMs: 600_001 })).toThrow('delayMs: 600001 is not allowed (expected an integer between 0 and 600000)')
    expect(() => t().mocks.scenarios.add({ operation: 'dreadnode.logout', fault: 'boom' as 'hang' })).toThrow('fault: "boom" is not allowed (expected one of "network-error", "connection-reset", "hang")')
    expect(() => t().mocks.scenarios.add({ behavior: 'x' } as never)).toThrow('scenario: unknown field "behavior" (known: behaviour, operation, times, delayMs, fault)')
    let faultError: unknown
    try {
      t().mocks.scenarios.add({ operation: 'dreadnode.logout', fault: 'boom' as 'hang' })
    } catch (e) {
      faultError = e
    }
    expect(faultError).toMatchObject({ extensions: { validFaults: ['network-error', 'connection-reset', 'hang'] } })
    expect(() => t().mocks.scenarios.add({ operation: 'dreadnode.logout' })).toThrow(/delayMs.*fault/)
    // @ts-expect-error an operation id the catalogue does not hold
    expect(() => t().mocks.scenarios.add({ operation: 'dreadnode.nope', fault: 'hang' })).toThrow(/unknown operation/)
  })

  it('an unknown id lists the valid ones at the level it got right: behaviours of its operation, operations of its provider, providers', async () => {
    const mocks = t().mocks
    const thrown = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        return e as { message: string; extensions: Record<string, unknown> }
      }
      throw new Error('did not throw')
    }
    // @ts-expect-error misspelt ids are compile errors; at run time (plain JavaScript, JSON) the error lists the valid ones
    const behaviour = thrown(() => mocks.scenarios.add({ behaviour: 'dreadnode.logout.ratelimited' }))
    const logoutIds = mocks.catalogue.forOperation('dreadnode', 'logout').map((b) => b.id)
    expect(behaviour.message).toBe(`unknown behaviour "dreadnode.logout.ratelimited" (valid for dreadnode.logout: ${logoutIds.join(', ')})`)
    expect(behaviour.extensions).toMatchObject({ validBehaviours: logoutIds })
    expect(logoutIds).toContain('dreadnode.logout.rateLimited')
    // @ts-expect-error as above
    const operation = thrown(() => mocks.scenarios.add({ operation: 'dreadnode.logot', fault: 'hang' }))
    expect(operation.message).toMatch(/^unknown operation "dreadnode\.logot" \(valid for dreadnode: dreadnode\.login, .*dreadnode\.logout\)$/)
    // @ts-expect-error as above
    const provider = thrown(() => mocks.scenarios.add({ behaviour: 'dreadnote.logout.success' }))
    expect(provider.message).toBe('unknown behaviour "dreadnote.logout.success" (valid: dreadnode, webmixhub, rested, kratos)')
    // @ts-expect-error as above
    await expect(mocks.sessions.create({ provider: 'dreadnote', user: 'alice' })).rejects.toThrow('unknown provider "dreadnote" (valid: dreadnode, webmixhub, rested, kratos)')
  })

  it('coverage splits documented and assumed and lists the documented gaps', async () => {
    await logout()
    await logout({ headers: { Prefer: 'code=504' } })
    const report = t().mocks.coverage()
    const d = report.providers.dreadnode!
    const entries = d.operations.logout
    expect(entries.find((e) => e.id === 'dreadnode.logout.unauthenticated')).toMatchObject({ natural: 1, forced: 0, served: true, source: 'documented' })
    expect(entries.find((e) => e.id === 'dreadnode.logout.gatewayTimeout')).toMatchObject({ natural: 0, forced: 1, served: true })
    expect(d.documented.served).toBe(2)
    expect(d.assumed.served).toBe(0)
    expect(d.missingDocumented).not.toContain('dreadnode.logout.unauthenticated')
    expect(d.missingDocumented).toContain('dreadnode.logout.success')
    await t().mocks.reset()
    expect(t().mocks.coverage().providers.dreadnode!.documented.served).toBe(0)
  })
})

describeBothModes('journal', { journalSize: 5 }, (t) => {
  it('keeps only the newest N requests while counting all of them', async () => {
    for (let i = 0; i < 12; i++) await fetch(t().baseUrl('dreadnode') + `/api/v1/auth/logout?n=${i}`, { method: 'POST' })
    const entries = t().mocks.journal.list()
    expect(entries).toHaveLength(5)
    expect(entries.map((e) => e.seq)).toEqual([8, 9, 10, 11, 12])
    expect(entries.at(-1)).toMatchObject({ method: 'POST', url: '/api/v1/auth/logout?n=11', status: 401, provider: 'dreadnode', operation: 'logout' })
    expect(t().mocks.journal.total).toBe(12)
    expect(t().mocks.journal.list({ limit: 2 }).map((e) => e.seq)).toEqual([11, 12])
  })
})
