/**
 * The packed package in a consumer's project: npm pack → install the tarball beside msw → use it as a user would.
 * A matrix of the msw majors the peer range accepts (msw 2 and msw 3, each at its latest, installed with a plain
 * `npm install`) by the Node versions the package supports: (a) plain `.mjs` `node --test` suites in-process (through msw, and through
 * `mocks.dispatcher()`), one on lanes of a standalone server (`logout-mocks/client`), and a CommonJS `require()` of both entries, (b) `npx logout-mocks --port 0` over HTTP, on the engines floor and on current
 * Node 24; (c) a strict TypeScript consumer compiles, and wrong options do not; (d) a browser bundle of `setupWorker` +
 * `createLogoutMocks` pulls in nothing Node-only. One consumer project per msw major, shared by every Node and check.
 * Run with `npm run test:package`.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { execFile, spawn } from 'node:child_process'
import { builtinModules } from 'node:module'
import { readFile, readlink, realpath, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { devDependencyVersion, installPackedPackage, removePackedPackages } from '../support/packed-package.ts'
import { nodeBinary } from '../support/node-binary.ts'

const run = promisify(execFile)
const FIXTURES = fileURLToPath(new URL('./consumer/', import.meta.url))
const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url))
/** The engines floor (package.json `engines.node`, msw 3's own) and the current Node 24. */
const NODES = ['22.12.0', '24.21.0']
/** A Node below the floor: the bin must answer it with one line. */
const OLD_NODE = '20.19.5'
/** The msw majors of the peer range (`^2.12 || ^3`), each installed at its latest as a new project would get it. */
const MSWS = [
  { major: 2, range: '^2' },
  { major: 3, range: '^3' },
] as const
type MswMajor = (typeof MSWS)[number]['major']

let tarball = ''
/** msw major → its consumer project's directory. */
const dirs = new Map<MswMajor, string>()
const nodes = new Map<string, string>()

/**
 * A consumer fixture as a project on that msw major writes it: msw 2's `listen()`/`start()` option for unhandled
 * requests is `onUnhandledRequest` (msw 3 renamed it `onUnhandledFrame` and ignores the old name).
 */
function forMsw(major: MswMajor, source: string): string {
  return major === 2 ? source.replaceAll('onUnhandledFrame', 'onUnhandledRequest') : source
}

beforeAll(async () => {
  // @types/node is for the TypeScript consumer only (logout-mocks/server's declarations name node:http's Server).
  const extraDeps = { '@types/node': await devDependencyVersion('@types/node') }
  const [installed, bins] = await Promise.all([
    Promise.all(MSWS.map(({ range }) => installPackedPackage({ msw: range, extraDeps }))),
    Promise.all([...NODES, OLD_NODE].map((v) => nodeBinary(v))),
  ])
  tarball = installed[0]!.tarball
  MSWS.forEach(({ major }, i) => dirs.set(major, installed[i]!.dir))
  ;[...NODES, OLD_NODE].forEach((v, i) => nodes.set(v, bins[i]!))
  for (const [major, dir] of dirs) {
    for (const f of ['logout.test.mjs', 'dispatcher.test.mjs', 'lanes.test.mjs', 'require.cjs', 'strict.ts', 'browser-entry.js', 'playwright-binding.mjs']) {
      await writeFile(join(dir, f), forMsw(major, await readFile(join(FIXTURES, f), 'utf8')))
    }
  }
})

afterAll(() => removePackedPackages())

it.for(MSWS)('a plain npm install resolves msw $range to msw $major (the peer range takes it)', async ({ major }) => {
  const installed = JSON.parse(await readFile(join(dirs.get(major)!, 'node_modules/msw/package.json'), 'utf8')) as { version: string }
  expect(installed.version.split('.')[0]).toBe(String(major))
})

