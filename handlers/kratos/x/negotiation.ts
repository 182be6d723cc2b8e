/**
 * Kratos's "JSON client or browser?" decision (`x.IsJSONRequest`, x/isjsonrequest.go): golang/gddo's
 * `NegotiateContentType` over the offers text/html, text/*, * /*, application/json with default text/html, or a
 * `Content-Type` of exactly `application/json`. gddo's Accept parser gives up on a whole header at the first
 * parameter that is not `q=`, which is why `application/json; charset=utf-8` counts as a browser.
 */
import type { IncomingRequest } from '../../platform/http/buffered-request.ts'

interface AcceptSpec {
  value: string
  q: number
}

const OFFERS = ['text/html', 'text/*', '*/*', 'application/json'] as const
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z/]*/

function skipSpace(s: string): string {
  return s.replace(/^[ \t\r\n]+/, '')
}

/** gddo `expectQuality`: `0`, `1`, optionally followed by `.` and digits; -1 when invalid. */
function expectQuality(s: string): [number, string] {
  if (s === '' || (s[0] !== '0' && s[0] !== '1')) return [-1, '']
  const q = s[0] === '1' ? 1 : 0
  let rest = s.slice(1)
  if (!rest.startsWith('.')) return [q, rest]
  rest = rest.slice(1)
  const digits = /^[0-9]*/.exec(rest)![0]
  const n = digits === '' ? 0 : Number(digits)
  return [q + n / 10 ** digits.length, rest.slice(digits.length)]
}

/** gddo `header.ParseAccept`: stops at the first malformed element, keeping the ones before it. */
export function parseAccept(header: string | null): AcceptSpec[] {
  const specs: AcceptSpec[] = []
  let s = header ?? ''
  for (;;) {
    const value = TOKEN.exec(s)![0]
    if (value === '') return specs
    s = skipSpace(s.slice(value.length))
    let q = 1
    if (s.startsWith(';')) {
      s = skipSpace(s.slice(1))
      if (!s.startsWith('q=')) return specs
      ;[q, s] = expectQuality(s.slice(2))
      if (q < 0) return specs
    }
    specs.push({ value, q })
    s = skipSpace(s)
    if (!s.startsWith(',')) return specs
    s = skipSpace(s.slice(1))
  }
}

/** gddo `NegotiateContentType` with Kratos's offers and default. */
function negotiate(accept: string | null): string {
  let bestOffer = 'text/html'
  let bestQ = -1
  let bestWild = 3
  const specs = parseAccept(accept)
  for (const offer of OFFERS) {
    for (const spec of specs) {
      if (spec.q === 0 || spec.q < bestQ) continue
      if (spec.value === '*/*') {
        if (spec.q > bestQ || bestWild > 2) [bestQ, bestWild, bestOffer] = [spec.q, 2, offer]
      } else if (spec.value.endsWith('/*')) {
        if (offer.startsWith(spec.value.slice(0, -1)) && (spec.q > bestQ || bestWild > 1)) [bestQ, bestWild, bestOffer] = [spec.q, 1, offer]
      } else if (spec.value === offer && (spec.q > bestQ || bestWild > 0)) {
        ;[bestQ, bestWild, bestOffer] = [spec.q, 0, offer]
      }
    }
  }
  return bestOffer
}

/**
 * True when Kratos answers this request as an API/AJAX client (JSON errors, 204) rather than a browser (303s).
 * @example
 * isJsonRequest(new Request('http://x', { headers: { Accept: 'application/json' } })) // true
 * isJsonRequest(new Request('http://x', { headers: { Accept: '*' + '/*' } })) // false: fetch's default is a browser
 */
export function isJsonRequest(request: IncomingRequest): boolean {
  return negotiate(request.headers.get('accept')) === 'application/json' || request.headers.get('content-type') === 'application/json'
}
