/**
 * Kratos's JSON Schemas, extracted from Ory's OpenAPI document by `extract.ts`, by the names the catalogue uses.
 */
import deleteMySessionsCount from './deleteMySessionsCount.json' with { type: 'json' }
import errorGeneric from './errorGeneric.json' with { type: 'json' }
import flowError from './flowError.json' with { type: 'json' }
import loginFlow from './loginFlow.json' with { type: 'json' }
import logoutFlow from './logoutFlow.json' with { type: 'json' }
import performNativeLogoutBody from './performNativeLogoutBody.json' with { type: 'json' }
import selfServiceFlowExpiredError from './selfServiceFlowExpiredError.json' with { type: 'json' }
import session from './session.json' with { type: 'json' }
import successfulNativeLogin from './successfulNativeLogin.json' with { type: 'json' }

/**
 * `errorGeneric` with `genericError.details` open. Ory's document declares `details` with
 * `additionalProperties: false` and no properties, so only `{}` passes; yet Kratos's CSRF error (and only it, among
 * the errors the mock emits) carries `details.{docs,hint,reject_reason}`. This is the one deviation from Ory's schema.
 */
const errorGenericWithDetails = {
  ...errorGeneric,
  $comment: 'errorGeneric with details.additionalProperties allowed (Ory declares false, yet Kratos sends details on CSRF errors)',
  $defs: {
    ...errorGeneric.$defs,
    genericError: {
      ...errorGeneric.$defs.genericError,
      properties: { ...errorGeneric.$defs.genericError.properties, details: { type: 'object', description: 'Further error details' } },
    },
  },
}

/**
 * The body of Go's `http.Redirect` on GET: a link to the Location, HTML-escaped, then "See Other". Not Ory's (its
 * OpenAPI declares the 303s as emptyResponse); it describes the bytes Kratos really sends.
 */
const seeOtherHtml = {
  $comment: "Go's http.Redirect body for a 303 to a GET or HEAD request (net/http server.go); HEAD responses carry no body",
  type: 'string',
  pattern: '^<a href="[^"<>]*">See Other</a>\\.\n\n$',
}

/** listMySessions's 200 (Ory's `listMySessions` response: an array of `session`). */
const { $defs: sessionDefs, $comment: _c, ...sessionRoot } = session
const sessionList = {
  $comment: 'Ory Kratos OpenAPI components.responses.listMySessions: an array of components.schemas.session',
  type: 'array',
  items: sessionRoot,
  $defs: sessionDefs,
}

export const kratosSchemas = {
  deleteMySessionsCount,
  errorGeneric,
  errorGenericWithDetails,
  flowError,
  loginFlow,
  logoutFlow,
  performNativeLogoutBody,
  selfServiceFlowExpiredError,
  session,
  sessionList,
  successfulNativeLogin,
  seeOtherHtml,
} as const
