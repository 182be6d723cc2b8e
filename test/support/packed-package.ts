/**
 * Test support: the package as a user gets it. `npm pack` once per process, then a fresh temporary project that
 * installs the tarball (plus msw at the version this repo uses, plus any extra dependencies) from the registry.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm'
let packed: Promise<string> | undefined

async function pack(): Promise<string> {
  const dest = await fs.mkdtemp(path.join(os.tmpdir(), 'logout-mocks-pack-'))
  const { stdout } = await run(NPM, ['pack', '--json', '--pack-destination', dest], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })
  const [{ filename }] = JSON.parse(stdout) as { filename: string }[]
  return path.join(dest, path.basename(filename))
}

async function mswVersion(): Promise<string> {
  const manifest = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
  const version = manifest.devDependencies?.msw ?? manifest.peerDependencies?.msw ?? manifest.dependencies?.msw
  if (!version) throw new Error('package.json names no msw version')
  return version
}

/**
 * Packs this repo (once per process) and installs the tarball into a new temporary project.
 * @example
 * const { dir } = await installPackedPackage({ extraDeps: { '@ory/client-fetch': '1.22.66' } })
 * // dir/node_modules/logout-mocks is the packed package
 */
export async function installPackedPackage(opts: { extraDeps?: Record<string, string> } = {}): Promise<{ dir: string; tarball: string }> {
  packed ??= pack()
  const tarball = await packed
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'logout-mocks-consumer-'))
  const manifest = {
    name: 'logout-mocks-consumer',
    private: true,
    type: 'module',
    dependencies: { 'logout-mocks': `file:${tarball}`, msw: await mswVersion(), ...opts.extraDeps },
  }
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2))
  await run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 })
  return { dir, tarball }
}
