/**
 * Where each Kratos behaviour comes from, as links a user can open: the upstream source at a named commit (Ory
 * Kratos b86338da0, v26.2.0+), Ory's OpenAPI document in that commit, or the section of the project's own provider
 * page (docs/providers/kratos.md) that states an assumption. The page also links herodot and nosurf at the versions
 * read.
 */

const KRATOS_COMMIT = 'b86338da04a040247a07f46100a86dcfb3875909'

const lines = (from: number, to?: number) => `#L${from}${to === undefined ? '' : `-L${to}`}`
const kratos = (file: string, from: number, to?: number) => `https://github.com/ory/kratos/blob/${KRATOS_COMMIT}/${file}${lines(from, to)}`
/** A path of Ory's OpenAPI document (spec/api.json), by its line range. */
const openApi = (from: number, to: number) => kratos('spec/api.json', from, to)

/** The project's own provider page: its assumptions and the mock-only choices. */
const KRATOS_DOC = 'docs/providers/kratos.md'

const LOGOUT = 'selfservice/flow/logout/handler.go'

/** Every upstream location a Kratos catalogue entry cites, by what it shows. */
export const KRATOS_REFS = {
  // createBrowserLogoutFlow
  logoutBrowserSession: kratos(LOGOUT, 139, 144),
  logoutBrowserCreated: kratos(LOGOUT, 166, 175),
  logoutBrowserSpec: openApi(7695, 7765),
  // updateLogoutFlow
  logoutTokenMissing: kratos(LOGOUT, 317, 322),
  logoutSessionInactive: kratos(LOGOUT, 324, 331),
  logoutTokenMismatch: kratos(LOGOUT, 333, 336),
  logoutDone: kratos(LOGOUT, 338, 375),
  logoutRevokeFailure: kratos(LOGOUT, 338, 341),
  // performNativeLogout
  nativeLogoutDecode: kratos(LOGOUT, 233, 240),
  nativeLogoutUnknown: kratos(LOGOUT, 241, 246),
  nativeLogoutDone: kratos(LOGOUT, 241, 255),
  nativeLogoutDbError: kratos(LOGOUT, 242, 250),
  // toSession
  whoamiMethods: kratos('session/handler.go', 119, 121),
  whoamiDelete: kratos('session/handler.go', 789, 795),
  whoamiActive: kratos('session/handler.go', 238, 303),
  whoamiUnauthorized: kratos('session/error.go', 18, 20),
  /** whoami's tokenize_as, and the config lookup that fails for an unknown template name. */
  whoamiTokenize: kratos('session/handler.go', 275, 281),
  tokenizeTemplateUnknown: kratos('driver/config/config.go', 1686, 1691),
  whoamiSpec: openApi(9315, 9395),
  // "log out other devices" (session/handler.go routes 123-125)
  mySessionsRoutes: kratos('session/handler.go', 123, 125),
  mySessionsUnauthorized: kratos('session/handler.go', 880, 885),
  listMySessions: kratos('session/handler.go', 877, 909),
  listMySessionsPagination: kratos('x/pagination.go', 20, 26),
  listMySessionsSpec: openApi(9120, 9221),
  disableMyOtherSessions: kratos('session/handler.go', 726, 742),
  disableMyOtherSessionsUnauthorized: kratos('session/handler.go', 728, 733),
  disableMyOtherSessionsCount: kratos('persistence/sql/persister_session.go', 486, 492),
  disableMyOtherSessionsSpec: openApi(9050, 9119),
  disableMySessionUnauthorized: kratos('session/handler.go', 798, 803),
  disableMySessionUuid: kratos('session/handler.go', 805, 809),
  disableMySessionCurrent: kratos('session/handler.go', 810, 813),
  disableMySessionDone: kratos('session/handler.go', 815, 821),
  /** RevokeSession: `UPDATE … WHERE id = ? AND identity_id = ?` — another identity's or an unknown id is a silent no-op. */
  disableMySessionNoop: kratos('persistence/sql/persister_session.go', 474, 484),
  disableMySessionSpec: openApi(9396, 9468),
  // getFlowError
  errorUiFetch: kratos('selfservice/errorx/handler.go', 102, 117),
  errorUiStub: kratos('selfservice/errorx/handler.go', 103, 108),
  errorUiSpec: openApi(6917, 6980),
  /** SelfServiceErrorManager().Forward: JSON clients get the error, browsers a 303 to the error UI. */
  forward: kratos('selfservice/errorx/manager.go', 62, 82),
  // login
  nativeLoginSpec: openApi(7215, 7323),
  browserLoginSpec: openApi(7324, 7435),
  submitLoginSpec: openApi(7106, 7214),
  getLoginFlow: kratos('selfservice/flow/login/handler.go', 728, 800),
  getLoginFlowFetch: kratos('selfservice/flow/login/handler.go', 734, 738),
  getLoginFlowCsrf: kratos('selfservice/flow/login/handler.go', 764, 766),
  getLoginFlowExpired: kratos('selfservice/flow/login/handler.go', 769, 782),
  getLoginFlowSpec: openApi(7436, 7517),
  loginAal: kratos('selfservice/flow/login/handler.go', 162, 177),
  loginAal1Required: kratos('selfservice/flow/login/error.go', 53, 56),
  loginRefresh: kratos('selfservice/flow/login/handler.go', 183, 228),
  loginReturnTo: kratos('selfservice/flow/login/flow.go', 200, 209),
  loginReturnToHonoured: kratos('selfservice/flow/login/hook.go', 156, 166),
  alreadyLoggedIn: kratos('selfservice/flow/login/error.go', 40, 42),
  loginFlowCsrf: kratos('selfservice/flow/request.go', 76, 79),
  loginIssueCookie: kratos('session/manager_http.go', 166, 183),
  flowId: kratos('selfservice/flow/flow.go', 32, 38),
  flowExpired: kratos('selfservice/flow/error.go', 143, 152),
  notFound: kratos('oryx/sqlcon/error.go', 30, 38),
  // cross-cutting
  returnToForbidden: kratos('x/redir/secure_redirect.go', 140, 156),
  returnToUnparseable: kratos('x/redir/secure_redirect.go', 135, 138),
  csrfFailure: kratos('x/nosurfx/nosurf.go', 226, 261),
  /** Kratos's router registers `METHOD /path` patterns on Go's http.ServeMux, which answers other methods 405. */
  serveMux405: kratos('oryx/httprouterx/router.go', 103, 106),
} as const

/**
 * A section of the provider page (an assumption the mock makes, or a mock-only choice).
 * @example
 * docSection('assumptions') // 'docs/providers/kratos.md#assumptions'
 */
export const docSection = (anchor: string) => `${KRATOS_DOC}#${anchor}`
