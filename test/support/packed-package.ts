/**
 * Test support: logout-mocks as a user gets it. `npm pack` the repository (its `prepack` builds dist/), then install
 * the tarball into an empty project beside the same msw the repository tests with.
 */
import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error']

/** Temporary directories of this process: removed by `removePackedPackages()`, or at the latest when it exits. */
const created: string[] = []
let packed: Promise<string> | undefined
process.once('exit', () => removePackedPackages())

/**
 * Removes the tarball and every consumer project this process created (call it in `afterAll`).
 * @example
 * afterAll(() => removePackedPackages())
 */
export function removePackedPackages(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true })
  packed = undefined
}

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  created.push(dir)
  return dir
}

/** Packs the repository once per process; resolves to the tarball's path. */
function packOnce(): Promise<string> {
  packed ??= (async () => {
    const into = await tempDir('logout-mocks-pkg-tarball-')
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', into, ...NPM_QUIET], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 })
    // `npm pack --json` prints the lifecycle scripts' output first; the JSON array is the last thing on stdout.
    const [{ filename }] = JSON.parse(stdout.slice(stdout.lastIndexOf('\n[') + 1)) as [{ filename: string }]
    return join(into, filename)
  })()
  return packed
}

/** The version of a devDependency of this repository, e.g. the msw its own tests use. */
export async function devDependencyVersion(name: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
  const version = pkg.devDependencies[name]
  if (!version) throw new Error(`${name} is not a devDependency of logout-mocks`)
  return version
}

/**
 * Packs logout-mocks (once per process) and installs the tarball into a new empty project with only msw (`msw`: a
 * version or range, e.g. `^2` for the latest msw 2; by default the repository's devDependency version) and `extraDeps`
 * beside it, with a plain `npm install` (no `--legacy-peer-deps`: the peer range must accept that msw). Resolves to
 * that project's directory and the tarball.
 * @example
 * const { dir } = await installPackedPackage({ msw: '^2', extraDeps: { '@types/node': '22.20.5' } })
 * // dir/node_modules/logout-mocks is the packed package; run `node --test` or `npx logout-mocks` in dir
 */
export async function installPackedPackage(opts: { msw?: string; extraDeps?: Record<string, string> } = {}): Promise<{ dir: string; tarball: string }> {
  const tarball = await packOnce()
  const dir = await tempDir('logout-mocks-pkg-consumer-')
  const dependencies = { 'logout-mocks': `file:${tarball}`, msw: opts.msw ?? (await devDependencyVersion('msw')), ...opts.extraDeps }
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies }, null, 2))
  await run('npm', ['install', '--prefer-offline', ...NPM_QUIET], { cwd: dir, maxBuffer: 16 * 1024 * 1024 })
  return { dir, tarball }
}
