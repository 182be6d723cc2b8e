/**
 * Browser-suite support: Debian's Chromium through playwright-core, and a static file server on 127.0.0.1.
 */
import fs from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Launches headless Chromium (`apt-get install chromium`, or CHROMIUM_PATH).
 * @example
 * const browser = await launchChromium()
 */
export async function launchChromium(): Promise<Browser> {
  await fs.access(CHROMIUM).catch(() => {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`)
  })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json' }

/**
 * Serves a directory on 127.0.0.1 (a free port); `/` is index.html. `headers` go on every file served (a CSP).
 * @example
 * const site = await serveStatic('/tmp/dist')
 * await page.goto(site.origin)
 */
export async function serveStatic(root: string, headers: Record<string, string> = {}): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const file = path.join(root, url.pathname === '/' ? 'index.html' : path.normalize(decodeURIComponent(url.pathname)))
    if (!file.startsWith(root)) return void res.writeHead(403).end()
    try {
      const body = await fs.readFile(file)
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
