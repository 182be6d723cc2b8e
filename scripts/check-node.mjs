// Stops the repository's own scripts with a clear message when the running Node cannot run them. They run the
// TypeScript sources directly, which needs Node's built-in type stripping: on by default from Node 22.18 (the installed
// package needs only 22.12, see bin/node-floor.mjs). Plain JavaScript: it must parse on any Node, e.g. a system Node 20.
import { nodeOlderThan } from '../bin/node-floor.mjs'

const SOURCES_FLOOR = '22.18'

if (nodeOlderThan(SOURCES_FLOOR)) {
  console.error(
    `logout-mocks' scripts need Node >= ${SOURCES_FLOOR} (they run TypeScript directly), but this is Node ${process.versions.node} (${process.execPath}).\n` +
      'Run them through npm (npm start / npm test), which uses the Node 22 the project installs in node_modules/.bin.',
  )
  process.exit(1)
}
