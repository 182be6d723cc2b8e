/**
 * RawHeaders must answer exactly as the fetch Headers the standalone door used to build (append per raw header,
 * hop-by-hop names dropped, several Cookie headers joined with "; "): the reference here is undici's own Headers.
 */
import { describe, expect, it } from 'vitest'
import { RawHeaders } from '../../server/raw-headers.ts'

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'proxy-connection', 'te', 'trailer'])

/** What a fetch Request built from the same raw list would carry. */
function reference(raw: string[]): Headers {
  const headers = new Headers()
  let cookie: string | undefined
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase()
    if (HOP.has(name)) continue
    if (name === 'cookie') cookie = cookie === undefined ? raw[i + 1] : `${cookie}; ${raw[i + 1]}`
    else headers.append(name, raw[i + 1])
  }
  if (cookie !== undefined) headers.set('cookie', cookie)
  return headers
}

const CASES: Record<string, string[]> = {
  empty: [],
  simple: ['Host', '127.0.0.1:9090', 'Content-Type', 'application/json', 'Content-Length', '12'],
  'repeated names, any case': ['Accept', 'text/html', 'ACCEPT', 'application/json', 'X-Forwarded-For', '10.0.0.1', 'x-forwarded-for', '10.0.0.2'],
  'several Cookie headers': ['Cookie', 'a=1', 'Host', 'x', 'cookie', 'b=2; c=3'],
  'hop-by-hop dropped': ['Connection', 'keep-alive', 'Keep-Alive', 'timeout=5', 'Transfer-Encoding', 'chunked', 'TE', 'trailers', 'Upgrade', 'h2c', 'Expect', '100-continue', 'Prefer', 'code=401'],
  'empty values': ['X-Empty', '', 'Authorization', 'Bearer t'],
  'Set-Cookie lines stay apart': ['Set-Cookie', 'a=1', 'Host', 'x', 'set-cookie', 'b=2', 'Zeta', 'z'],
  'only HTTP whitespace is trimmed': ['X-Nbsp', 'a=1\u00a0', 'X-Tab', '\tv\t', 'Cookie', ' c=1 '],
}

describe('RawHeaders', () => {
  for (const [name, raw] of Object.entries(CASES)) {
    it(`reads like fetch Headers: ${name}`, () => {
      const ours = new RawHeaders(raw)
      const theirs = reference(raw)
      expect([...ours]).toEqual([...theirs])
      expect([...ours.keys()]).toEqual([...theirs.keys()])
      expect([...ours.values()]).toEqual([...theirs.values()])
      expect(ours.getSetCookie()).toEqual(theirs.getSetCookie())
      for (const n of ['host', 'HOST', 'accept', 'x-forwarded-for', 'cookie', 'connection', 'prefer', 'x-empty', 'set-cookie', 'x-nbsp', 'x-tab', 'missing']) {
        expect(ours.get(n)).toBe(theirs.get(n))
        expect(ours.has(n)).toBe(theirs.has(n))
      }
      const seen: [string, string][] = []
      ours.forEach((value, key) => seen.push([key, value]))
      expect(seen).toEqual([...theirs])
      // A copy through the fetch constructor (what the cookie jar and requestWithUrl do) is the same list.
      expect([...new Headers(ours)]).toEqual([...theirs])
    })
  }

  it('changes like fetch Headers', () => {
    const raw = CASES['repeated names, any case']
    const ours = new RawHeaders(raw)
    const theirs = reference(raw)
    for (const h of [ours, theirs]) {
      h.append('Accept', 'image/png')
      h.set('Prefer', 'code=504')
      h.delete('X-FORWARDED-FOR')
      h.append('Set-Cookie', 'a=1')
      h.append('Set-Cookie', 'b=2')
    }
    expect([...ours]).toEqual([...theirs])
    expect(ours.getSetCookie()).toEqual(theirs.getSetCookie())
    for (const h of [ours, theirs]) h.set('Set-Cookie', 'c=3')
    expect([...ours]).toEqual([...theirs])
    for (const h of [ours, theirs]) h.delete('set-cookie')
    expect([...ours]).toEqual([...theirs])
  })

  it('leaves the raw list untouched and reads it lazily', () => {
    const raw = ['Host', 'a']
    const ours = new RawHeaders(raw)
    ours.set('host', 'b')
    expect(raw).toEqual(['Host', 'a'])
    expect(ours.get('Host')).toBe('b')
  })
})
