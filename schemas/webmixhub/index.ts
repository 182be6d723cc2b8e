/** WebmixHub's JSON Schemas, by the names its catalogue (and its tests) use. */
import errorEnvelope from './error-envelope.json' with { type: 'json' }
import logoutSuccess from './logout-success.json' with { type: 'json' }
import meSuccess from './me-success.json' with { type: 'json' }
import signinSuccess from './signin-success.json' with { type: 'json' }

export const webmixhubSchemas = { errorEnvelope, logoutSuccess, meSuccess, signinSuccess } as const
