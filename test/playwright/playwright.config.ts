/**
 * A real `@playwright/test` run with 3 workers against ONE standalone server, through the lanes fixture
 * (logout-mocks/playwright). Run by test/browser/playwright-lanes.browser.test.ts, which starts the mock server and
 * the demo app and passes their origins as LOGOUT_MOCKS_ORIGIN and APP_ORIGIN. Debian's Chromium, no download.
 */
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 3,
  fullyParallel: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['json']],
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? 'test-results',
  use: {
    baseURL: process.env.APP_ORIGIN,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
})
