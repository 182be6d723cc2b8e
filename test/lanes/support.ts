/**
 * Lane test support: requests as a lane's client sends them — fetch with `X-Mock-Lane`, and node:http for a
 * `*.localhost` host (Node's resolver does not resolve `*.localhost`, so the client connects to 127.0.0.1 and sends
 * the `Host` itself, as curl and browsers would).
 */
import http from 'node:http'

export interface RawAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/**
 * One request to 127.0.0.1:`port` with this `Host`.
 * @example
 * const r = await viaHost(port, 'w3.localhost:9090', 'GET', '/__mock/state')
 */
export function viaHost(port: number, host: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, host } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** The Cookie header a browser would send back from a response's Set-Cookie lines. */
export const cookiesOf = (r: Response) =>
  r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')

/**
 * A lane's client over fetch: provider and control calls carrying `X-Mock-Lane`.
 * @example
 * const w3 = laneClient(origin, 'w3')
 * await w3.control('POST', '/__mock/reset')
 */
export function laneClient(origin: string, lane: string) {
  const lanes = { 'X-Mock-Lane': lane }
  return {
    lane,
    fetch: (path: string, init: RequestInit = {}) => fetch(origin + path, { ...init, headers: { ...lanes, ...(init.headers as Record<string, string>) } }),
    async control(method: string, path: string, body?: unknown) {
      const r = await fetch(origin + path, { method, headers: { ...lanes, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
      return { status: r.status, body: (await r.json()) as Record<string, unknown> & { entries?: { lane: string; url: string; status: number; behaviour: string | null }[] } }
    },
  }
}
