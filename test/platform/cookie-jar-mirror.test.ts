/**
 * The jar's copy of script-visible cookies into `document.cookie`, with a page's globals stubbed (none of the
 * providers' cookies is script-visible, so the Chromium suite can only show `document.cookie` staying empty).
 */
import { afterEach, expect, it, vi } from 'vitest'
import { createClock } from '../../handlers/platform/state/clock.ts'
import { createCookieJar, defaultCookieMode } from '../../handlers/platform/http/cookie-jar.ts'
import { createResponse } from '../../handlers/platform/http/response.ts'

afterEach(() => vi.unstubAllGlobals())

const respond = (...cookies: string[]) => {
  const headers = new Headers()
  for (const c of cookies) headers.append('Set-Cookie', c)
  return createResponse(null, { status: 200, headers })
}

it('copies a non-HttpOnly cookie of the page’s host with the time left on the platform clock, and removes it on clear()', () => {
  const written: string[] = []
  vi.stubGlobal('location', new URL('https://app.example.com/settings'))
  vi.stubGlobal('document', { set cookie(v: string) { written.push(v) } })
  expect(defaultCookieMode()).toBe('jar')
  const clock = createClock({ start: '2020-01-01T00:00:00.000Z', frozen: true })
  const jar = createCookieJar({ mode: 'jar', clock })
  const page = new Request('https://app.example.com/api/login', { method: 'POST' })
  jar.store(page, respond('csrf=abc; Path=/; Max-Age=60; Secure; SameSite=Strict', 'sid=s1; Path=/; HttpOnly; Secure'))
  jar.store(new Request('https://api.other.example/login', { credentials: 'include' }), respond('theirs=1; Path=/; Secure; SameSite=None'))
  expect(jar.list().map((c) => c.name)).toEqual(['csrf', 'sid', 'theirs'])
  // Only the page host's script-visible cookie; Max-Age counted from the platform clock (2020), not Expires.
  expect(written).toEqual(['csrf=abc; Max-Age=60; Path=/; Secure; SameSite=Strict'])
  clock.advance(30_000)
  jar.clear()
  expect(written.at(-1)).toBe('csrf=abc; Max-Age=0; Path=/; Secure; SameSite=Strict')
  expect(jar.list()).toEqual([])
})
