/**
 * Go's `strconv.Quote` (the `%q` verb), which Kratos's error texts and Go's `net/url` errors quote inputs with.
 */

const NAMED_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' }

/**
 * Go's `%q` of a string.
 * @example
 * goQuote('https://evil.example') // '"https://evil.example"'
 */
export function goQuote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const code = ch.codePointAt(0)!
    if (ch === '"' || ch === '\\') out += '\\' + ch
    else if (NAMED_ESCAPES[ch]) out += NAMED_ESCAPES[ch]
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0')
    else out += ch
  }
  return out + '"'
}
