/**
 * `json.NewDecoder(body).Decode(&struct)` as decoderx runs it, reduced to what request bodies need: Go's error
 * texts for malformed JSON (scanner messages, `EOF`, `unexpected EOF`) and for type mismatches against the target
 * struct's string fields. Like Go's Decoder, only the first JSON value is read; trailing bytes are ignored.
 */
import { parseJson } from '../../platform/http/body.ts'
import { goQuote } from './go.ts'

type Result = { ok: true; value: Record<string, unknown> } | { ok: false; error: string }

function quoteChar(c: string): string {
  if (c === "'") return `'\\''`
  if (c === '"') return `'"'`
  const q = goQuote(c)
  return `'${q.slice(1, -1)}'`
}

const WHITESPACE = /[ \t\n\r]/
const HEX = /[0-9a-fA-F]/
const LITERALS = ['true', 'false', 'null'] as const
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/

/** Scans one JSON value from `s` at `i`; returns the index after it or throws Go's message. */
function scanValue(s: string, i: number): number {
  const skip = (j: number) => {
    while (j < s.length && WHITESPACE.test(s[j])) j++
    return j
  }
  const eof = (j: number) => {
    if (j >= s.length) throw new Error('unexpected EOF')
  }
  const value = (j: number, context = 'looking for beginning of value'): number => {
    j = skip(j)
    eof(j)
    const c = s[j]
    if (c === '{') {
      j = skip(j + 1)
      eof(j)
      if (s[j] === '}') return j + 1
      for (;;) {
        j = skip(j)
        eof(j)
        if (s[j] !== '"') throw new Error(`invalid character ${quoteChar(s[j])} looking for beginning of object key string`)
        j = string(j)
        j = skip(j)
        eof(j)
        if (s[j] !== ':') throw new Error(`invalid character ${quoteChar(s[j])} after object key`)
        j = skip(value(j + 1))
        eof(j)
        if (s[j] === '}') return j + 1
        if (s[j] !== ',') throw new Error(`invalid character ${quoteChar(s[j])} after object key:value pair`)
        j++
      }
    }
    if (c === '[') {
      j = skip(j + 1)
      eof(j)
      if (s[j] === ']') return j + 1
      for (;;) {
        j = skip(value(j))
        eof(j)
        if (s[j] === ']') return j + 1
        if (s[j] !== ',') throw new Error(`invalid character ${quoteChar(s[j])} after array element`)
        j++
      }
    }
    if (c === '"') return string(j)
    for (const lit of LITERALS) {
      if (c === lit[0]) {
        for (let k = 1; k < lit.length; k++) {
          eof(j + k)
          if (s[j + k] !== lit[k]) throw new Error(`invalid character ${quoteChar(s[j + k])} in literal ${lit} (expecting ${quoteChar(lit[k])})`)
        }
        return j + lit.length
      }
    }
    const num = NUMBER.exec(s.slice(j))
    if (num && num[0] !== '-') return j + num[0].length
    throw new Error(`invalid character ${quoteChar(c)} ${context}`)
  }
  const string = (j: number): number => {
    for (j++; ; j++) {
      eof(j)
      const c = s[j]
      if (c === '"') return j + 1
      if (c < ' ') throw new Error(`invalid character ${quoteChar(c)} in string literal`)
      if (c === '\\') {
        j++
        eof(j)
        if (!'"\\/bfnrtu'.includes(s[j])) throw new Error(`invalid character ${quoteChar(s[j])} in string escape code`)
        if (s[j] === 'u') {
          for (let k = 0; k < 4; k++) {
            j++
            eof(j)
            if (!HEX.test(s[j])) throw new Error(`invalid character ${quoteChar(s[j])} in \\u hexadecimal character escape`)
          }
        }
      }
    }
  }
  return value(i)
}

const goKind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v === 'object' ? 'object' : typeof v)

/**
 * Decodes `text` into a Go struct whose named fields are strings.
 * @example
 * decodeJsonInto('{"session_token":1}', 'logout.performNativeLogoutBody', { session_token: 'string' })
 * // { ok: false, error: 'json: cannot unmarshal number into Go struct field performNativeLogoutBody.session_token of type string' }
 */
export function decodeJsonInto(text: string, goType: string, fields: Record<string, 'string'>): Result {
  if (text.trim() === '') return { ok: false, error: 'EOF' }
  let end: number
  try {
    end = scanValue(text, 0)
  } catch (e) {
    return { ok: false, error: (e as Error).message }
  }
  const parsed = parseJson(text.slice(0, end))
  if (!parsed.ok) return { ok: false, error: parsed.error }
  const value = parsed.value
  if (value === null) return { ok: true, value: {} }
  if (goKind(value) !== 'object') return { ok: false, error: `json: cannot unmarshal ${goKind(value)} into Go value of type ${goType}` }
  const record = value as Record<string, unknown>
  const short = goType.split('.').pop()
  for (const [name, type] of Object.entries(fields)) {
    const v = record[name]
    if (v !== undefined && v !== null && goKind(v) !== type) {
      return { ok: false, error: `json: cannot unmarshal ${goKind(v)} into Go struct field ${short}.${name} of type ${type}` }
    }
  }
  return { ok: true, value: record }
}
