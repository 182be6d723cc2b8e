/**
 * How Kratos's responses look on the wire: herodot JSON (errors without charset and with `Ory-Error-Id`, successes
 * with `; charset=utf-8`), Go's `http.Redirect` 303s, bare 204s, and the headers every public route adds —
 * `Cache-Control` on GETs (httprouterx) and `Vary: Cookie` where nosurf runs (ory/herodot json.go, oryx/httprouterx, nosurf).
 */
import { orderedError, type HerodotError } from './herodot.ts'
import { goJson, htmlEscape } from './go.ts'
import { createResponse, type MockResponse } from '../../platform/http/response.ts'
import type { IncomingRequest } from '../../platform/http/buffered-request.ts'

export const NO_CACHE = 'private, no-cache, no-store, must-revalidate'

/** Headers every response of a route carries: Cache-Control on GET, Vary: Cookie behind nosurf, extra Set-Cookies. */
export function routeHeaders(request: IncomingRequest, opts: { nosurf: boolean; setCookies?: readonly string[] }): Headers {
  const h = new Headers()
  if (request.method === 'GET') h.set('Cache-Control', NO_CACHE)
  if (opts.nosurf) h.set('Vary', 'Cookie')
  for (const c of opts.setCookies ?? []) h.append('Set-Cookie', c)
  return h
}

/**
 * A herodot error: `{"error":{…}}`, `Content-Type: application/json`, `Ory-Error-Id` (empty when no id).
 * @example
 * herodotResponse(SESSION_INACTIVE, request, new Headers()) // 401 with the E1 body
 */
export function herodotResponse(error: HerodotError, request: IncomingRequest, headers: Headers, extra: Record<string, unknown> = {}): MockResponse {
  headers.set('Content-Type', 'application/json')
  headers.set('Ory-Error-Id', error.id ?? '')
  const body = { error: orderedError(error, request.headers.get('x-request-id')), ...extra }
  return createResponse(goJson(body), { status: error.code, headers })
}

/** A successful herodot JSON write (`application/json; charset=utf-8`). */
export function jsonResponse(status: number, body: unknown, headers: Headers): MockResponse {
  headers.set('Content-Type', 'application/json; charset=utf-8')
  return createResponse(goJson(body), { status, headers })
}

/**
 * What a 303 entry declares for Go's `http.Redirect` answer to a method: the `text/html` link body (schema
 * `seeOtherHtml`) on GET, nothing on other methods (a form POST's 303 is bare; HEAD twins declare no body).
 * @example
 * seeOtherDeclaration('GET') // { contentType: 'text/html', schema: 'seeOtherHtml' }
 */
export function seeOtherDeclaration(method: string): { contentType: 'text/html' | null; schema?: 'seeOtherHtml' } {
  return method === 'GET' ? { contentType: 'text/html', schema: 'seeOtherHtml' } : { contentType: null }
}

/**
 * Go's `hexEscapeNonASCII`, which `http.Redirect` applies to the Location: every byte ≥ 0x80 of the UTF-8 as `%xx`
 * (lowercase hex, as `strconv.AppendInt` writes it), so the header is ASCII whatever the return_to held.
 */
function hexEscapeNonAscii(s: string): string {
  let out = ''
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out += ch
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16)}`
  }
  return out
}

/** Go's `http.Redirect(w, r, location, 303)`: an HTML body and Content-Type on GET, none on other methods. */
export function seeOther(location: string, request: IncomingRequest, headers: Headers): MockResponse {
  headers.set('Location', hexEscapeNonAscii(location))
  if (request.method === 'GET' || request.method === 'HEAD') headers.set('Content-Type', 'text/html; charset=utf-8')
  const body = request.method === 'GET' ? `<a href="${htmlEscape(location)}">See Other</a>.\n\n` : null
  return createResponse(body, { status: 303, headers })
}

/** 204, no body, no Content-Type. */
export function noContent(headers: Headers): MockResponse {
  return createResponse(null, { status: 204, headers })
}
