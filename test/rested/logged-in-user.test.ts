/**
 * Rested.dev's logged-in-user GET through fetch with a real cookie jar, in-process and standalone: the record from the
 * cookie or the Authorization header, dataOnly, the masterKey, each of the four documented 401s reached naturally
 * (a logged-out token among them), the project checks before the token, and the platform clock's timestamps.
 */
import { expect, it } from 'vitest'
import { describeBothModes, type Target } from '../support/modes.ts'
import { ACCESS_COOKIE, AUTH, LOCKED_AUTH, MESSAGES, RESTED_LOCKED_MASTER_KEY, RESTED_LOCKED_ORIGIN, RESTED_MASTER_KEY, createClient, errorOf, jsonOf } from './client.ts'

const START = '2025-01-15T10:30:00.000Z'
const ALICE = { username: 'alice', password: 'alice-password-1' }
const ALICE_DATA = { username: 'alice', email: 'alice@example.com', password: 'alice-password-1', name: 'Alice Example' }

describeBothModes('rested logged-in user', { clock: { start: START, frozen: true } }, (target: () => Target) => {
  const base = () => target().baseUrl('rested')
  const get = (path: string, headers: HeadersInit = {}) => fetch(base() + path, { headers })
  const lastJournal = () => target().mocks.journal.list().at(-1)
  const loggedIn = async (query = '', path = AUTH, headers: HeadersInit = {}) => {
    const c = createClient(base())
    const res = await c.call(`${path}&login=true${query}`, { method: 'POST', json: ALICE, headers })
    expect(res.status).toBe(200)
    return { c, res }
  }
  /** Runs a control action the way the mode offers it: over HTTP standalone, on the mocks object in-process. */
  const action = async (name: string, input: Record<string, unknown>) => {
    const t = target()
    if (t.origin === undefined) return t.mocks.action('rested', name, input)
    const res = await fetch(`${t.origin}/__mock/state/rested/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) })
    expect(res.status).toBe(200)
    return res.json()
  }

  it('the cookie of a login returns the stored record, timestamps from the platform clock; dataOnly the data only', async () => {
    const { c } = await loggedIn()
    const res = await c.call(AUTH)
    expect(res.status).toBe(200)
    expect(lastJournal()).toMatchObject({ operation: 'loggedInUser', behaviour: 'rested.loggedInUser.success', forced: null })
    expect(await jsonOf(res, 'userRecord')).toEqual({ uniqueId: '00000000000000010000000000000001', data: ALICE_DATA, createdAt: START, updatedAt: START })
    const dataOnly = await c.call(`${AUTH}&dataOnly=true`)
    expect(await jsonOf(dataOnly, 'userData')).toEqual(ALICE_DATA)
    expect(lastJournal()).toMatchObject({ behaviour: 'rested.loggedInUser.successDataOnly' })
  })

  it('a user registered later carries the registration time, not the time of the GET', async () => {
    target().mocks.clock.advance(60_000)
    const c = createClient(base())
    const reg = await c.call(AUTH, { method: 'POST', json: { email: 'erin@example.com', password: 'erin-password-1', plan: 'pro' } })
    const registered = await jsonOf(reg, 'userRecord')
    expect(registered).toMatchObject({ data: { email: 'erin@example.com', password: 'erin-password-1', plan: 'pro' }, createdAt: '2025-01-15T10:31:00.000Z', updatedAt: '2025-01-15T10:31:00.000Z' })
    target().mocks.clock.advance(60_000)
    await c.call(`${AUTH}&login=true`, { method: 'POST', json: { email: 'erin@example.com', password: 'erin-password-1' } })
    expect(await jsonOf(await c.call(AUTH), 'userRecord')).toEqual(registered)
  })

  it('the Authorization header works as Bearer and bare, as logout takes it', async () => {
    const { res } = await loggedIn('&noATCookie=true')
    const authorization = res.headers.get('authorization')!
    for (const value of [authorization, authorization.slice('Bearer '.length)]) {
      expect((await jsonOf(await get(AUTH, { authorization: value }), 'userRecord')).data).toEqual(ALICE_DATA)
    }
  })

  it('after logout the same cookie gets 401 "Invalid credentials" here (the check a frontend makes)', async () => {
    const { c } = await loggedIn()
    expect((await c.call(AUTH)).status).toBe(200)
    expect((await c.call(`${AUTH}&logout=true`, { method: 'POST' })).status).toBe(204)
    expect(await errorOf(await c.call(AUTH))).toEqual({ status: 401, message: 'Invalid credentials' })
    expect(lastJournal()).toMatchObject({ behaviour: 'rested.loggedInUser.invalidCredentials', forced: null })
  })

  it('no token: 401 "Missing Access Token", with or without a masterKey', async () => {
    expect(await errorOf(await get(AUTH))).toEqual({ status: 401, message: 'Missing Access Token' })
    expect(lastJournal()).toMatchObject({ behaviour: 'rested.loggedInUser.missingAccessToken' })
    expect(await errorOf(await get(`/api/1/ce/examples/auth?masterKey=${RESTED_MASTER_KEY}`))).toEqual({ status: 401, message: 'Missing Access Token' })
    // An empty cookie and an empty header are no token either.
    expect(await errorOf(await get(AUTH, { cookie: `${ACCESS_COOKIE}=`, authorization: '' }))).toEqual({ status: 401, message: 'Missing Access Token' })
  })

  it('a token never issued, or issued by another project: 401 "Invalid credentials"', async () => {
    expect(await errorOf(await get(AUTH, { authorization: `Bearer ${'f'.repeat(64)}` }))).toEqual({ status: 401, message: 'Invalid credentials' })
    const locked = await loggedIn('', LOCKED_AUTH, { origin: RESTED_LOCKED_ORIGIN })
    const token = (await locked.c.accessToken())!
    expect(await errorOf(await get(AUTH, { cookie: `${ACCESS_COOKIE}=${token}` }))).toEqual({ status: 401, message: 'Invalid credentials' })
    // …while in its own project, from its allowed origin, it is alice.
    expect((await get(LOCKED_AUTH, { cookie: `${ACCESS_COOKIE}=${token}`, origin: RESTED_LOCKED_ORIGIN })).status).toBe(200)
  })

  it('a token past accessTokenTtl: 401 "Token expired"', async () => {
    const { c } = await loggedIn()
    target().mocks.clock.advance(3_599_999)
    expect((await c.call(AUTH)).status).toBe(200)
    target().mocks.clock.advance(1)
    expect(await errorOf(await c.call(AUTH))).toEqual({ status: 401, message: 'Token expired' })
    expect(lastJournal()).toMatchObject({ behaviour: 'rested.loggedInUser.tokenExpired', forced: null })
  })

  it('a live token whose user was deleted: 401 "No user found"', async () => {
    const { c } = await loggedIn()
    expect(await action('deleteUser', { user: 'alice' })).toMatchObject({ user: 'alice', project: 'examples', deleted: true })
    expect(await errorOf(await c.call(AUTH))).toEqual({ status: 401, message: 'No user found' })
    expect(lastJournal()).toMatchObject({ behaviour: 'rested.loggedInUser.noUserFound', forced: null })
  })

  it('a dead cookie does not hide a live Authorization header', async () => {
    const { c } = await loggedIn()
    const dead = (await c.accessToken())!
    await c.call(`${AUTH}&logout=true`, { method: 'POST' })
    const live = (await loggedIn('&noATCookie=true')).res.headers.get('authorization')!
    expect((await get(AUTH, { cookie: `${ACCESS_COOKIE}=${dead}`, authorization: live })).status).toBe(200)
  })

  it('the project checks come first; a masterKey skips the origin rules, not the token', async () => {
    const { c } = await loggedIn('', LOCKED_AUTH, { origin: RESTED_LOCKED_ORIGIN })
    expect(await errorOf(await get('/api/1/ce/examples/auth', { authorization: 'x' }))).toEqual({ status: 403, message: MESSAGES.missingApiKey })
    expect(await errorOf(await get('/api/1/ce/examples/auth?key=nope'))).toEqual({ status: 400, message: MESSAGES.invalid })
    expect(await errorOf(await c.call(LOCKED_AUTH, { headers: { origin: 'https://evil.example' } }))).toEqual({ status: 403, message: MESSAGES.origin })
    expect(await errorOf(await c.call(LOCKED_AUTH))).toEqual({ status: 403, message: MESSAGES.noOrigin })
    expect(lastJournal()).toMatchObject({ operation: 'loggedInUser', behaviour: 'rested.loggedInUser.noOriginDisallowed' })
    const master = await c.call(`${LOCKED_AUTH}&masterKey=${RESTED_LOCKED_MASTER_KEY}`, { headers: { origin: 'https://evil.example' } })
    expect(master.headers.get('access-control-allow-origin')).toBe('https://evil.example')
    expect((await jsonOf(master, 'userRecord')).data).toEqual(ALICE_DATA)
  })

  it('forcing reaches the logged-in-user entries on their own URL, a 401 by status being "Missing Access Token"', async () => {
    expect(await errorOf(await get(AUTH, { prefer: 'code=401' }))).toEqual({ status: 401, message: 'Missing Access Token' })
    expect(await errorOf(await get(`${AUTH}&__example=rested.loggedInUser.noUserFound`))).toEqual({ status: 401, message: 'No user found' })
    const forced = await get(AUTH, { prefer: 'code=200' })
    expect(await jsonOf(forced, 'userRecord')).toEqual({ uniqueId: '00000000000000010000000000000001', data: ALICE_DATA, createdAt: START, updatedAt: START })
  })
})
