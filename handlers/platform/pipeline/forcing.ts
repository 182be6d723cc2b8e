/**
 * Reading the forcing directives of a request, Prism-style: `Prefer: code=401`, `Prefer: example=<behaviour id>`,
 * `Prefer: delay=<ms>`, `Prefer: fault=<kind>`, and their query twins `__code`, `__example`, `__delay`, `__fault`
 * (stripped before the provider sees the request). Header values win over query twins.
 */
import type { IncomingRequest } from '../http/buffered-request.ts'
/** Longest `Prefer: delay` accepted (10 minutes): anything longer is a typo, not a scenario. */
export const MAX_DELAY_MS = 600_000

export const FAULTS = ['network-error', 'connection-reset', 'hang'] as const
export type Fault = (typeof FAULTS)[number]

export interface ForcingDirectives {
  readonly code?: string
  readonly example?: string
  readonly delay?: string
  readonly fault?: string
  /** Where the forcing (code/example) came from. */
  readonly via: 'header' | 'query' | null
  /** The request URL without the query twins, or null when there were none. */
  readonly strippedUrl: URL | null
}

const KEYS = ['code', 'example', 'delay', 'fault'] as const
type Key = (typeof KEYS)[number]
const isKey = (k: string): k is Key => (KEYS as readonly string[]).includes(k)

/** Parses a `Prefer` header (RFC 7240) into our keys; other preferences (`return=minimal`…) are left alone. */
function parsePrefer(header: string | null): Partial<Record<Key, string>> {
  const out: Partial<Record<Key, string>> = {}
  if (!header) return out
  for (const part of header.split(',')) {
    const token = part.split(';')[0].trim()
    const eq = token.indexOf('=')
    if (eq < 0) continue
    const name = token.slice(0, eq).trim().toLowerCase()
    let value = token.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    if (isKey(name)) out[name] = value
  }
  return out
}

/** A CORS preflight: the browser asking permission for the real request. */
export function isPreflight(request: IncomingRequest): boolean {
  return request.method === 'OPTIONS' && request.headers.has('access-control-request-method')
}

/**
 * Collects forcing directives from the header and query twins. A CORS preflight is never forced (a query twin on the
 * real request would otherwise break its own preflight), but its twins are still stripped.
 * @example
 * readForcing(new Request('https://x/api?__code=401')) // { code: '401', via: 'query', strippedUrl: URL('https://x/api') }
 */
export function readForcing(request: IncomingRequest, url: URL): ForcingDirectives {
  const fromHeader = parsePrefer(request.headers.get('prefer'))
  const fromQuery: Partial<Record<Key, string>> = {}
  let strippedUrl: URL | null = null
  if (url.search.includes('__')) {
    for (const key of KEYS) {
      const v = url.searchParams.get(`__${key}`)
      if (v !== null) {
        fromQuery[key] = v
        strippedUrl ??= new URL(url)
        strippedUrl.searchParams.delete(`__${key}`)
      }
    }
  }
  if (isPreflight(request)) return { via: null, strippedUrl }
  const pick = (k: Key) => fromHeader[k] ?? fromQuery[k]
  const headerForces = fromHeader.code !== undefined || fromHeader.example !== undefined
  const queryForces = fromQuery.code !== undefined || fromQuery.example !== undefined
  return {
    code: pick('code'),
    example: pick('example'),
    delay: pick('delay'),
    fault: pick('fault'),
    via: headerForces ? 'header' : queryForces ? 'query' : null,
    strippedUrl,
  }
}
