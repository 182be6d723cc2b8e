/**
 * gofrs/uuid v4.4.0 `FromString` (codec.go `Parse`), which Kratos uses for path ids: canonical, hash-like (32 hex
 * digits), braced and `urn:uuid:` forms; any other input yields Go's error text, which Kratos puts in the body.
 */
import { goQuote } from './go.ts'

const HEX = /^[0-9a-fA-F]{2}$/
const INVALID = 'uuid: invalid UUID format'


/**
 * The parsed UUID (lower-case canonical) or gofrs's error text. Lengths are Go's: bytes of the UTF-8 string.
 * @example
 * parseGoUuid('abc') // { error: 'uuid: incorrect UUID length 3 in string "abc"' }
 * parseGoUuid('{6ba7b8109dad11d180b400c04fd430c8}') // { uuid: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' }
 */
export function parseGoUuid(text: string): { uuid: string } | { error: string } {
  const bytes = new TextEncoder().encode(text).length
  let s = text
  switch (bytes) {
    case 32:
    case 36:
      break
    case 34:
    case 38:
      if (!s.startsWith('{') || !s.endsWith('}')) return { error: `uuid: incorrect UUID format in string ${goQuote(s)}` }
      s = s.slice(1, -1)
      break
    case 41:
    case 45:
      if (!s.startsWith('urn:uuid:')) return { error: `uuid: incorrect UUID format in string ${goQuote(s.slice(0, 9))}` }
      s = s.slice(9)
      break
    default:
      return { error: `uuid: incorrect UUID length ${bytes} in string ${goQuote(s)}` }
  }
  let hex: string
  if (s.length === 36) {
    if (s[8] !== '-' || s[13] !== '-' || s[18] !== '-' || s[23] !== '-') return { error: `uuid: incorrect UUID format in string ${goQuote(s)}` }
    hex = s.slice(0, 8) + s.slice(9, 13) + s.slice(14, 18) + s.slice(19, 23) + s.slice(24)
  } else hex = s
  if (hex.length !== 32) return { error: INVALID }
  for (let i = 0; i < 32; i += 2) if (!HEX.test(hex.slice(i, i + 2))) return { error: INVALID }
  const h = hex.toLowerCase()
  return { uuid: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` }
}
