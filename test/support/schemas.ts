/**
 * Test support: ajv validators for a provider's JSON Schemas (compiled once per schema).
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { AnyProvider } from '../../handlers/platform/types.ts'

export interface SchemaValidator {
  /** Returns null when valid, else a readable list of errors. */
  errors(schemaName: string, value: unknown): string | null
}

/**
 * @example
 * const v = validatorFor(dreadnode)
 * expect(v.errors('errorEnvelope', body)).toBeNull()
 */
export function validatorFor(provider: AnyProvider): SchemaValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  ;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
  for (const [name, schema] of Object.entries(provider.schemas)) {
    const { $id: _id, ...rest } = schema as Record<string, unknown>
    ajv.addSchema(rest, name)
  }
  return {
    errors(name, value) {
      const validate = ajv.getSchema(name)
      if (!validate) return `no schema "${name}" in ${provider.id}`
      return validate(value) ? null : ajv.errorsText(validate.errors, { separator: '\n' })
    },
  }
}
