/**
 * WebmixHub's JSON Schemas, by the names its catalogue (and its tests) use. `meta` and `user` are the parts the
 * response schemas share: each response refers to them by name (`"$ref": "meta"`), which resolves both where schemas
 * are registered under these names with their `$id` removed (the test validators) and by their `$id`s.
 */
import meta from './meta.json' with { type: 'json' }
import user from './user.json' with { type: 'json' }
import errorEnvelope from './error-envelope.json' with { type: 'json' }
import logoutSuccess from './logout-success.json' with { type: 'json' }
import meSuccess from './me-success.json' with { type: 'json' }
import signinSuccess from './signin-success.json' with { type: 'json' }

export const webmixhubSchemas = { meta, user, errorEnvelope, logoutSuccess, meSuccess, signinSuccess } as const
