/**
 * Cookie headers in both directions: reading a request's `Cookie` header and writing `Set-Cookie` values with the
 * attributes in the exact order a vendor emits them.
 */

const NO_COOKIES: Readonly<Record<string, string>> = Object.freeze(Object.create(null) as Record<string, string>)
/** The last header parsed and its result: one request's checks read the same header several times. */
let last: { header: string; cookies: Readonly<Record<string, string>> } | undefined

/**
 * Parses a `Cookie` header into name → raw value (first occurrence wins, as most servers do). Never throws. The
 * result is frozen: the same header parsed again (the next check of the same request) gets the same object back.
 * @example
 * parseCookies('a=1; b="x"') // { a: '1', b: '"x"' }
 */
export function parseCookies(header: string | null): Readonly<Record<string, string>> {
  if (!header) return NO_COOKIES
  if (last?.header === header) return last.cookies
  const out: Record<string, string> = Object.create(null)
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    if (name && !(name in out)) out[name] = part.slice(eq + 1).trim()
  }
  last = { header, cookies: Object.freeze(out) }
  return last.cookies
}

/** A cookie attribute: a flag (`HttpOnly`) or a name/value pair (`['Max-Age', 0]`). Order is kept. */
export type CookieAttribute = string | readonly [string, string | number]

/**
 * Serializes one `Set-Cookie` value.
 * @example
 * serializeCookie('sid', '', [['Max-Age', 0], ['Path', '/'], 'HttpOnly']) // 'sid=; Max-Age=0; Path=/; HttpOnly'
 */
export function serializeCookie(name: string, value: string, attributes: readonly (CookieAttribute | false | null | undefined)[]): string {
  let out = `${name}=${value}`
  for (const a of attributes) {
    if (!a) continue
    out += typeof a === 'string' ? `; ${a}` : `; ${a[0]}=${a[1]}`
  }
  return out
}

/** The `Expires` value browsers read as "already expired" (Go and most servers use it). */
export const EPOCH_EXPIRES = 'Thu, 01 Jan 1970 00:00:01 GMT'
