/**
 * The `session` and `identity` bodies (Ory's `session` schema), keys in Kratos's struct order, and the sample session
 * forced responses show. The public API never shows credentials or admin metadata.
 */
import { kratosIdentities } from '../../../fixtures/kratos.ts'
import { goTime } from '../x/go.ts'
import { fixtureIdentity, sessionRecord, type KratosIdentity, type KratosSession, type SessionWithIdentity } from '../model.ts'
import type { KratosCtx } from './session-auth.ts'

/** The public identity JSON. */
function identityJson(i: KratosIdentity, baseUrl: string) {
  return {
    id: i.id,
    schema_id: 'default',
    schema_url: `${baseUrl}/schemas/ZGVmYXVsdA`,
    state: 'active',
    state_changed_at: i.createdAt,
    traits: { email: i.email, username: i.username, name: i.name },
    verifiable_addresses: [
      { id: i.addressId, value: i.email, verified: true, via: 'email', status: 'completed', verified_at: i.createdAt, created_at: i.createdAt, updated_at: i.createdAt },
    ],
    recovery_addresses: [{ id: i.addressId, value: i.email, via: 'email', created_at: i.createdAt, updated_at: i.createdAt }],
    metadata_public: null,
    created_at: i.createdAt,
    updated_at: i.createdAt,
    organization_id: null,
  }
}

/**
 * The session JSON as `/sessions/whoami` and login return it.
 * @example
 * sessionJson(session, identity, 'http://127.0.0.1:4433').active // true
 */
export function sessionJson(s: KratosSession, identity: KratosIdentity, baseUrl: string) {
  return {
    id: s.id,
    active: true,
    expires_at: goTime(s.expiresAt),
    authenticated_at: goTime(s.issuedAt),
    authenticator_assurance_level: 'aal1',
    authentication_methods: [{ method: 'password', aal: 'aal1', completed_at: goTime(s.issuedAt) }],
    issued_at: goTime(s.issuedAt),
    identity: identityJson(identity, baseUrl),
    devices: [{ id: s.deviceId, ip_address: s.ipAddress, user_agent: s.userAgent, location: '' }],
  }
}

/**
 * The session a forced response shows: the first fixture identity's, fresh and not stored.
 * @example
 * const d = (raw as SessionWithIdentity | undefined) ?? sampleSession(ctx)
 */
export function sampleSession(ctx: KratosCtx): SessionWithIdentity {
  const identity = fixtureIdentity(kratosIdentities[0])
  return {
    identity,
    session: sessionRecord(ctx.clock, ctx.random, { identity, via: 'api', ipAddress: ctx.clientIp, userAgent: '', lifespanSeconds: ctx.config.sessionLifespanSeconds }),
  }
}
