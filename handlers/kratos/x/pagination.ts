/**
 * Kratos's "migration" pagination of listMySessions (x/pagination.go, which calls ory/x
 * `pagination/migrationpagination`): `page_token`/`page_size` when either is present (tokenpagination: the token is
 * base64url of `{"offset":"<n>","v":2}`, an undecodable one counts as offset 0), else `page`/`per_page`
 * (pagepagination); 250 items by default, 1000 at most, 1 at least. The `Link` and `X-Total-Count` headers follow
 * ory/x `pagination/header.go` `HeaderWithFormatter`.
 *
 * The page is then handed to pop's `Paginate(page, perPage)`, which is 1-based and turns page 0 into page 1
 * (ory/pop paginator.go `NewPaginator`). The migration paginator counts from 0, so page 0 and page 1 both read the
 * first items, and the `next` link of the first page (offset = page size, page 1) reads the first page again. That is
 * upstream's behaviour and the mock keeps it (docs/providers/kratos.md#listing-sessions).
 */
import { goQuery, goQueryEscape } from './go.ts'

const DEFAULT_ITEMS = 250
const MAX_ITEMS = 1000

/** `strconv.ParseInt(s, 10, 0)`: null when Go would return an error (empty, not decimal, beyond int64). */
function goParseInt(s: string | undefined): number | null {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return null
  const n = BigInt(s)
  if (n > 9223372036854775807n || n < -9223372036854775808n) return null
  return Number(n)
}

const clampItems = (n: number) => Math.max(1, Math.min(MAX_ITEMS, n))

/** tokenpagination's `decode`: base64url without padding, then the `offset` member (string or number); else 0. */
function tokenOffset(token: string): number {
  if (!/^[A-Za-z0-9_-]*$/.test(token) || token.length % 4 === 1) return 0
  try {
    const binary = atob(token.replace(/-/g, '+').replace(/_/g, '/'))
    const parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as { offset?: unknown }
    const n = typeof parsed.offset === 'number' ? parsed.offset : typeof parsed.offset === 'string' ? goParseInt(parsed.offset) : null
    return n === null || !Number.isFinite(n) ? 0 : Math.trunc(n)
  } catch {
    return 0
  }
}

/**
 * tokenpagination's `Encode(offset)`.
 * @example
 * encodePageToken(250) // 'eyJvZmZzZXQiOiIyNTAiLCJ2IjoyfQ'
 */
export function encodePageToken(offset: number): string {
  // The JSON is ASCII: btoa reads it as bytes (no Buffer, so the browser bundle works too).
  return btoa(`{"offset":"${offset}","v":2}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/(?<!=)=+$/, '')
}

export interface Pagination {
  /** The migration paginator's page (0-based as it counts; pop reads 0 and 1 alike). */
  readonly page: number
  readonly perPage: number
}

/**
 * `x.ParsePagination(r)`.
 * @example
 * parsePagination(new URL('http://x/sessions?page_size=2')) // { page: 0, perPage: 2 }
 */
export function parsePagination(url: URL): Pagination {
  const q = goQuery(url)
  if (url.searchParams.has('page_token') || url.searchParams.has('page_size')) {
    const perPage = clampItems(goParseInt(q.get('page_size')) ?? DEFAULT_ITEMS)
    const offset = q.get('page_token') ? tokenOffset(q.get('page_token')!) : 0
    return { page: offset > 0 ? Math.max(0, Math.trunc(offset / perPage)) : 0, perPage }
  }
  const perPage = clampItems(goParseInt(q.get('per_page')) ?? DEFAULT_ITEMS)
  return { page: Math.max(0, goParseInt(q.get('page')) ?? 0), perPage }
}

/**
 * The items pop's `Paginate(page, perPage)` returns (1-based: page 0 is page 1).
 * @example
 * pageOf(['a', 'b', 'c'], { page: 2, perPage: 2 }) // ['c']
 */
export function pageOf<T>(items: readonly T[], p: Pagination): T[] {
  const start = (Math.max(1, p.page) - 1) * p.perPage
  return items.slice(start, start + p.perPage)
}

/** migrationpagination's link formatter: the request's query with the four paging parameters set, keys sorted. */
function link(path: string, query: ReadonlyMap<string, string>, rel: string, itemsPerPage: number, offset: number): string {
  const q = new Map(query)
  q.set('page_size', String(itemsPerPage))
  q.set('page_token', encodePageToken(offset))
  q.set('per_page', String(itemsPerPage))
  q.set('page', String(Math.trunc(offset / itemsPerPage)))
  const encoded = [...q.keys()].sort().map((k) => `${goQueryEscape(k)}=${goQueryEscape(q.get(k)!)}`).join('&')
  return `<${path}?${encoded}>; rel="${rel}"`
}

/**
 * `x.PaginationHeader(w, *r.URL, total, page, perPage)`: `X-Total-Count` and `Link` on the headers.
 * @example
 * setPaginationHeaders(headers, '/sessions', new URL('http://x/sessions'), 3, { page: 0, perPage: 2 })
 * headers.get('Link') // '</sessions?page=1&page_size=2&page_token=…&per_page=2>; rel="next",</sessions?…>; rel="last"'
 */
export function setPaginationHeaders(headers: Headers, path: string, url: URL, total: number, p: Pagination): void {
  const query = goQuery(url)
  const per = p.perPage
  const offset = p.page * per
  const lastOffset = total % per === 0 ? total - per : Math.trunc(total / per) * per
  const f = (rel: string, items: number, off: number) => link(path, query, rel, items, off)
  headers.set('X-Total-Count', String(total))
  let links: string[]
  if (offset >= lastOffset) {
    if (total === 0) links = [f('first', per, 0), f('next', per, (Math.trunc(offset / per) + 1) * per), f('prev', per, (Math.trunc(offset / per) - 1) * per)]
    else if (total <= per) links = [f('first', total, 0)]
    else links = [f('first', per, 0), f('prev', per, lastOffset - per)]
  } else if (offset < per) {
    links = [f('next', per, per), f('last', per, lastOffset)]
  } else {
    links = [f('first', per, 0), f('next', per, (Math.trunc(offset / per) + 1) * per), f('prev', per, (Math.trunc(offset / per) - 1) * per), f('last', per, lastOffset)]
  }
  headers.set('Link', links.join(','))
}
