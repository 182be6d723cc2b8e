/**
 * The `session` and `identity` bodies (Ory's `session` schema), keys in Kratos's struct order. The public API never
 * shows credentials or admin metadata.
 */
import { goTime } from './go.ts'
import type { KratosIdentity, KratosSession } from './model.ts'

/** The public identity JSON. */
export function identityJson(i: KratosIdentity, baseUrl: string) {
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
