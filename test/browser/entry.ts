/**
 * The page of the browser test: the same handlers as everywhere else, behind msw's service worker.
 */
import { setupWorker } from 'msw/browser'
import { createLogoutMocks, type LogoutMocks } from '../../handlers/index.ts'

declare global {
  interface Window {
    mocks: LogoutMocks
    mocksReady: Promise<void>
  }
}

const mocks = createLogoutMocks({ seed: 3 })
const worker = setupWorker(...mocks.handlers)
window.mocks = mocks
window.mocksReady = worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledFrame: 'bypass', quiet: true }).then(() => {
  document.getElementById('status')!.textContent = 'ready'
})
