/**
 * A fetch `Headers` over the name/value list Node's HTTP parser already made (`req.rawHeaders`), for the standalone
 * door's requests. It answers exactly as `new Headers()` filled by `append` would — names case-insensitive, values
 * of a repeated name joined with `, ` (the `Cookie` header's with `; `, as one header), iteration sorted by lowercase
 * name — but builds its table on the first read and skips undici's WebIDL conversions: the parser has validated the
 * bytes already. Hop-by-hop headers (`Connection`, `Transfer-Encoding`, …) and HTTP/2 pseudo-headers are left out, as
 * a fetch Request would never carry them.
 */

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'proxy-connection', 'te', 'trailer'])

export class RawHeaders implements Headers {
  readonly #raw: readonly string[]
  #table: Map<string, string> | undefined
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
      const value = raw[i + 1].trim()
      const before = table.get(name)
      table.set(name, before === undefined ? value : `${before}${name === 'cookie' ? '; ' : ', '}${value}`)
    }
    this.#table = table
    return table
  }

  get(name: string): string | null {
    return this.#map().get(name.toLowerCase()) ?? null
  }

  has(name: string): boolean {
    return this.#map().has(name.toLowerCase())
  }

  getSetCookie(): string[] {
    // A request carries no Set-Cookie that a fetch Request would expose as such: as Headers does, the joined value.
    const value = this.#map().get('set-cookie')
    return value === undefined ? [] : [value]
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase()
    const before = this.#map().get(key)
    this.#map().set(key, before === undefined ? value.trim() : `${before}${key === 'cookie' ? '; ' : ', '}${value.trim()}`)
    this.#sorted = undefined
  }

  set(name: string, value: string): void {
    this.#map().set(name.toLowerCase(), value.trim())
    this.#sorted = undefined
  }

  delete(name: string): void {
    this.#map().delete(name.toLowerCase())
    this.#sorted = undefined
  }

  #entries(): [string, string][] {
    this.#sorted ??= [...this.#map()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
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
