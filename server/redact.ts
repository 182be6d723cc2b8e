/**
 * Keeping the control token out of everything the server prints: the request log, the `--log headers|bodies` blocks
 * and the banner. The token used to reach the log in clear on every `?token=` visit, failed guesses included.
 */

const REDACTED = '[redacted]'

/**
 * A control request target as it may be printed: the value of every `token` query parameter replaced.
 * @example
 * shownControlTarget('/__mock/ui?token=s3cret-token&x=1') // '/__mock/ui?token=[redacted]&x=1'
 */
export function shownControlTarget(target: string): string {
  return target.replace(/([?&])token=[^&#]*/g, `$1token=${REDACTED}`)
}

/**
 * A log function that never prints `secret` (as given, or %-encoded as a URL or cookie would carry it).
 * @example
 * const log = redactingLog((line) => console.log(line), 's3cret-token')
 * log('GET /api?x=s3cret-token') // prints 'GET /api?x=[redacted]'
 */
export function redactingLog(log: ((line: string) => void) | null, secret: string | null): ((line: string) => void) | null {
  if (log === null || secret === null) return log
  const forms = [...new Set([secret, encodeURIComponent(secret)])]
  return (line) => {
    let out = line
    for (const form of forms) out = out.split(form).join(REDACTED)
    log(out)
  }
}
