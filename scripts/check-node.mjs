// Stops with a clear message when the running Node is older than the project needs (msw 3 and vitest 5 need 22.12).
// Plain JavaScript on purpose: it must parse on any Node, including the system's Node 20.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `logout-mocks needs Node >= 22.12, but this is Node ${process.versions.node} (${process.execPath}).\n` +
      'Run it through npm (npm start / npm test), which uses the Node 22 the project installs in node_modules/.bin,\n' +
      'or install Node 22 yourself.',
  )
  process.exit(1)
}
