import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'test/package/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file gets its own module graph; suites that start real servers bind 127.0.0.1 on free ports.
    pool: 'forks',
    reporters: ['default'],
  },
})
