/**
 * The JWT signatures are only as good as the HMAC under them: compare ours with Node's OpenSSL over many lengths,
 * and check that a JWT signed by another library verifies (and a tampered one does not).
 */
import { describe, expect, it } from 'vitest'
import { createHash, createHmac } from 'node:crypto'
import { hmacSha256, hmacSha256Js, sha256 } from '../../handlers/platform/crypto/hmac-sha256.ts'
import { base64url, verifyJwt } from '../../handlers/platform/crypto/jwt.ts'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe('HMAC-SHA256', () => {
  it('the JavaScript implementation matches OpenSSL for messages of 0–299 bytes and keys shorter than, equal to and longer than a block', () => {
    for (let n = 0; n < 300; n++) {
      const m = new Uint8Array(n).map((_, i) => (i * 31 + n) & 255)
      expect(hex(sha256(m))).toBe(createHash('sha256').update(m).digest('hex'))
      for (const key of ['k', 'x'.repeat(64), 'ü'.repeat(70)]) {
        const expected = createHmac('sha256', key).update(m).digest('hex')
        expect(hex(hmacSha256Js(key, m))).toBe(expected) // the browser path
        expect(hex(hmacSha256(key, m))).toBe(expected) // what Node runs
      }
    }
  })

  it('verifies a JWT signed with OpenSSL and rejects it once tampered', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url')
    const unsigned = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64('{"sub":"u1","exp":4000000000}')}`
    const token = `${unsigned}.${createHmac('sha256', 's3cret').update(unsigned).digest('base64url')}`
    expect(verifyJwt(token, 's3cret')).toMatchObject({ ok: true, claims: { sub: 'u1' } })
    expect(verifyJwt(token, 'other')).toEqual({ ok: false, reason: 'signature' })
    expect(verifyJwt(token.slice(0, -2) + (token.endsWith('A') ? 'BA' : 'AA'), 's3cret')).toMatchObject({ ok: false })
  })

  it('encodes base64url as Node does, for 0–299 bytes (every remainder of three)', () => {
    for (let n = 0; n < 300; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 131 + n * 7) & 255)
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'))
    }
  })
})
