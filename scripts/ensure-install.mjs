// `prestart` / `pretest`: on a fresh clone, installs the dependencies first (npm ci, from the committed lock file), so
// `npm start` and `npm test` are the only two commands a newcomer needs. Plain JavaScript that parses on any Node: it
// runs on the machine's own Node, before the project's Node 22 exists in node_modules/.bin.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

if (!existsSync(new URL('../node_modules/.bin/node', import.meta.url))) {
  console.error('logout-mocks: first run, installing the dependencies (npm ci) …')
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: new URL('..', import.meta.url), stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
