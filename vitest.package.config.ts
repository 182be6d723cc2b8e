import { defineConfig } from 'vitest/config'

// `npm run test:package`: the packed package in a consumer's project (test/package/). Separate from `npm test`
// because it packs, installs from the npm registry and downloads Node binaries (cached in node_modules/.cache/).
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 60_000,
    // First run: npm pack + install + three Node binaries from the registry.
    hookTimeout: 300_000,
    pool: 'forks',
  },
})
