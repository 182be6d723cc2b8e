/**
 * Contract §0.1: Kratos's JSON-vs-browser detection, one test per table row — the function itself, and the same
 * row end-to-end (updateLogoutFlow without a token answers 400 to JSON clients, 303 to browsers).
 */
import { describe, expect, it } from 'vitest'
import { isJsonRequest, parseAccept } from '../../../handlers/kratos/x/negotiation.ts'
import { useInProcessMocks } from '../../support/in-process.ts'

const BASE = 'http://127.0.0.1:4433'
useInProcessMocks({ only: ['kratos'] })

const ROWS: { name: string; headers: Record<string, string>; json: boolean }[] = [
  { name: '(none)', headers: {}, json: false },
  { name: '*/* (fetch/undici/curl default)', headers: { Accept: '*/*' }, json: false },
  { name: 'application/json', headers: { Accept: 'application/json' }, json: true },
  { name: 'axios default', headers: { Accept: 'application/json, text/plain, */*' }, json: true },
  { name: 'browser navigation', headers: { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, json: false },
  { name: 'application/json; charset=utf-8 (gddo stops at a non-q parameter)', headers: { Accept: 'application/json; charset=utf-8' }, json: false },
  { name: '*/*, application/json', headers: { Accept: '*/*, application/json' }, json: true },
  { name: 'no Accept but Content-Type: application/json', headers: { 'Content-Type': 'application/json' }, json: true },
]

describe('JSON-vs-browser negotiation (§0.1)', () => {
  for (const row of ROWS) {
    it(`${row.name} → ${row.json ? 'JSON' : 'browser'}`, async () => {
      expect(isJsonRequest(new Request(`${BASE}/x`, { headers: row.headers }))).toBe(row.json)
      const response = await fetch(`${BASE}/self-service/logout`, { headers: row.headers, redirect: 'manual' })
      expect(response.status).toBe(row.json ? 400 : 303)
    })
  }

  it('a Content-Type with parameters does not make a JSON client, q=0 excludes an offer', () => {
    expect(isJsonRequest(new Request(`${BASE}/x`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } }))).toBe(false)
    expect(isJsonRequest(new Request(`${BASE}/x`, { headers: { Accept: 'application/json;q=0, text/html' } }))).toBe(false)
    expect(isJsonRequest(new Request(`${BASE}/x`, { headers: { Accept: 'text/html;q=0.5, application/json;q=0.9' } }))).toBe(true)
  })

  it('parses Accept like gddo, keeping what precedes a malformed element', () => {
    expect(parseAccept('text/html;level=1, application/json')).toEqual([])
    expect(parseAccept('application/json, text/html;level=1')).toEqual([{ value: 'application/json', q: 1 }])
    expect(parseAccept('a/b;q=0.25')).toEqual([{ value: 'a/b', q: 0.25 }])
  })
})
