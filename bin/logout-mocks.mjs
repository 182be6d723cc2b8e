#!/usr/bin/env node
// The installed CLI (`npx logout-mocks`). Checks the Node version first, in plain JavaScript (an older Node gets one
// line, not a stack), then runs the compiled server from dist/: no type stripping needed. The repository's own
// `npm start` runs the TypeScript sources instead (server.ts).
import { NODE_FLOOR, nodeFloorMessage, nodeOlderThan } from './node-floor.mjs'

if (nodeOlderThan(NODE_FLOOR)) {
  console.error(nodeFloorMessage())
  process.exit(1)
} else {
  // A promise, not a top-level await, which a very old Node cannot even parse.
  import('../dist/server.js').then(({ main }) => main())
}
