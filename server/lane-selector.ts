/**
 * Which lane a standalone request runs in, in this precedence (design.md, fixed interface):
 * 1. the header `X-Mock-Lane: <id>` (test clients, Playwright's `extraHTTPHeaders`);
 * 2. the host `<id>.localhost[:port]` (browsers and curl resolve every `*.localhost` to loopback);
 * 3. the query twin `__lane=<id>` (one-off links; stripped before a provider sees the URL);
 * 4. the cookie `logout-mocks-lane` set by `GET /__mock/lanes/<id>/enter`;
 * else `default`. A named id that breaks the rule `[a-z0-9][a-z0-9-]{0,62}` is a 400 mock problem saying it.
 */
import type { IncomingMessage } from 'node:http'
import { parseCookies } from '../handlers/platform/http/cookies.ts'
import { mockError } from '../handlers/platform/http/mock-error.ts'
import type { MockResponse } from '../handlers/platform/http/response.ts'
import { DEFAULT_LANE, LANE_COOKIE, LANE_ID, LANE_ID_RULE } from '../handlers/platform/state/lane.ts'

/** The request header naming a lane. */
export const LANE_HEADER = 'x-mock-lane'
/** The query twin naming a lane. */
export const LANE_QUERY = '__lane'

export type LaneSource = 'header' | 'host' | 'query' | 'cookie' | 'default'

export type LaneChoice =
  | { readonly ok: true; readonly id: string; readonly via: LaneSource }
  | { readonly ok: false; readonly response: MockResponse }

/** The `<id>` of a `Host: <id>.localhost[:port]`, or undefined for any other host. */
function hostLane(host: string | undefined): string | undefined {
  if (!host) return undefined
  const name = host.toLowerCase().replace(/:\d*$/, '')
  if (!name.endsWith('.localhost')) return undefined
  return name.slice(0, -'.localhost'.length)
}

function invalid(id: string, via: LaneSource): LaneChoice {
  return {
    ok: false,
    response: mockError({
      kind: 'invalid-lane',
      title: 'Invalid lane id',
      status: 400,
      detail: `The lane named by the ${via} ("${id.slice(0, 100)}") is not a lane id: ${LANE_ID_RULE}.`,
      pattern: LANE_ID.source,
    }),
  }
}

/**
 * The lane a request names, by the precedence above.
 * @example
 * selectLane(req, url) // { ok: true, id: 'w3', via: 'header' } for X-Mock-Lane: w3
 */
export function selectLane(req: IncomingMessage, url: URL | null): LaneChoice {
  const header = req.headers[LANE_HEADER]
  const candidates: [string | undefined, LaneSource][] = [
    [Array.isArray(header) ? header[0] : header, 'header'],
    [hostLane(req.headers.host), 'host'],
    [url?.searchParams.get(LANE_QUERY) ?? undefined, 'query'],
    [req.headers.cookie ? parseCookies(req.headers.cookie)[LANE_COOKIE] : undefined, 'cookie'],
  ]
  for (const [value, via] of candidates) {
    if (value === undefined) continue
    const id = via === 'header' ? value.trim() : value
    return LANE_ID.test(id) ? { ok: true, id, via } : invalid(id, via)
  }
  return { ok: true, id: DEFAULT_LANE, via: 'default' }
}

/**
 * The request URL without the lane's query twin (the provider must not see it), or the same URL when it has none.
 * @example
 * withoutLaneQuery(new URL('http://h/api?__lane=w3&a=1')).href // 'http://h/api?a=1'
 */
export function withoutLaneQuery(url: URL): URL {
  if (!url.search.includes(LANE_QUERY)) return url
  const stripped = new URL(url)
  stripped.searchParams.delete(LANE_QUERY)
  return stripped
}
