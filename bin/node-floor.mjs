// The oldest Node the installed package runs on (msw 3's own floor), and the check of the running Node against a floor.
// Plain JavaScript on purpose: it must parse on any Node, so an older one gets a sentence instead of a syntax error.

/** The `engines.node` floor of package.json. */
export const NODE_FLOOR = '22.12'

/**
 * The sentence for a Node older than the floor (the same as the package's import check, handlers/node-floor.ts).
 * @example
 * console.error(nodeFloorMessage())
 */
export function nodeFloorMessage(version = process.versions.node, execPath = process.execPath) {
  return (
    `logout-mocks needs Node >= ${NODE_FLOOR}, but this is Node ${version} (${execPath}). ` +
    'Get Node 22 or newer: `nvm install 22` (or fnm, volta), or https://nodejs.org/en/download'
  )
}

/**
 * Whether this Node is older than `floor` ('major.minor').
 * @example
 * if (nodeOlderThan(NODE_FLOOR)) process.exit(1)
 */
export function nodeOlderThan(floor, version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number)
  const [floorMajor, floorMinor] = floor.split('.').map(Number)
  return major < floorMajor || (major === floorMajor && minor < floorMinor)
}
