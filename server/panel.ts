/**
 * The control panel's static files (`GET /__mock/ui`, `/__mock/ui/panel.js`, `/__mock/ui/panel.css`), read once from
 * server/panel/ and served with a strict Content-Security-Policy: the page may load only its own files and talk only to
 * this origin, so it works offline and nothing it shows can pull in another script.
 */
import { readFile } from 'node:fs/promises'
import { mockError } from '../handlers/platform/http/mock-error.ts'
import { createResponse, type MockResponse } from '../handlers/platform/http/response.ts'

const PANEL_PATH = '/__mock/ui'

const FILES: Record<string, { file: string; type: string }> = {
  '': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/panel.js': { file: 'panel.js', type: 'text/javascript; charset=utf-8' },
  '/panel.css': { file: 'panel.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
}

/** default-src 'self' and connect-src 'self', and nothing else: no inline script or style, no frames, no plugins. */
const PANEL_CSP = "default-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"

const cache = new Map<string, Promise<string>>()
const load = (file: string) => {
  let text = cache.get(file)
  if (!text) {
    text = readFile(new URL(`./panel/${file}`, import.meta.url), 'utf8')
    text.catch(() => cache.delete(file)) // a missing file is retried, not remembered
    cache.set(file, text)
  }
  return text
}

/**
 * The panel's answer to a request under `/__mock/ui`, or undefined for any other path.
 * @example
 * const response = await panelResponse('GET', '/__mock/ui/panel.js') // 200 text/javascript
 */
export async function panelResponse(method: string, target: string): Promise<MockResponse | undefined> {
  const path = target.split('?')[0]
  if (path !== PANEL_PATH && !path.startsWith(`${PANEL_PATH}/`)) return undefined
  const entry = FILES[path.slice(PANEL_PATH.length)]
  if (!entry) return mockError({ kind: 'not-found', title: 'No such panel file', status: 404, detail: `${path} is not a file of the control panel (open ${PANEL_PATH}).` })
  if (method !== 'GET' && method !== 'HEAD') {
    return mockError({ kind: 'method-not-allowed', title: 'Method not allowed', status: 405, detail: `${path} answers GET and HEAD.` }, { Allow: 'GET, HEAD' })
  }
  let body: string
  try {
    body = await load(entry.file)
  } catch {
    return mockError({ kind: 'internal-error', title: 'Control panel missing', status: 500, detail: `${entry.file} is not installed next to the server (server/panel/).` })
  }
  return createResponse(body, {
    status: 200,
    headers: new Headers({
      'Content-Type': entry.type,
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': PANEL_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    }),
  })
}
