/**
 * Provider options are checked by validators ajv compiled ahead of time (no `new Function`, so a page under a strict
 * Content-Security-Policy can pass options). The committed module must be what the schemas compile to today, and it
 * must judge every input exactly as ajv compiling at run time does.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { GENERATED, validatorModuleSource } from '../../scripts/build-validators.ts'
import { registry } from '../../handlers/index.ts'
import { checkSchema, usesPrecompiled } from '../../handlers/platform/catalogue/schema-check.ts'
import { ScenarioSchema, SCENARIO_VALIDATOR } from '../../handlers/platform/control/scenarios.ts'

const BAD_VALUES: unknown[] = ['abc', -1, 1.5, null, true, {}, [], 'https://', 'x'.repeat(3), 2 ** 40]

describe('precompiled option validators', () => {
  it('the committed module is what the schemas compile to (else: npm run build:validators)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(validatorModuleSource())
  })

  for (const provider of registry) {
    it(`${provider.id}: its options are checked by the precompiled validator, with the verdicts of run-time ajv`, () => {
      expect(usesPrecompiled(provider.id, provider.options.schema)).toBe(true)
      // A copy of the schema is a schema the precompiled module does not know: compiled at run time.
      const copy = structuredClone(provider.options.schema) as object
      const defaults = provider.options.defaults as Record<string, unknown>
      const inputs: unknown[] = [defaults, { ...defaults, notAnOption: 1 }]
      for (const name of Object.keys(defaults)) for (const value of BAD_VALUES) inputs.push({ ...defaults, [name]: value })
      for (const input of inputs) expect(checkSchema(provider.options.schema, input, provider.id), JSON.stringify(input).slice(0, 120)).toEqual(checkSchema(copy, input))
    })
  }

  it('scenario requests (mocks.scenarios.add runs in pages too) are checked by their precompiled validator, with run-time ajv\'s verdicts', () => {
    expect(usesPrecompiled(SCENARIO_VALIDATOR, ScenarioSchema)).toBe(true)
    const copy = structuredClone(ScenarioSchema) as object
    const inputs: unknown[] = [{ behaviour: 'a.b.c', times: 2 }, { operation: 'a.b', delayMs: 5, times: null }, { behavior: 'x' }, { times: 0 }, { delayMs: 600_001 }, { fault: 'boom' }, { behaviour: '' }, [], 'x']
    for (const input of inputs) expect(checkSchema(ScenarioSchema, input, SCENARIO_VALIDATOR), JSON.stringify(input)).toEqual(checkSchema(copy, input))
  })

  it('a schema that no longer matches its precompiled validator is compiled at run time instead', () => {
    const [first] = registry
    const changed = { ...(first.options.schema as object), description: 'changed' }
    expect(usesPrecompiled(first.id, changed)).toBe(false)
    expect(checkSchema(changed, { ...(first.options.defaults as object), notAnOption: 1 }, first.id)).toEqual([
      expect.objectContaining({ kind: 'unknown', key: 'notAnOption' }),
    ])
  })
})
