/**
 * WebmixHub's general error codes (error-codes.html, "General HTTP Errors": they "can occur across different
 * endpoints"): every operation answers each of them when forced, in the documented envelope with the table's
 * message, the same whether forced by id, by status where it is the only entry, or by a sticky scenario.
 */
import { expect, it } from 'vitest'
import { describeBothModes } from '../support/modes.ts'
import { webmixhub } from '../../handlers/webmixhub/index.ts'
import { schemas } from './client.ts'

const GENERAL = [
  ['badRequest', 'BAD_REQUEST', 400, 'Bad Request'],
  ['unauthorized', 'UNAUTHORIZED', 401, 'Unauthorized'],
  ['forbidden', 'FORBIDDEN', 403, 'Forbidden'],
  ['notFound', 'NOT_FOUND', 404, 'Not Found'],
  ['conflict', 'CONFLICT', 409, 'Conflict'],
  ['unprocessableEntity', 'UNPROCESSABLE_ENTITY', 422, 'Unprocessable Entity'],
] as const

describeBothModes('webmixhub general error codes', { only: ['webmixhub'] }, (t) => {
  const url = (path: string) => t().baseUrl('webmixhub') + path

  for (const op of webmixhub.operations) {
    it(`${op.id}: every general code is forceable, in the envelope with the table's message`, async () => {
      for (const [name, code, status, message] of GENERAL) {
        // signup's CONFLICT is its natural "email already registered" entry
        const id = op.id === 'signup' && code === 'CONFLICT' ? 'webmixhub.signup.conflict' : `webmixhub.${op.id}.${name}`
        const r = await fetch(url(op.path), { method: op.method, headers: { Prefer: `example=${id}` } })
        expect(r.status, id).toBe(status)
        const body = await r.json()
        expect(schemas.errors('errorEnvelope', body), id).toBeNull()
        expect(body.error, id).toEqual({ message, code, status })
      }
    })
  }

  it('forcing by status picks the operation’s own entry first (logout 400 stays VALIDATION_ERROR, 404 is NOT_FOUND)', async () => {
    const r400 = await fetch(url('/auth/logout'), { headers: { Prefer: 'code=400' } })
    expect((await r400.json()).error.code).toBe('VALIDATION_ERROR')
    const r404 = await fetch(url('/auth/logout'), { headers: { Prefer: 'code=404' } })
    expect((await r404.json()).error).toEqual({ message: 'Not Found', code: 'NOT_FOUND', status: 404 })
    const r422 = await fetch(url('/auth/signin?__code=422'), { method: 'POST' })
    expect((await r422.json()).error.code).toBe('UNPROCESSABLE_ENTITY')
  })

  it('a sticky scenario forces FORBIDDEN on logout for the next request only', async () => {
    await t().mocks.scenarios.add({ behaviour: 'webmixhub.logout.forbidden', times: 1 })
    const forced = await fetch(url('/auth/logout'))
    expect((await forced.json()).error.code).toBe('FORBIDDEN')
    const natural = await fetch(url('/auth/logout'))
    expect((await natural.json()).error.code).toBe('MISSING_TENANT_TOKEN')
  })
})
