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
  }
}

const here = createLogoutMocks({ origin: location.origin, seed: 3 })
const vendor = createLogoutMocks({ seed: 4 })
const worker = setupWorker(...here.handlers, ...vendor.handlers)
window.here = here
window.vendor = vendor
window.mocks = vendor
// The fetch SDK sends no Accept: an SPA asks for JSON itself (else Kratos treats it as a browser and redirects).
window.ory = new FrontendApi(new Configuration({ basePath: `${location.origin}/auth`, credentials: 'include', headers: { Accept: 'application/json' } }))
window.mocksReady = worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledFrame: 'bypass', quiet: true }).then(() => {
  document.getElementById('status')!.textContent = 'ready'
})
