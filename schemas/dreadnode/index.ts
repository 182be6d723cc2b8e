/** Dreadnode's JSON Schemas (responses and request bodies), by the names its catalogue uses. */
import errorEnvelope from './error-envelope.json' with { type: 'json' }
import logoutSuccess from './logout-success.json' with { type: 'json' }
import user from './user.json' with { type: 'json' }
import loginRequest from './login-request.json' with { type: 'json' }
import accessToken from './access-token.json' with { type: 'json' }
import refreshRequest from './refresh-request.json' with { type: 'json' }
import deviceCode from './device-code.json' with { type: 'json' }
import deviceTokenRequest from './device-token-request.json' with { type: 'json' }
import deviceTokens from './device-tokens.json' with { type: 'json' }
import deviceCodeStatus from './device-code-status.json' with { type: 'json' }
import apiKeyRequest from './api-key-request.json' with { type: 'json' }
import apiKey from './api-key.json' with { type: 'json' }

export const dreadnodeSchemas = {
  errorEnvelope,
  logoutSuccess,
  user,
  loginRequest,
  accessToken,
  refreshRequest,
  deviceCode,
  deviceTokenRequest,
  deviceTokens,
  deviceCodeStatus,
  apiKeyRequest,
  apiKey,
} as const
