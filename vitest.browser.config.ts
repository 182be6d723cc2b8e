import { defineConfig } from 'vitest/config'

// `npm run test:browser`: the handlers in Chromium behind msw's service worker (needs /usr/bin/chromium).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    // The pages bundle logout-mocks from dist/, as a user's bundler does: built fresh first.
    globalSetup: ['test/browser/build-dist.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
