/**
 * The generic catalogue test: every behaviour of every registered provider is forced through real HTTP (in-process
 * and against the standalone server) and its status, media type and body are checked against the catalogue entry and
 * the provider's JSON Schemas. Forcing by header and by query twin must give the same bytes. New providers get this
 * for free.
 */
import { expect, it } from 'vitest'
import { registry, type CoverageEntry, type ProviderId } from '../handlers/index.ts'
import type { Behaviour, Operation } from '../handlers/platform/types.ts'
import { describeBothModes, type Target } from './support/modes.ts'
import { validatorFor } from './support/schemas.ts'

const FROZEN = { seed: 7, clock: { start: '2025-01-15T10:30:00.000Z', frozen: true } }

/** A concrete URL for an operation path without a `sample`: `:param` → `x1`, `*` → `sample/path`. */
function concretePath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, 'x1').replace(/\*/g, 'sample/path')
}


async function force(target: Target, providerId: string, op: Operation, init: { header?: string; query?: string }) {
  const url = new URL(target.baseUrl(providerId) + (op.sample ?? concretePath(op.path)))
  if (init.query) for (const [k, v] of new URLSearchParams(init.query)) url.searchParams.set(k, v)
  const response = await fetch(url, { method: op.method, headers: init.header ? { Prefer: init.header } : {}, redirect: 'manual' })
  const text = await response.text()
  return { response, text }
}

/** Validators compiled once per provider. */
const validators = new Map(registry.map((p) => [p.id, validatorFor(p)]))

function checkAgainstCatalogue(providerId: string, b: Behaviour, response: Response, text: string) {
  expect(response.status, b.id).toBe(b.status)
  if (b.contentType === null) {
    expect(text === '' || response.status === 303, `${b.id} should have no JSON body`).toBe(true)
    return
  }
  expect(response.headers.get('content-type')?.split(';')[0], b.id).toBe(b.contentType.split(';')[0])
  if (b.schema) {
    // A JSON body is validated as the value it encodes, any other text (an HTML redirect body) as a string.
    const errors = validators.get(providerId)!.errors(b.schema, /json/.test(b.contentType) ? JSON.parse(text) : text)
    expect(errors, `${b.id} body ${text}`).toBeNull()
  }
}

describeBothModes('catalogue', FROZEN, (t) => {
  for (const provider of registry) {
    for (const op of provider.operations) {
      const behaviours = provider.catalogue.filter((b) => b.operation === op.id && b.forceable !== false)
      it.each(behaviours.map((b) => [b.id, b] as const))('%s is forced by id, by status and by query twin, identically', async (_id, b) => {
        const byHeader = await force(t(), provider.id, op, { header: `example=${b.id}` })
        checkAgainstCatalogue(provider.id, b, byHeader.response, byHeader.text)
        await t().mocks.reset()
        const byQuery = await force(t(), provider.id, op, { query: `__example=${b.id}` })
        expect(byQuery.response.status).toBe(byHeader.response.status)
        expect(byQuery.text).toBe(byHeader.text)
        expect(byQuery.response.headers.getSetCookie()).toEqual(byHeader.response.headers.getSetCookie())
        const primary = provider.catalogue.filter((x) => x.operation === op.id && x.status === b.status && x.forceable !== false)
        const representative = primary.find((x) => x.primary) ?? primary[0]
        if (representative === b) {
          await t().mocks.reset()
          const byStatus = await force(t(), provider.id, op, { header: `code=${b.status}` })
          expect(byStatus.response.status).toBe(b.status)
          expect(byStatus.text).toBe(byHeader.text)
        }
        const served = (t().mocks.coverage().providers[provider.id as ProviderId]?.operations as Record<string, CoverageEntry[]> | undefined)?.[op.id]?.find((e) => e.id === b.id)
        expect(served?.forced).toBeGreaterThan(0)
      })

      it(`${provider.id}.${op.id}: an undocumented status or unknown id is a mock error listing the valid choices`, async () => {
        const undocumented = await force(t(), provider.id, op, { header: 'code=418' })
        expect(undocumented.response.status).toBe(400)
        expect(undocumented.response.headers.get('content-type')).toBe('application/problem+json')
        // A HEAD answer has no body to read the problem from: its status and media type are all it carries.
        if (op.method === 'HEAD') return expect(undocumented.text).toBe('')
        const problem = JSON.parse(undocumented.text)
        expect(problem.type).toBe('urn:logout-mocks:problem:unknown-forced-status')
        expect(problem.validCodes).toEqual([...new Set(behaviours.map((b) => b.status))].sort((a, b) => a - b))
        const unknown = await force(t(), provider.id, op, { query: `__example=${provider.id}.${op.id}.noSuchThing` })
        expect(unknown.response.status).toBe(400)
        expect(JSON.parse(unknown.text).validExamples).toEqual(behaviours.map((b) => b.id))
      })
    }
  }
})
