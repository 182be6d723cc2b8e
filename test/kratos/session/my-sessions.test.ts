/**
 * "Log out other devices" (docs/providers/kratos.md#log-out-other-devices): listMySessions, disableMyOtherSessions
 * and disableMySession through Ory's own `@ory/client-fetch`, unchanged, in-process and against the standalone
 * server; every body checked against Ory's OpenAPI; revocation seen by whoami, the logout flows and the list alike.
 */
import { expect, it } from 'vitest'
import { Configuration, FrontendApi, ResponseError } from '@ory/client-fetch'
import { alice, bob } from '../../../fixtures/users.ts'
import { describeBothModes } from '../../support/modes.ts'
import { browserLogin, expectSchema, nativeLogin } from '../support.ts'

const NO_SESSION = '{"error":{"code":401,"status":"Unauthorized","reason":"No valid session cookie found.","message":"The request could not be authorized"}}\n'
const CURRENT = '{"error":{"code":400,"status":"Bad Request","message":"cannot revoke current session"}}\n'

/** The SDK's rejection: status and body text (checked against errorGeneric). */
async function failure(promise: Promise<unknown>): Promise<{ status: number; text: string; response: Response }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ResponseError)
  const response = (error as ResponseError).response
  const text = await response.text()
  expectSchema('errorGeneric', JSON.parse(text))
  return { status: response.status, text, response }
}

/** Parses a Link header into rel → URL. */
function links(header: string | null): Record<string, URL> {
  const out: Record<string, URL> = {}
  for (const part of (header ?? '').split(',')) {
    const m = /^<([^>]*)>; rel="([a-z]+)"$/.exec(part)
    if (m) out[m[2]] = new URL(m[1], 'http://kratos.invalid')
  }
  return out
}

