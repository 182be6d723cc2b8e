/**
 * The HTTP `Date` header value (RFC 9110 IMF-fixdate) for an epoch-ms time on the platform clock, computed once per
 * second: every response of a second shares the string.
 */
let cachedSecond = Number.NaN
let cachedValue = ''

/**
 * @example
 * httpDate(Date.UTC(2025, 0, 15, 10, 30)) // 'Wed, 15 Jan 2025 10:30:00 GMT'
 */
export function httpDate(epochMs: number): string {
  const second = Math.floor(epochMs / 1000)
  if (second !== cachedSecond) {
    cachedSecond = second
    cachedValue = new Date(second * 1000).toUTCString()
  }
  return cachedValue
}
