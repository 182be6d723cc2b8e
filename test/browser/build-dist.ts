/**
 * Global setup of the browser suite: builds dist/ (`npm run build`) before any page bundles `logout-mocks`, which
 * resolves through the package's own exports to dist/ as it does for a user. A fresh clone has no dist/, and one left
 * from an earlier build would test old code.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export default function buildDist(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`)
}
