/**
 * The operations of Rested.dev on `/api/:version/ce/*`. Register, login, logout and record creation are all `POST` on
 * the same path and are told apart by the query flag (`logout=true`, `login=true`) and by the endpoint's kind (auth
 * or data), which msw's path matching cannot see. Each POST operation therefore carries `accepts` (the request is
 * its own) and `sample` (a URL it accepts, for generic tooling), and every POST operation's `run` is the same
 * dispatcher: whichever POST handler msw picks, the natural answer is right. See README "Rested.dev" for the
 * platform support this asks for (so forcing by status or id reaches every POST operation, not only the first).
 */
import type { Operation, Outcome } from '../platform/types.ts'
import type { RestedConfig } from './config.ts'
import { endpointOf, projectOf, type Ctx } from './gate.ts'
import type { RestedState } from './model.ts'
import { runLogin } from './login.ts'
import { runLogout } from './logout.ts'
import { runPreflight } from './preflight.ts'
import { runRegister } from './register.ts'
import { runSecureCreate, runSecureRead } from './secure.ts'

export const CE_PATH = '/api/:version/ce/*'

/** A Rested operation: the platform's, plus the request predicate and a sample URL (relative to the base URL). */
export interface RestedOperation extends Operation<RestedState, RestedConfig> {
  readonly accepts: (ctx: Ctx) => boolean
  readonly sample: string
}

export type PostOperation = 'logout' | 'login' | 'register' | 'secureCreate'

/**
 * Which POST operation a request is: the flag first (`logout=true` wins over `login=true`), else by the endpoint's
 * kind (a data endpoint of the key's project → record creation; anything else → register, whose gate answers 400
 * for an unknown endpoint).
 * @example
 * postOperationOf(ctx) // 'logout' for …/examples/auth?key=…&logout=true
 */
export function postOperationOf(ctx: Ctx): PostOperation {
  const q = ctx.url.searchParams
  if (q.get('logout') === 'true') return 'logout'
  if (q.get('login') === 'true') return 'login'
  const owner = projectOf(ctx)
  return owner && endpointOf(ctx, owner.project)?.kind === 'data' ? 'secureCreate' : 'register'
}

const RUN_POST: Record<PostOperation, (ctx: Ctx) => Outcome | Promise<Outcome>> = {
  logout: runLogout,
  login: runLogin,
  register: runRegister,
  secureCreate: runSecureCreate,
}

/** Runs the POST operation the request really is (outcomes are fully qualified behaviour ids). */
const dispatchPost = (ctx: Ctx) => RUN_POST[postOperationOf(ctx)](ctx)

const KEY = 'd59eb2859c284168ac48aef65046d5dd'

function post(id: PostOperation, summary: string, sample: string): RestedOperation {
  return { id, method: 'POST', path: CE_PATH, summary, sample, accepts: (ctx) => postOperationOf(ctx) === id, run: dispatchPost }
}

/** Logout first: until the platform honours `accepts`, the first POST operation is the one forcing reaches. */
export const restedOperations: readonly RestedOperation[] = [
  post('logout', 'Log out: revoke the access token (cookie or Authorization)', `/api/1/ce/examples/auth?key=${KEY}&logout=true`),
  post('login', 'Log in: access token in the httpOnly cookie, or the Authorization header with noATCookie=true', `/api/1/ce/examples/auth?key=${KEY}&login=true`),
  post('register', 'Register a user on the authentication endpoint', `/api/1/ce/examples/auth?key=${KEY}`),
  post('secureCreate', 'Create a record on a data endpoint (secure: token or masterKey needed)', `/api/1/ce/examples/secure?key=${KEY}`),
  {
    id: 'secureRead',
    method: 'GET',
    path: CE_PATH,
    summary: "List a data endpoint's records (secure: token or masterKey needed)",
    sample: `/api/1/ce/examples/secure?key=${KEY}`,
    accepts: () => true,
    run: runSecureRead,
  },
  {
    id: 'preflight',
    method: 'OPTIONS',
    path: CE_PATH,
    summary: "CORS preflight, decided by the project's allowed origins",
    sample: `/api/1/ce/examples/auth?key=${KEY}&logout=true`,
    accepts: () => true,
    run: runPreflight,
  },
]
