/**
 * The `Authorization` header's Bearer credential, as every provider reads it.
 */

/**
 * The token of `Authorization: Bearer <token>` (scheme case-insensitive), or undefined.
 * @example
 * bearerToken(new Headers({ Authorization: 'Bearer abc' })) // 'abc'
 */
export function bearerToken(headers: Headers): string | undefined {
  const m = headers.get('authorization')?.match(/^Bearer\s+(\S.*)$/i)
  return m ? m[1].trim() : undefined
}
