/**
 * The examples of docs/in-process.md are real test files, run here as a consumer runs them: in a project of their
 * own where `logout-mocks` is an installed package (its entries pointing at this checkout's sources, so no build is
 * needed), under vitest and under `node --test`. Both must pass, and each must have run its tests.
 */
import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const EXAMPLES = join(ROOT, 'docs/examples/in-process')
let dir = ''

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'logout-mocks-examples-'))
  await writeFile(join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }))
  const pkg = join(dir, 'node_modules', 'logout-mocks')
  await mkdir(pkg, { recursive: true })
  // The package's two Node entries, on the sources (Node and vitest follow the symlink out of node_modules).
  await writeFile(
    join(pkg, 'package.json'),
    JSON.stringify({ name: 'logout-mocks', type: 'module', exports: { '.': './handlers/index.ts', './dispatcher': './handlers/dispatcher.ts' } }),
  )
  await symlink(join(ROOT, 'handlers'), join(pkg, 'handlers'))
  for (const dep of ['msw', 'undici', 'vitest']) await symlink(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep))
  for (const file of ['logout.vitest.test.ts', 'logout.node-test.test.mjs']) await copyFile(join(EXAMPLES, file), join(dir, file))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

it('the vitest example passes', async () => {
  const r = await run(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'logout.vitest.test.ts'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', CI: '1' } }).catch(
    (e: { stdout: string; stderr: string }) => e,
  )
  expect(r.stdout).toMatch(/Tests\s+2 passed \(2\)/)
})

it('the node:test example passes', async () => {
  const r = await run(process.execPath, ['--test', '--test-reporter=tap', 'logout.node-test.test.mjs'], { cwd: dir }).catch((e: { stdout: string; stderr: string }) => e)
  expect(r.stdout).toMatch(/^# pass 3$/m)
  expect(r.stdout).toMatch(/^# fail 0$/m)
})
