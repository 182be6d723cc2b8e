/**
 * The Node floor of the package, checked when `logout-mocks` (or `logout-mocks/server`) is imported: on an older Node
 * the import throws one clear sentence naming the version and how to get it, instead of a failure deep inside msw
 * (`Promise.withResolvers is not a function`). Imported first by the entry, so it runs before the rest of the package.
 * Browsers, Bun and Deno are left alone (only a Node's own `process.versions.node` is checked). The installed CLI
 * checks the same floor, with the same sentence, before it loads anything (bin/node-floor.mjs).
 */

/** The `engines.node` floor of package.json (msw 3's own). */
export const NODE_FLOOR = '22.12'

/**
 * The sentence for a Node older than the floor: the version needed, the one running, how to get a newer one.
 * @example
 * nodeFloorMessage('20.19.5', '/usr/bin/node')
 * // 'logout-mocks needs Node >= 22.12, but this is Node 20.19.5 (/usr/bin/node). Get Node 22 or newer: …'
 */
export function nodeFloorMessage(version: string, execPath: string): string {
  return (
    `logout-mocks needs Node >= ${NODE_FLOOR}, but this is Node ${version} (${execPath}). ` +
    'Get Node 22 or newer: `nvm install 22` (or fnm, volta), or https://nodejs.org/en/download'
  )
}

/**
 * Whether a Node `version` ('major.minor.patch') is older than the floor.
 * @example
 * belowNodeFloor('22.11.0') // true
 */
export function belowNodeFloor(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  const [floorMajor = 0, floorMinor = 0] = NODE_FLOOR.split('.').map(Number)
  return major < floorMajor || (major === floorMajor && minor < floorMinor)
}

/** The running Node's version, or undefined outside Node (a browser, Bun, Deno). */
function runningNode(): string | undefined {
  if (typeof process === 'undefined' || typeof process.versions !== 'object') return undefined
  const versions = process.versions as Record<string, string | undefined>
  if (versions.bun !== undefined || versions.deno !== undefined) return undefined
  return versions.node
}

const node = runningNode()
if (node !== undefined && belowNodeFloor(node)) throw new Error(nodeFloorMessage(node, process.execPath))
