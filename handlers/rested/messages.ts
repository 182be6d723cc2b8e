/**
 * Reason texts of Rested.dev's errors, as the vendor's pages word them (an assumption for those the docs don't word,
 * docs/providers/rested.md#the-error-body).
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
  /** Login with wrong credentials (the login page's 401, with its full stop). */
  invalidCredentials: 'Invalid credentials.',
  /** Register without identifier or password (the register page's 400). */
  credentialsNotPresent: 'username/email or password not present',
  /** The four 401s of the logged-in-user GET, as its page lists them. */
  missingAccessToken: 'Missing Access Token',
  invalidToken: 'Invalid credentials',
  tokenExpired: 'Token expired',
  noUserFound: 'No user found',
  duplicateUsername: 'Username already exists',
  duplicateEmail: 'Email already exists',
} as const