/** Environment for a child on `node`: that Node first on PATH (what `npx` and the bin's shebang pick up). */
function envFor(node: string): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}` }
}

it('the tarball holds what runs, the declarations, the docs pages and the screenshot, README and LICENSE, and no source, test or dev file', async () => {
  const { stdout } = await run('tar', ['-tzf', tarball])
  const files = stdout.trim().split('\n').map((f) => f.replace(/^package\//, ''))
  expect(files.filter((f) => !/^(dist\/.+\.(js|js\.map|d\.ts|json)|dist\/server\/panel\/(index\.html|panel\.css|panel\.js|favicon\.svg)|bin\/[\w-]+\.mjs|docs\/(providers\/)?[\w-]+\.md|docs\/examples\/[\w-]+\/[\w.-]+\.(mjs|ts)|docs\/control-panel\.png|README\.md|LICENSE|package\.json)$/.test(f))).toEqual([])
  // Every page and image the README and the docs link (`docs/…`, relative to the page), and every page the catalogue's
  // sources cite (`docs/providers/<id>.md#…`), is in the package.
  for (const id of ['dreadnode', 'kratos', 'rested', 'webmixhub']) expect(files).toContain(`docs/providers/${id}.md`)
  const pages = files.filter((f) => f.endsWith('.md'))
  const linked = new Set<string>()
  const root = dirs.get(3)!
  for (const page of pages) {
    const text = await readFile(join(root, 'node_modules/logout-mocks', page), 'utf8')
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)\s]*)?\)/g)) {
      if (!/^[a-z]+:/.test(target!)) linked.add(join(dirname(page), target!).replace(/\/$/, ''))
    }
  }
  expect(linked).toContain('docs/control-panel.png')
  expect([...linked].filter((f) => !files.includes(f) && !files.some((x) => x.startsWith(`${f}/`)))).toEqual([])
  // The published package.json runs nothing on install (no prepare/preinstall/install/postinstall for npm to warn of).
  const manifest = JSON.parse(await readFile(join(root, 'node_modules/logout-mocks/package.json'), 'utf8')) as { scripts?: Record<string, string> }
  expect(Object.keys(manifest.scripts ?? {}).filter((s) => /^(prepare|preinstall|install|postinstall)$/.test(s))).toEqual([])
  expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'bin/logout-mocks.mjs', 'dist/handlers/index.js', 'dist/handlers/index.d.ts', 'dist/server.js', 'dist/server.d.ts']))
  expect(files.filter((f) => /(^|\/)(test|bench|scripts)\/|extract\./.test(f))).toEqual([])
})

