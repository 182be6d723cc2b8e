// A CommonJS consumer (a CJS config file, a test runner's global setup): both entries through Node's require() of ES
// modules, which Node >= 22.12 does without a flag.
const assert = require('node:assert/strict')
const { createLogoutMocks } = require('logout-mocks')
const { startServer } = require('logout-mocks/server')

assert.equal(createLogoutMocks().providers.length, 4)
startServer({ port: 0, log: null }).then(async (running) => {
  const r = await fetch(`${running.origin}/api/v1/auth/logout`, { method: 'POST' })
  assert.equal(r.status, 401)
  await running.close()
  console.log('required and served')
})
