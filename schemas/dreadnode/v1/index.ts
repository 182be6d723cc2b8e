/**
 * What Dreadnode's public v1 clients (SDK v1.17.1, CLI 0.2.2) require of the bodies they parse: their pydantic models
 * as JSON Schemas, each citing the model's lines. A response missing one of these fields crashes the client; extra
 * fields are ignored. The contract test a Dreadnode user would write validates the mock's answers against these.
 */
import userResponse from './user-response.json' with { type: 'json' }
import deviceCodeResponse from './device-code-response.json' with { type: 'json' }
import accessRefreshTokenResponse from './access-refresh-token-response.json' with { type: 'json' }

/** The v1 clients' models, by the operation id whose 200 they parse. */
export const dreadnodeV1ClientSchemas = {
  user: userResponse,
  deviceCode: deviceCodeResponse,
  deviceToken: accessRefreshTokenResponse,
} as const
