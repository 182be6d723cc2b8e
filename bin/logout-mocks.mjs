#!/usr/bin/env node
// CLI entry. Checks the Node version first (in plain JavaScript, so an old Node gets a message, not a syntax error),
// then loads the TypeScript server, which Node >= 22.18 runs natively.
import '../scripts/check-node.mjs'

const { main } = await import('../server.ts')
await main()