describeBothModes('kratos: log out other devices', { only: ['kratos'] }, (t) => {
  const base = () => t().baseUrl('kratos')
  const api = () => new FrontendApi(new Configuration({ basePath: base(), headers: { Accept: 'application/json' } }))

  it('listMySessions: the other active sessions only, newest first, with identity and devices (Ory schema)', async () => {
    const first = await nativeLogin(base(), alice)
    const second = await nativeLogin(base(), alice)
    await nativeLogin(base(), bob)
    const current = await browserLogin(base(), alice)
    const raw = await api().listMySessionsRaw({ cookie: current.cookie })
    const body = await raw.raw.clone().json()
    expectSchema('sessionList', body)
    expect(raw.raw.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(raw.raw.headers.get('x-total-count')).toBe('2')
    const sessions = await raw.value()
    expect(sessions.map((s) => s.id)).toEqual([second.sessionId, first.sessionId])
    expect(sessions.every((s) => s.active && s.identity?.traits.email === alice.email && s.devices?.length === 1)).toBe(true)
    // the same list through the token sources whoami reads
    const viaToken = await api().listMySessions({ xSessionToken: first.sessionToken })
    // from the first session: the browser one (newest), then the second; never the caller's own
    expect(viaToken.map((s) => s.id)).toEqual([expect.not.stringMatching(first.sessionId), second.sessionId])
  })

  it('listMySessions paginates as ory/x migrationpagination: Link, X-Total-Count, and pop’s 1-based page', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await nativeLogin(base(), alice)).sessionId)
    const me = await nativeLogin(base(), alice)
    const newestFirst = [...ids].reverse()
    const first = await api().listMySessionsRaw({ xSessionToken: me.sessionToken, pageSize: 2 })
    expect((await first.value()).map((s) => s.id)).toEqual(newestFirst.slice(0, 2))
    expect(first.raw.headers.get('x-total-count')).toBe('5')
    const rel = links(first.raw.headers.get('link'))
    expect(Object.keys(rel)).toEqual(['next', 'last'])
    expect(rel.next.pathname).toBe('/sessions')
    expect(Object.fromEntries(rel.next.searchParams)).toEqual({ page: '1', page_size: '2', page_token: 'eyJvZmZzZXQiOiIyIiwidiI6Mn0', per_page: '2' })
    expect(JSON.parse(atob(rel.last.searchParams.get('page_token')!))).toEqual({ offset: '4', v: 2 })
    // Kratos hands page 1 to pop, which counts from 1: the "next" link reads the first page again (upstream's quirk).
    const next = await api().listMySessions({ xSessionToken: me.sessionToken, pageSize: 2, pageToken: rel.next.searchParams.get('page_token')! })
    expect(next.map((s) => s.id)).toEqual(newestFirst.slice(0, 2))
    // page 2 (offset 4) is the second page; the legacy per_page/page reads the same way.
    const token4 = rel.last.searchParams.get('page_token')!
    expect((await api().listMySessions({ xSessionToken: me.sessionToken, pageSize: 2, pageToken: token4 })).map((s) => s.id)).toEqual(newestFirst.slice(2, 4))
    expect((await api().listMySessions({ xSessionToken: me.sessionToken, perPage: 2, page: 3 })).map((s) => s.id)).toEqual(newestFirst.slice(4))
    // an undecodable token is offset 0, an unreadable page_size the default 250: never an error.
    const lax = await api().listMySessionsRaw({ xSessionToken: me.sessionToken, pageToken: '!!', pageSize: Number.NaN })
    expect((await lax.value()).length).toBe(5)
    expect(lax.raw.headers.get('link')).toMatch(/^<\/sessions\?page=0&page_size=5&page_token=eyJvZmZzZXQiOiIwIiwidiI6Mn0&per_page=5>; rel="first"$/)
  })

  it('listMySessions with no other session: [] and first/next/prev links; without a session: 401', async () => {
    const me = await nativeLogin(base(), alice)
    const raw = await api().listMySessionsRaw({ xSessionToken: me.sessionToken })
    expect(await raw.value()).toEqual([])
    expect(Object.keys(links(raw.raw.headers.get('link')))).toEqual(['first', 'next', 'prev'])
    const none = await failure(api().listMySessions())
    expect([none.status, none.text]).toEqual([401, NO_SESSION])
    expect(none.response.headers.get('ory-error-id')).toBe('')
  })

  it('disableMyOtherSessions: {"count": n}, and every other session is logged out for whoami, logout and the list', async () => {
    const phone = await nativeLogin(base(), alice)
    const laptop = await browserLogin(base(), alice)
    const bobs = await nativeLogin(base(), bob)
    const me = await nativeLogin(base(), alice)
    const raw = await api().disableMyOtherSessionsRaw({ xSessionToken: me.sessionToken })
    expect(raw.raw.status).toBe(200)
    expect(await raw.raw.clone().text()).toBe('{"count":2}\n')
    expectSchema('deleteMySessionsCount', await raw.raw.clone().json())
    expect((await raw.value()).count).toBe(2)
    expect((await failure(api().toSession({ xSessionToken: phone.sessionToken }))).status).toBe(401)
    expect((await failure(api().toSession({ cookie: laptop.cookie }))).status).toBe(401)
    const logout = await fetch(`${base()}/self-service/logout/browser`, { headers: { Accept: 'application/json', Cookie: laptop.cookie } })
    expect(logout.status).toBe(401)
    expect((await api().toSession({ xSessionToken: me.sessionToken })).id).toBe(me.sessionId)
    expect((await api().toSession({ xSessionToken: bobs.sessionToken })).identity?.traits.email).toBe(bob.email)
    expect(await api().listMySessions({ xSessionToken: me.sessionToken })).toEqual([])
    // Kratos counts every other row of the identity, already revoked ones included (persister_session.go:578-605).
    expect((await api().disableMyOtherSessions({ xSessionToken: me.sessionToken })).count).toBe(2)
    const none = await failure(api().disableMyOtherSessions({ xSessionToken: phone.sessionToken }))
    expect([none.status, none.text]).toEqual([401, NO_SESSION])
  })

  it('disableMySession: 204 revokes that one session; the revoked one fails whoami and native logout reports it known', async () => {
    const phone = await nativeLogin(base(), alice)
    const tablet = await nativeLogin(base(), alice)
    const me = await nativeLogin(base(), alice)
    const raw = await api().disableMySessionRaw({ id: phone.sessionId, xSessionToken: me.sessionToken })
    expect(raw.raw.status).toBe(204)
    expect(await raw.raw.text()).toBe('')
    expect((await failure(api().toSession({ xSessionToken: phone.sessionToken }))).status).toBe(401)
    expect((await api().listMySessions({ xSessionToken: me.sessionToken })).map((s) => s.id)).toEqual([tablet.sessionId])
    // performNativeLogout of an already revoked session is still 204, as after a logout.
    await api().performNativeLogout({ performNativeLogoutBody: { session_token: phone.sessionToken } })
  })

  it("disableMySession: own session 400, unparsable id 400 (gofrs/uuid's words), another identity's or unknown id 204 and nothing revoked", async () => {
    const me = await nativeLogin(base(), alice)
    const bobs = await nativeLogin(base(), bob)
    const own = await failure(api().disableMySession({ id: me.sessionId, xSessionToken: me.sessionToken }))
    expect([own.status, own.text]).toEqual([400, CURRENT])
    const bad = await failure(api().disableMySession({ id: 'abc', xSessionToken: me.sessionToken }))
    expect([bad.status, bad.text]).toEqual([400, '{"error":{"code":400,"status":"Bad Request","message":"uuid: incorrect UUID length 3 in string \\"abc\\""}}\n'])
    const badHex = await failure(api().disableMySession({ id: 'zzzzzzzz-9dad-11d1-80b4-00c04fd430c8', xSessionToken: me.sessionToken }))
    expect(JSON.parse(badHex.text).error.message).toBe('uuid: invalid UUID format')
    expect((await api().disableMySessionRaw({ id: bobs.sessionId, xSessionToken: me.sessionToken })).raw.status).toBe(204)
    expect((await api().toSession({ xSessionToken: bobs.sessionToken })).active).toBe(true)
    expect((await api().disableMySessionRaw({ id: '6ba7b810-9dad-11d1-80b4-00c04fd430c8', xSessionToken: me.sessionToken })).raw.status).toBe(204)
    // the braced and upper-case spellings name the same session
    const other = await nativeLogin(base(), alice)
    expect((await api().disableMySessionRaw({ id: `{${other.sessionId.toUpperCase()}}`, xSessionToken: me.sessionToken })).raw.status).toBe(204)
    expect((await failure(api().toSession({ xSessionToken: other.sessionToken }))).status).toBe(401)
    // without a session, 401 comes before the id is read
    const none = await failure(api().disableMySession({ id: 'abc' }))
    expect([none.status, none.text]).toEqual([401, NO_SESSION])
  })

  it('DELETE /sessions/whoami stays whoami (session/handler.go:789-795)', async () => {
    const me = await nativeLogin(base(), alice)
    const response = await fetch(`${base()}/sessions/whoami`, { method: 'DELETE', headers: { 'X-Session-Token': me.sessionToken } })
    expect(response.status).toBe(200)
    expect((await response.json()).id).toBe(me.sessionId)
  })

  it('every documented status is forceable, with herodot bodies', async () => {
    const cases: [string, string, number][] = [
      ['GET', '/sessions', 400],
      ['GET', '/sessions', 401],
      ['GET', '/sessions', 500],
      ['DELETE', '/sessions', 400],
      ['DELETE', '/sessions', 401],
      ['DELETE', '/sessions', 500],
      ['DELETE', '/sessions/6ba7b810-9dad-11d1-80b4-00c04fd430c8', 400],
      ['DELETE', '/sessions/6ba7b810-9dad-11d1-80b4-00c04fd430c8', 401],
      ['DELETE', '/sessions/6ba7b810-9dad-11d1-80b4-00c04fd430c8', 500],
    ]
    for (const [method, path, code] of cases) {
      const response = await fetch(`${base()}${path}`, { method, headers: { Prefer: `code=${code}` } })
      expect(response.status, `${method} ${path} ${code}`).toBe(code)
      expectSchema('errorGeneric', await response.json())
    }
    const forced = await fetch(`${base()}/sessions`, { headers: { Prefer: 'code=200' } })
    expectSchema('sessionList', await forced.json())
    expect(await (await fetch(`${base()}/sessions`, { method: 'DELETE', headers: { Prefer: 'code=200' } })).text()).toBe('{"count":0}\n')
    expect((await fetch(`${base()}/sessions/x`, { method: 'DELETE', headers: { Prefer: 'example=kratos.disableMySession.currentSession' } })).status).toBe(400)
  })
})
