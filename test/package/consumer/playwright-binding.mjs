// msw 2 only: what @msw/playwright 0.6.7 does with a request routed from the page (src/fixture.ts), step by step,
// against the installed package. msw's handleRequest answers Dreadnode's login; the binding then hands Playwright's
// route.fulfill() `headers: Object.fromEntries(response.headers)`. A Headers iterator yields each Set-Cookie as its own
// entry, so Object.fromEntries keeps only the last one: the page gets refresh_token and loses access_token.
import { handleRequest, SetupApi } from 'msw'
import { createLogoutMocks } from 'logout-mocks'

class Binding extends SetupApi {}
const mocks = createLogoutMocks()
const binding = new Binding(...mocks.handlers)
const request = new Request('https://app.dreadnode.io/api/v1/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }),
})
const response = await handleRequest(request, crypto.randomUUID(), mocks.handlers, { onUnhandledRequest: 'bypass' }, binding.emitter, {
  resolutionContext: { quiet: true },
})
const names = (lines) => lines.map((c) => c.split('=')[0])
const fulfilled = Object.fromEntries(response.headers)
console.log(JSON.stringify({
  status: response.status,
  fromMsw: names(response.headers.getSetCookie()),
  toPlaywright: names([fulfilled['set-cookie']].flat()),
  // The fix in the binding: one header per Set-Cookie line, joined by '\n' (how route.fulfill takes several).
  fixed: names(response.headers.getSetCookie().join('\n').split('\n')),
}))
