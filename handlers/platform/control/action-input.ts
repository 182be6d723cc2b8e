/**
 * The input of a provider's control action (`POST /__mock/state/<provider>/<action>`, `mocks.action(…)`), checked
 * against the action's JSON Schema like every other control input: a wrong field is a 400 listing the problems,
 * never a 500 (`{"user": {"toString": 1}}` was one) nor a silent coercion (`{"user": ["alice"]}` was accepted).
 */
import { Type, type Static, type TSchema } from 'typebox'
import { checkSchema } from '../catalogue/schema-check.ts'
import { describeProblem } from '../options/options-error.ts'
import { ControlError } from './control-error.ts'

/**
 * A non-empty string field of an action input (a user, a project, a tenant…).
 * @example
 * Type.Object({ user: NameField('the email, username or id of the user') })
 */
export const NameField = (description: string) => Type.String({ minLength: 1, maxLength: 1024, description })

/**
 * The input, typed by its schema, or a `ControlError` (400) naming each problem.
 * @example
 * const input = actionInput('deleteUser', Type.Object({ user: NameField('who') }, { additionalProperties: false }), raw)
 * input.user // a non-empty string
 */
export function actionInput<S extends TSchema>(action: string, schema: S, input: unknown): Static<S> {
  const problems = checkSchema(schema, input)
  if (problems.length > 0) {
    const message = problems.map((p) => describeProblem(p, (path) => (path.length > 0 ? path.join('.') : action), 'field')).join('; ')
    throw new ControlError(`${action}: ${message}`, 400, { problems })
  }
  return input as Static<S>
}
