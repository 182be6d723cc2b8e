/**
 * whoami's `?tokenize_as=` (session/handler.go:275-281): the mock configures no tokenizer templates, so any name is
 * Kratos's 400 "Unable to find tokenizer template" (driver/config/config.go:1686-1691) — after the session check.
 */
import { expect, it } from 'vitest'
import { Configuration, FrontendApi, ResponseError } from '@ory/client-fetch'
import { alice } from '../../../fixtures/users.ts'
import { describeBothModes } from '../../support/modes.ts'
import { E, expectSchema, nativeLogin } from '../support.ts'

describeBothModes('kratos whoami tokenize_as', { only: ['kratos'] }, (t) => {
  const base = () => t().baseUrl('kratos')

  it('an unknown template is 400 with the name quoted; without a session it stays 401 E9; empty is ignored', async () => {
    const { sessionToken } = await nativeLogin(base(), alice)
    const api = new FrontendApi(new Configuration({ basePath: base() }))
    const error = await api.toSession({ xSessionToken: sessionToken, tokenizeAs: 'jwt_"x"' }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ResponseError)
    const response = (error as ResponseError).response
    expect(response.status).toBe(400)
    const text = await response.text()
    expect(text).toBe('{"error":{"code":400,"status":"Bad Request","reason":"Unable to find tokenizer template \\"jwt_\\\\\\"x\\\\\\"\\".","message":"The request was malformed or contained invalid parameters"}}\n')
    expectSchema('errorGeneric', JSON.parse(text))
    const anonymous = await fetch(`${base()}/sessions/whoami?tokenize_as=jwt`)
    expect([anonymous.status, await anonymous.text()]).toEqual([401, E.E9])
    expect((await fetch(`${base()}/sessions/whoami?tokenize_as=`, { headers: { 'X-Session-Token': sessionToken } })).status).toBe(200)
    expect((await fetch(`${base()}/sessions/whoami?tokenize_as=jwt`, { method: 'POST', headers: { 'X-Session-Token': sessionToken } })).status).toBe(400)
  })
})
