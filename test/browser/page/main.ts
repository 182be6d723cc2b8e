/**
 * The page of the browser suite, as a frontend team writes it against the installed package: the test copies this
 * file into a temporary project that installed the packed tarball, and Vite bundles it from there.
 *
 * Two instances behind one worker: `here` mounts every provider on the page's own origin (a deployed frontend, or a
 * dev server proxying the API), `vendor` keeps the vendors' real URLs (another origin, another site).
 */
import { setupWorker } from 'msw/browser'
import { createLogoutMocks, type LogoutMocks } from 'logout-mocks'
import { Configuration, FrontendApi } from '@ory/client-fetch'

declare global {
  interface Window {
    here: LogoutMocks
    vendor: LogoutMocks
    /** The legacy name the header-flow tests use: the vendor-URL instance. */
    mocks: LogoutMocks
    ory: FrontendApi
    mocksReady: Promise<void>
    /** Set when the page is opened with `?csp-check` (the suite serves it under a strict CSP then). */
    cspCheck?: Promise<{ evalBlocked: string; providers: string[]; rejected: string; scenario: string; badScenario: string }>
  }
}

/**
 * Under a Content-Security-Policy without `unsafe-eval`: does eval fail, do options still validate, does a bad one
 * get its message? Run by the page's own script at load (code the test evaluates may be exempt from the CSP).
 */
async function cspCheck() {
  let evalBlocked = ''
  try {
    new Function('return 1')()
  } catch (e) {
    evalBlocked = (e as Error).name
  }
  const configured = createLogoutMocks({ providers: { dreadnode: { rateLimit: 1, unauthenticatedLogout: 'idempotent', baseUrl: 'https://dreadnode.example.test' } } })
  await configured.ready
  let rejected = ''
  try {
    createLogoutMocks({ providers: { dreadnode: { rateLimit: 'abc' as unknown as number } } })
  } catch (e) {
    rejected = (e as Error).message
  }
  const scenario = configured.scenarios.add({ behaviour: 'dreadnode.logout.rateLimited', times: 1 }).operation
  let badScenario = ''
  try {
    configured.scenarios.add({ behaviour: 'dreadnode.logout.rateLimited', times: 0 })
  } catch (e) {
    badScenario = (e as Error).message
  }
  return { evalBlocked, providers: configured.providers.map((p) => `${p.id} ${p.baseUrl}`), rejected, scenario, badScenario }
}
if (new URLSearchParams(location.search).has('csp-check')) window.cspCheck = cspCheck()

const here = createLogoutMocks({ origin: location.origin, seed: 3 })
const vendor = createLogoutMocks({ seed: 4 })
const worker = setupWorker(...here.handlers, ...vendor.handlers)
window.here = here
window.vendor = vendor
window.mocks = vendor
// The fetch SDK sends no Accept: an SPA asks for JSON itself (else Kratos treats it as a browser and redirects).
window.ory = new FrontendApi(new Configuration({ basePath: `${location.origin}/auth`, credentials: 'include', headers: { Accept: 'application/json' } }))
// After a reload each instance first replays its saved state (sessionStorage): wait for that too.
window.mocksReady = Promise.all([here.ready, vendor.ready, worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledFrame: 'bypass', quiet: true })]).then(() => {
  document.getElementById('status')!.textContent = 'ready'
})
