// Prints vitest's JSON report as one plain closing line, 'N passed, N failed[, N skipped]', for CI logs.
// Usage: node scripts/summarize-vitest.mjs <report.json>... (plain JavaScript: runs on any Node).
import { readFileSync } from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
