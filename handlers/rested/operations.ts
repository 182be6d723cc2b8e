/**
 * The operations of Rested.dev on `/api/:version/ce/*`. Register, login, logout and record creation are all `POST` on
 * the same path and are told apart by the query flag (`logout=true`, `login=true`) and by the endpoint's kind (auth
 * or data), which msw's path matching cannot see; `GET` is the logged-in user on the auth endpoint and the record
 * list on a data endpoint. Each POST operation's `accepts` claims the requests that are its
 * own (so the platform asks the next handler otherwise, and forcing reaches every POST operation); `sample` is a URL
 * it accepts, for generic tooling (the catalogue test, forcing examples).
 */
import type { Operation } from '../platform/types.ts'
import { RESTED_API_KEY } from '../../fixtures/rested.ts'
import type { RestedConfig } from './config.ts'
import { resolve, type Ctx } from './gate.ts'
import type { RestedState } from './model.ts'
import { runLogin } from './login.ts'
import { runLogout } from './logout.ts'
import { runLoggedInUser } from './logged-in-user.ts'
import { runPreflight } from './preflight.ts'
import { runRegister } from './register.ts'
import { runSecureCreate, runSecureRead } from './secure.ts'

const CE_PATH = '/api/:version/ce/*'

type Op = Operation<RestedState, RestedConfig>

type PostOperation = 'logout' | 'login' | 'register' | 'secureCreate'

/**
 * Which POST operation a request is: the flag first (`logout=true` wins over `login=true`), else by the endpoint's
 * kind (a data endpoint of the key's project → record creation; anything else → register, whose gate answers 400
 * for an unknown endpoint).
 * @example
 * postOperationOf(ctx) // 'logout' for …/examples/auth?key=…&logout=true
 */
function postOperationOf(ctx: Ctx): PostOperation {
  const q = ctx.url.searchParams
  if (q.get('logout') === 'true') return 'logout'
  if (q.get('login') === 'true') return 'login'
  return resolve(ctx).endpoint?.kind === 'data' ? 'secureCreate' : 'register'
}

const AUTH_SAMPLE = `/api/1/ce/examples/auth?key=${RESTED_API_KEY}`
const SECURE_SAMPLE = `/api/1/ce/examples/secure?key=${RESTED_API_KEY}`

function post(id: PostOperation, summary: string, sample: string, run: Op['run']): Op {
  return { id, method: 'POST', path: CE_PATH, summary, sample, accepts: (ctx) => postOperationOf(ctx) === id, run }
}

/** Which GET operation a request is: the logged-in user on an auth endpoint, else the record list (whose gate answers 400 for an unknown endpoint). */
const getOperationOf = (ctx: Ctx): 'loggedInUser' | 'secureRead' => (resolve(ctx).endpoint?.kind === 'auth' ? 'loggedInUser' : 'secureRead')

function get(id: 'loggedInUser' | 'secureRead', summary: string, sample: string, run: Op['run']): Op {
  return { id, method: 'GET', path: CE_PATH, summary, sample, accepts: (ctx) => getOperationOf(ctx) === id, run }
}

/** The POST operations claim disjoint requests (`postOperationOf`), so their order only decides who is asked first. */
export const restedOperations: readonly Op[] = [
  post('logout', 'Log out: revoke the access token (cookie or Authorization)', `${AUTH_SAMPLE}&logout=true`, runLogout),
  post('login', 'Log in: access token in the httpOnly cookie, or the Authorization header with noATCookie=true', `${AUTH_SAMPLE}&login=true`, runLogin),
  post('register', 'Register a user on the authentication endpoint', AUTH_SAMPLE, runRegister),
  post('secureCreate', 'Create a record on a data endpoint (secure: token or masterKey needed)', SECURE_SAMPLE, runSecureCreate),
  get('loggedInUser', 'The logged-in user (token from the cookie or Authorization; dataOnly=true for the data only)', AUTH_SAMPLE, runLoggedInUser),
  get('secureRead', "List a data endpoint's records (secure: token or masterKey needed)", SECURE_SAMPLE, runSecureRead),
  { id: 'preflight', method: 'OPTIONS', path: CE_PATH, summary: "CORS preflight, decided by the project's allowed origins", sample: `${AUTH_SAMPLE}&logout=true`, run: runPreflight },
]