describe.for(MSWS)('msw $major', ({ major }) => {
describe.each(NODES)('on Node %s', (version) => {
  const dir = () => dirs.get(major)!
  it('a plain .mjs node:test suite logs in and out in-process through setupServer', async () => {
    const node = nodes.get(version)!
    const r = await run(node, ['--test', '--test-reporter=tap', 'logout.test.mjs'], { cwd: dir(), env: { ...envFor(node), EXPECTED_NODE: version } }).catch((e: { stdout: string; stderr: string }) => e)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^# pass 2$/m)
    expect(r.stdout).toMatch(/^# fail 0$/m)
  })

  it('a node:test suite on mocks.dispatcher(): the fetch door from the installed package, undici from its dependencies', async () => {
    const node = nodes.get(version)!
    const r = await run(node, ['--test', '--test-reporter=tap', 'dispatcher.test.mjs'], { cwd: dir(), env: envFor(node) }).catch((e: { stdout: string; stderr: string }) => e)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^# pass 2$/m)
    expect(r.stdout).toMatch(/^# fail 0$/m)
  })

  it('lanes from the installed package: two connectLane clients on one logout-mocks/server, isolated from each other', async () => {
    const node = nodes.get(version)!
    const r = await run(node, ['--test', '--test-reporter=tap', 'lanes.test.mjs'], { cwd: dir(), env: envFor(node) }).catch((e: { stdout: string; stderr: string }) => e)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^# pass 2$/m)
    expect(r.stdout).toMatch(/^# fail 0$/m)
  })

  it('a CommonJS consumer require()s both entries', async () => {
    const r = await run(nodes.get(version)!, ['require.cjs'], { cwd: dir() })
    expect(r.stdout).toBe('required and served\n')
  })

  it('npx logout-mocks --port 0 announces its origin, serves a logout, stops on SIGTERM', async () => {
    const node = nodes.get(version)!
    // Its own process group, signalled as a terminal's Ctrl-C or a process manager does: npx runs the bin through
    // `sh -c`, which does not pass a signal sent to npx alone on to the bin.
    const child = spawn('npx', ['logout-mocks', '--port', '0'], { cwd: dir(), env: envFor(node), stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    const group = -child.pid!
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) process.kill(group, 'SIGKILL')
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner after 20 s: ${out}${err}`)), 20_000)
      child.stdout.on('data', () => {
        const m = /^logout-mocks listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)
        if (m) resolve(m[1]!)
        if (m) clearTimeout(timer)
      })
      void exited.then(({ code }) => reject(new Error(`exited ${code}: ${out}${err}`)))
    })
    // npx itself (and so the bin's `#!/usr/bin/env node`, resolved through the same PATH) runs on the Node under test.
    expect(await readlink(`/proc/${child.pid}/exe`)).toBe(await realpath(node))

    const cookie = 'access_token=garbage'
    const bad = await fetch(`${origin}/api/v1/auth/logout`, { method: 'POST', headers: { cookie } })
    expect(bad.status).toBe(422)
    const login = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alice@example.com', password: 'alice-password-1' }),
    })
    expect(login.status).toBe(200)
    const session = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const logout = await fetch(`${origin}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: session } })
    expect(logout.status).toBe(200)
    expect((await fetch(`${origin}/api/v1/user`, { headers: { cookie: session } })).status).toBe(401)
    // The control panel ships in the package: its page and script are served from dist/.
    const ui = await fetch(`${origin}/__mock/ui`)
    expect([ui.status, ui.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8'])
    expect(await ui.text()).toContain('/__mock/ui/panel.js')
    expect((await fetch(`${origin}/__mock/ui/panel.js`)).status).toBe(200)

    process.kill(group, 'SIGTERM')
    // npm ends itself by the signal it got (npm's way); the bin's own graceful exit shows in its output below.
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' })
    expect(out).toMatch(/POST \/api\/v1\/auth\/logout 200 [\d.]+ms dreadnode\.logout\.success/)
    // The server itself shut down gracefully (its handler prints these, then exits 0).
    expect(out).toMatch(/SIGTERM: shutting down .*\nstopped\n$/)
    expect(err).toBe('')
  })
})
})

// Issue 21 item 1: "through @msw/playwright Dreadnode's login kept one of its two cookies". Neither ours nor msw's: the
// mocks send both Set-Cookie lines through msw 2's handleRequest (what the binding calls); @msw/playwright 0.6.7 then
// passes `Object.fromEntries(response.headers)` to route.fulfill(), which keeps the last line only.
it('msw 2: through handleRequest, as @msw/playwright calls it, Dreadnode\'s login sends both cookies; the binding\'s Object.fromEntries keeps one', async () => {
  const r = await run(nodes.get(NODES[0]!)!, ['playwright-binding.mjs'], { cwd: dirs.get(2)! })
  expect(JSON.parse(r.stdout)).toEqual({
    status: 200,
    fromMsw: ['access_token', 'refresh_token'],
    toPlaywright: ['refresh_token'],
    fixed: ['access_token', 'refresh_token'],
  })
})

it(`the bin on Node ${OLD_NODE} says in one line which Node it needs`, async () => {
  const node = nodes.get(OLD_NODE)!
  const r = await run(node, [join(dirs.get(3)!, 'node_modules/logout-mocks/bin/logout-mocks.mjs'), '--help'], { cwd: dirs.get(3)! }).catch((e: { code: number; stdout: string; stderr: string }) => e)
  expect('code' in r ? r.code : 0).toBe(1)
  expect(r.stdout).toBe('')
  expect(r.stderr).toBe(`${floorMessage(node)}\n`)
})

it.for(MSWS)(`msw $major: importing either entry on Node ${OLD_NODE} throws that sentence, before msw is reached`, async ({ major }) => {
  const node = nodes.get(OLD_NODE)!
  for (const entry of ['logout-mocks', 'logout-mocks/server']) {
    const script = `import(${JSON.stringify(entry)}).then(() => console.log('imported'), (e) => console.log(e.message))`
    const r = await run(node, ['--input-type=module', '-e', script], { cwd: dirs.get(major)! })
    expect(r.stdout).toBe(`${floorMessage(node)}\n`)
  }
})

/** The one sentence both the CLI and the import give on a Node below the floor. */
function floorMessage(execPath: string): string {
  return `logout-mocks needs Node >= 22.12, but this is Node ${OLD_NODE} (${execPath}). Get Node 22 or newer: \`nvm install 22\` (or fnm, volta), or https://nodejs.org/en/download`
}

/** Strict consumer flags (the issue's): what a careful TypeScript project compiles the package's declarations with. */
const STRICT = {
  module: 'nodenext',
  moduleResolution: 'nodenext',
  target: 'es2023',
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
  noEmit: true,
}

/** Runs the repository's tsc on a tsconfig written into the consumer project; resolves to its exit code and output. */
async function tsc(dir: string, name: string, compilerOptions: object, files: string[]): Promise<{ code: number; output: string }> {
  await writeFile(join(dir, name), JSON.stringify({ compilerOptions, files }, null, 2))
  return run(process.execPath, [TSC, '-p', name, '--pretty', 'false'], { cwd: dir }).then(
    (r) => ({ code: 0, output: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, output: e.stdout }),
  )
}

/**
 * Options a consumer must not be able to pass. `always`: wrong under today's types. The others need the per-provider
 * option types (issue 8 item 3); until `providers` is typed per id they are checked only to still be accepted, so the
 * test shows them as skipped and tightens by itself the day the types land.
 */
const WRONG_OPTIONS = [
  { name: 'journal-size-string', always: true, code: "createLogoutMocks({ journalSize: '1000' })" },
  { name: 'provider-options-not-an-object', always: true, code: "createLogoutMocks({ providers: { dreadnode: 'idempotent' } })" },
  { name: 'misspelt-behaviour-id', always: true, code: "createLogoutMocks().scenarios.add({ behaviour: 'dreadnode.logout.ratelimited' })" },
  { name: 'misspelt-provider-id', always: true, code: "await createLogoutMocks().sessions.create({ provider: 'dreadnote', user: 'alice' })" },
  { name: 'unknown-provider', always: false, code: 'createLogoutMocks({ providers: { nosuch: {} } })' },
  { name: 'unknown-option', always: false, code: 'createLogoutMocks({ providers: { dreadnode: { colour: 1 } } })' },
  { name: 'wrong-enum-value', always: false, code: "createLogoutMocks({ providers: { dreadnode: { unauthenticatedLogout: 'maybe' } } })" },
  { name: 'wrong-value-type', always: false, code: "createLogoutMocks({ providers: { dreadnode: { rateLimit: 'abc' } } })" },
]

describe('TypeScript consumer (nodenext, strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes)', () => {
  /** Per msw major: the strict consumer and the main entry's declarations (they meet msw's own types). */
  const strict = new Map<MswMajor, { code: number; output: string }>()
  const declarations = new Map<MswMajor, { code: number; output: string }>()
  let serverDeclarations: { code: number; output: string }
  let wrong: { code: number; output: string }
  let perProviderTypes = false

  beforeAll(async () => {
    const dir = dirs.get(3)!
    const files: string[] = []
    for (const c of WRONG_OPTIONS) {
      await writeFile(join(dir, `wrong-${c.name}.ts`), `import { createLogoutMocks } from 'logout-mocks'\n${c.code}\n`)
      files.push(`wrong-${c.name}.ts`)
    }
    // Compiles only while `providers` is still a string-keyed record, i.e. before per-provider option types.
    await writeFile(
      join(dir, 'probe-loose-providers.ts'),
      "import type { createLogoutMocks } from 'logout-mocks'\n" +
        'type Providers = NonNullable<NonNullable<Parameters<typeof createLogoutMocks>[0]>["providers"]>\n' +
        'export const loose: string extends keyof Providers ? true : false = true\n',
    )
    // The package's own declarations, checked (skipLibCheck off): the main entry as a browser project sees it (no
    // @types/node), the server entry with @types/node only. An import of a devDependency (express's types) fails here.
    const browserDeclarations =
      "import { setupWorker } from 'msw/browser'\nimport { createLogoutMocks, type LogoutMocks } from 'logout-mocks'\n" +
      'const mocks: LogoutMocks = createLogoutMocks()\nexport const worker = setupWorker(...mocks.handlers)\n'
    for (const d of dirs.values()) await writeFile(join(d, 'declarations-browser.ts'), browserDeclarations)
    await writeFile(join(dir, 'declarations-server.ts'), "export { startServer, main, type RunningServer } from 'logout-mocks/server'\n")
    // Five compilations, two at a time: each is a tsc process, and CI has two cores.
    const jobs: (() => Promise<void>)[] = [
      ...MSWS.map(({ major }) => async () => void strict.set(major, await tsc(dirs.get(major)!, 'tsconfig.strict.json', { ...STRICT, types: ['node'] }, ['strict.ts']))),
      // The declarations with skipLibCheck off are the heavy run (~40 s of CPU each): against msw 3 only; msw 2's types
      // meet the package's in the strict run above.
      async () =>
        void declarations.set(
          3,
          await tsc(dirs.get(3)!, 'tsconfig.declarations.json', { ...STRICT, skipLibCheck: false, types: [], lib: ['es2023', 'dom', 'dom.iterable'] }, ['declarations-browser.ts']),
        ),
      async () => void (serverDeclarations = await tsc(dir, 'tsconfig.server-declarations.json', { ...STRICT, skipLibCheck: false, types: ['node'] }, ['declarations-server.ts'])),
      async () => void (wrong = await tsc(dir, 'tsconfig.wrong.json', { ...STRICT, types: ['node'] }, [...files, 'probe-loose-providers.ts'])),
    ]
    const next = async (): Promise<void> => {
      for (let job = jobs.shift(); job; job = jobs.shift()) await job()
    }
    await Promise.all([next(), next()])
    perProviderTypes = wrong.output.includes('probe-loose-providers.ts(')
  }, 900_000)

  it.for(MSWS)('msw $major: the in-process and server APIs compile under the strict flags', ({ major }) => {
    expect(strict.get(major)).toEqual({ code: 0, output: '' })
  })

  it('the main entry\'s declarations type-check without @types/node or any devDependency of logout-mocks', () => {
    expect(declarations.get(3)).toEqual({ code: 0, output: '' })
  })

  it('logout-mocks/server\'s declarations type-check with @types/node alone (no @types/express)', () => {
    expect(serverDeclarations.output).toBe('')
    expect(serverDeclarations.code).toBe(0)
  })

  it.for(WRONG_OPTIONS.filter((c) => c.always))('$code does not compile', ({ name }) => {
    expect(wrong.code).not.toBe(0)
    expect(wrong.output).toContain(`wrong-${name}.ts(2,`)
  })

  it.for(WRONG_OPTIONS.filter((c) => !c.always))('$code does not compile (per-provider option types)', ({ name }, ctx) => {
    if (!perProviderTypes) {
      // Today's loose type accepts it; make sure the probe is right about that before skipping.
      expect(wrong.output).not.toContain(`wrong-${name}.ts(`)
      ctx.skip('`providers` is not typed per provider yet (issue 8 item 3)')
    }
    expect(wrong.output).toContain(`wrong-${name}.ts(2,`)
  })
})

describe('browser bundle', () => {
  it.for(MSWS)('msw $major: setupWorker + createLogoutMocks bundle for the browser with nothing Node-only', async ({ major }) => {
    const dir = dirs.get(major)!
    const { build } = await import('vite')
    // Every import of a Node built-in, whoever makes it (vite would otherwise stub it quietly as __vite-browser-external).
    const nodeImports: string[] = []
    const result = await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, rolldownOptions: { input: join(dir, 'browser-entry.js') } },
      plugins: [
        {
          name: 'record-node-builtins',
          enforce: 'pre',
          resolveId(id: string, importer: string | undefined) {
            if (id.startsWith('node:') || builtinModules.includes(id)) nodeImports.push(`${id} ← ${importer}`)
            return null
          },
        },
      ],
    })
    const outputs = Array.isArray(result) ? result : [result]
    const modules = outputs.flatMap((o) => ('output' in o ? o.output : [])).flatMap((chunk) => (chunk.type === 'chunk' ? chunk.moduleIds : []))
    expect(modules).toContain(await realpath(join(dir, 'node_modules/logout-mocks/dist/handlers/index.js')))
    expect(modules.some((id) => id.includes('/node_modules/msw/'))).toBe(true)
    expect(nodeImports).toEqual([])
    expect(modules.filter((id) => /__vite-browser-external|\/node_modules\/(express|@types|undici)\//.test(id))).toEqual([])
  })
})
