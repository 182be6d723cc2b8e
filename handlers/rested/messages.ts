/**
 * Reason texts of Rested.dev's errors, as the contract's table words them (ASSUMPTION for those the docs don't word).
 * The catalogue's representative bodies and the natural checks both read them from here.
 */
export const MESSAGES = {
  missingApiKey: 'Missing API Key',
  invalidEndpointOrKey: 'Endpoint or API Key not valid',
  originNotAllowed: 'not allowed origin',
  noOriginDisallowed: 'disallowed request without origin',
  unauthenticated: 'Unauthorized',
  badContentType: 'Content-Type not valid, only application/json is allowed',
  emptyBody: 'Body is empty',
  malformedBody: 'Body is not a valid JSON object',
  bodyTooLarge: 'Body too large',
  usernameEmailRules: 'Use username or email, not both',
  missingPassword: 'password is required',
  invalidCredentials: 'Invalid credentials',
  duplicateUsername: 'Username already exists',
  duplicateEmail: 'Email already exists',
} as const
