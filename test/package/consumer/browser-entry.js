// A frontend's mock entry: the handlers behind msw's service worker. test/package/consumer.test.ts bundles it for the
// browser and checks that nothing Node-only came along.
import { setupWorker } from 'msw/browser'
import { createLogoutMocks } from 'logout-mocks'

const mocks = createLogoutMocks()
await setupWorker(...mocks.handlers).start({ onUnhandledFrame: 'bypass' })
console.log(mocks.providers.map((p) => p.baseUrl))
