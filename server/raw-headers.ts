/**
 * A fetch `Headers` over the name/value list Node's HTTP parser already made (`req.rawHeaders`), for the standalone
 * door's requests. It answers exactly as `new Headers()` filled by `append` would — names case-insensitive, values
 * of a repeated name joined with `, ` (the `Cookie` header's with `; `, as one header), `Set-Cookie` lines kept
 * apart, HTTP whitespace trimmed, iteration sorted by lowercase name — but builds its table on the first read and
 * skips undici's WebIDL conversions: the parser has validated the bytes already. Hop-by-hop headers (`Connection`, `Transfer-Encoding`, …) and HTTP/2 pseudo-headers are left out, as
 * a fetch Request would never carry them.
 */

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'proxy-connection', 'te', 'trailer'])
/** Leading and trailing HTTP whitespace (tab, space, CR, LF), what fetch strips from a value; other spaces stay. */
const HTTP_WHITESPACE = /^[\t\n\r ]+|(?<![\t\n\r ])[\t\n\r ]+$/g
const normalise = (value: string) => value.replace(HTTP_WHITESPACE, '')

export class RawHeaders implements Headers {
  readonly #raw: readonly string[]
  #table: Map<string, string> | undefined
  /** `Set-Cookie` lines, each on its own (fetch never joins them). */
  #cookies: string[] = []
  #sorted: [string, string][] | undefined

  /** `raw`: alternating names and values, as `IncomingMessage.rawHeaders`. */
  constructor(raw: readonly string[]) {
    this.#raw = raw
  }

  #map(): Map<string, string> {
    if (this.#table) return this.#table
    const table = new Map<string, string>()
    const raw = this.#raw
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i].toLowerCase()
      if (HOP_BY_HOP.has(name) || name.startsWith(':')) continue
      const value = normalise(raw[i + 1])
      if (name === 'set-cookie') {
        this.#cookies.push(value)
        continue
      }
      const before = table.get(name)
      table.set(name, before === undefined ? value : `${before}${name === 'cookie' ? '; ' : ', '}${value}`)
    }
    this.#table = table
    return table
  }

  get(name: string): string | null {
    const key = name.toLowerCase()
    const table = this.#map()
    if (key === 'set-cookie') return this.#cookies.length > 0 ? this.#cookies.join(', ') : null
    return table.get(key) ?? null
  }

  has(name: string): boolean {
    const key = name.toLowerCase()
    const table = this.#map()
    return key === 'set-cookie' ? this.#cookies.length > 0 : table.has(key)
  }

  getSetCookie(): string[] {
    this.#map()
    return [...this.#cookies]
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase()
    const table = this.#map()
    const v = normalise(value)
    if (key === 'set-cookie') this.#cookies.push(v)
    else {
      const before = table.get(key)
      table.set(key, before === undefined ? v : `${before}${key === 'cookie' ? '; ' : ', '}${v}`)
    }
    this.#sorted = undefined
  }

  set(name: string, value: string): void {
    const key = name.toLowerCase()
    const table = this.#map()
    if (key === 'set-cookie') this.#cookies = [normalise(value)]
    else table.set(key, normalise(value))
    this.#sorted = undefined
  }

  delete(name: string): void {
    const key = name.toLowerCase()
    const table = this.#map()
    if (key === 'set-cookie') this.#cookies = []
    else table.delete(key)
    this.#sorted = undefined
  }

  #entries(): [string, string][] {
    // As fetch's Headers iterates: names sorted, each Set-Cookie line an entry of its own where it sorts.
    this.#sorted ??= [...this.#map(), ...this.#cookies.map((c): [string, string] => ['set-cookie', c])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return this.#sorted
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.#entries()) callback.call(thisArg, value, name, this)
  }

  *entries(): HeadersIterator<[string, string]> {
    for (const [name, value] of this.#entries()) yield [name, value]
  }

  *keys(): HeadersIterator<string> {
    for (const [name] of this.#entries()) yield name
  }

  *values(): HeadersIterator<string> {
    for (const [, value] of this.#entries()) yield value
  }

  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.entries()
  }
}
