/**
 * `GET /auth/me` (an assumed path, docs/providers/webmixhub.md#the-current-user; a private route): the current user and its status. Being an authenticated request,
 * it reproduces the documented quirk: a user who logged out but still sends the old token is marked `logged_in` again.
 */
import type { Operation } from '../platform/types.ts'
import { alice } from '../../fixtures/users.ts'
import { webmixhubFixtureUser } from '../../fixtures/webmixhub.ts'
import type { WebmixhubConfig } from './config.ts'
import { publicUser, setStatus, type PublicUser, type WebmixhubState } from './model.ts'
import { gate } from './auth.ts'
import { authenticatedBehaviours, type WebmixhubBehaviour } from './behaviours.ts'
import { assumed } from './sources.ts'
import { envelope } from './envelope.ts'

const demoAlice = webmixhubFixtureUser(alice.email)

/** The user a forced `me` or `signin` 200 shows: alice of the demo tenant, signed in. */
export const REPRESENTATIVE_USER: PublicUser = { id: demoAlice.id, email: demoAlice.email, status: 'logged_in' }

export const meOperation: Operation<WebmixhubState, WebmixhubConfig> = {
  id: 'me',
  method: 'GET',
  path: '/auth/me',
  summary: 'The current user {id, email, status}; any authenticated request marks the user logged_in again',
  async run(ctx) {
    const caller = await gate(ctx, { user: true })
    if ('behaviour' in caller) return caller
    if (!caller.user) return { behaviour: 'unexpectedState' }
    setStatus(ctx.state, caller.user, 'logged_in')
    return { behaviour: 'success', detail: publicUser(ctx.state, caller.user) }
  },
}

export const meBehaviours: WebmixhubBehaviour[] = [
  {
    id: 'webmixhub.me.success',
    operation: 'me',
    status: 200,
    title: 'The current user {meta, data:{id, email, status}}; a logged-out user still sending the old token is logged_in again',
    trigger: 'valid tenant and access token of an existing user',
    source: assumed('the-current-user'),
    contentType: 'application/json',
    schema: 'meSuccess',
    primary: true,
    respond: (ctx, raw) => envelope(ctx, 200, { data: (raw as PublicUser | undefined) ?? REPRESENTATIVE_USER }),
  },
  ...authenticatedBehaviours('me', {
    unexpectedState: assumed('the-current-user'),
  }),
]
