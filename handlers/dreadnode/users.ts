/**
 * Finding a fixture user by what a person would type: email, username or id (control actions, `/__mock/sessions`,
 * `deviceAutoApprove`).
 */
import { ControlError } from '../platform/control/control-error.ts'
import type { DreadnodeState, DreadnodeUser } from './model.ts'

/**
 * The user, or a 404 control error listing the known emails.
 * @example
 * findUser(state, 'alice').email // 'alice@example.com'
 */
export function findUser(state: DreadnodeState, who: unknown): DreadnodeUser {
  const key = String(who ?? '').toLowerCase()
  const user = state.users.get('email', key) ?? state.users.find((u) => u.username === key || u.id === key)[0]
  if (!user) throw new ControlError(`dreadnode has no user "${String(who)}"`, 404, { users: state.users.all().map((u) => u.email) })
  return user
}
