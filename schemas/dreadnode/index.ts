/** Dreadnode's JSON Schemas, by the names its catalogue uses. */
import errorEnvelope from './error-envelope.json' with { type: 'json' }
import logoutSuccess from './logout-success.json' with { type: 'json' }
import user from './user.json' with { type: 'json' }
import loginRequest from './login-request.json' with { type: 'json' }

export const dreadnodeSchemas = { errorEnvelope, logoutSuccess, user, loginRequest } as const
