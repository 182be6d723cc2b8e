/**
 * The `{userEndpoint}` part of `/api/{version}/ce/{userEndpoint}`, decoded defensively. The documented name rule:
 * lowercase letters, digits, `-` and `/`; not starting or ending with `/` or `-`; no `--`; 5 to 254 characters.
 * Anything else — an encoded slash, a `.`/`..` segment, an empty segment, broken percent-encoding — is not a name
 * and gets the documented 400 ("Endpoint or API Key not valid"), never an exception.
 */

/** The documented character set and edges (length and `--` are checked separately). */
const NAME_SHAPE = /^[a-z0-9](?:[a-z0-9/-]*[a-z0-9])?$/
const MIN_NAME_LENGTH = 5
const MAX_NAME_LENGTH = 254

/**
 * True when `name` (already decoded) follows the documented endpoint-name rule.
 * @example
 * isValidEndpointName('examples/auth') // true
 * isValidEndpointName('a--b/c') // false
 */
function isValidEndpointName(name: string): boolean {
  if (name.length < MIN_NAME_LENGTH || name.length > MAX_NAME_LENGTH) return false
  if (!NAME_SHAPE.test(name) || name.includes('--')) return false
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

/**
 * Decodes the raw (still percent-encoded) endpoint part of a path; null when it is not a valid endpoint name.
 * An encoded `/` (`%2F`) or `\` (`%5C`) is refused rather than decoded, so a name can never be smuggled across
 * segments.
 * @example
 * decodeEndpointName('examples/auth') // 'examples/auth'
 * decodeEndpointName('examples%2Fauth') // null
 * decodeEndpointName('%E0%A4') // null (broken UTF-8)
 */
function decodeEndpointName(raw: string): string | null {
  if (/%(?:2f|5c)/i.test(raw)) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return null
  }
  return isValidEndpointName(decoded) ? decoded : null
}

/** The version and endpoint name of a request path under the provider's base path. */
interface EndpointPath {
  readonly version: string
  /** Decoded and valid, or null. */
  readonly name: string | null
}

/**
 * Splits `<basePath>/api/<version>/ce/<endpoint>` (the operation pattern guarantees the shape).
 * @example
 * parseEndpointPath('/api/1/ce/examples/auth', '') // { version: '1', name: 'examples/auth' }
 */
export function parseEndpointPath(pathname: string, basePath: string): EndpointPath {
  const rest = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname
  const m = /^\/api\/([^/]*)\/ce\/(.*)$/.exec(rest)
  if (!m) return { version: '', name: null }
  return { version: m[1], name: decodeEndpointName(m[2]) }
}
