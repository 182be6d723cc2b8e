/**
 * The control API under `/__mock`, as a fetch-style function (a request in, a built response or a streaming Response out) so any transport can mount
 * it: the standalone server does, and a browser worker could. The same operations exist on the mocks object.
 */
import { isPlainObject, parseJson, readBody } from '../http/body.ts'
import { ControlError } from './control-error.ts'
import type { LogoutMocks, ScenarioRequest } from '../instance.ts'
import { mockError } from '../http/mock-error.ts'
import { createResponse, type MockResponse } from '../http/response.ts'
import type { IncomingRequest } from '../http/buffered-request.ts'
import { describeCatalogue } from '../catalogue/catalogue-doc.ts'
import { buildOpenApi } from '../catalogue/openapi.ts'
import { CLOCK_RANGE } from '../state/clock.ts'
import { parseJournalFilter, type JournalFilter } from './journal.ts'
import { journalStream } from './journal-stream.ts'
import { lanesJournal } from './lanes-journal.ts'
import type { LaneRegistry } from '../state/lanes.ts'
import { LANE_COOKIE, LANE_ID, LANE_ID_RULE, laneCookie } from '../state/lane.ts'

const json = (body: unknown, status = 200) =>
  createResponse(JSON.stringify(body, null, 2), { status, headers: new Headers({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }) })

const ROUTES = [
  'GET    /__mock                                  this index',
  '       every route acts on the request\'s lane: X-Mock-Lane: <id>, <id>.localhost, ?__lane=<id> or the lane cookie (else "default")',
  'GET    /__mock/lanes                            the lanes of this server (id, created, last used, live sessions, journal size, scenarios)',
  'DELETE /__mock/lanes/<id>                       drop a lane and its state (its next request gets a fresh one)',
  'GET    /__mock/lanes/<id>/enter                 put this browser in a lane (cookie logout-mocks-lane; "default" leaves)',
  'POST   /__mock/reset                            fixtures, sessions, counters, clock, scenarios, journal, coverage back to start',
  'GET    /__mock/catalogue                        every behaviour of every provider (id, operation, status, trigger, source)',
  'GET    /__mock/requests?provider=&method=&path=&status=&behaviour=&since=&limit=&lanes=all   the request journal (bounded ring buffer; lanes=all: every lane\'s)',
  'GET    /__mock/requests/stream                  the journal live, as server-sent events (same filters)',
  'DELETE /__mock/requests                         clear the journal',
  'GET    /__mock/scenarios                        active sticky scenarios',
  'POST   /__mock/scenarios                        {"behaviour": "<id>", "times"?: n} or {"operation": "<provider>.<op>", "fault"|"delayMs", "times"?}',
  'DELETE /__mock/scenarios                        clear scenarios',
  'DELETE /__mock/scenarios/<id>                   clear one scenario',
  'GET    /__mock/clock                            the platform clock',
  'POST   /__mock/clock                            {"advanceMs": n} or {"set": "<ISO date>"}',
  'GET    /__mock/coverage                         served behaviours per provider/operation, documented vs assumed',
  'GET    /__mock/state                            the model of every provider',
  'POST   /__mock/state/<provider>/<action>        a provider action on the model (e.g. webmixhub deleteUser)',
  'POST   /__mock/sessions                         {"provider", "user"} → ready credentials',
  'GET    /__mock/openapi/<provider>.json          OpenAPI 3.1 document generated from the catalogue',
  'GET    /__mock/ui                               the control panel (standalone server): catalogue, forcing, live journal, coverage',
]

/** The largest control request body read (64 KiB); a larger one is a 413 problem. */
export const CONTROL_BODY_LIMIT = 64 * 1024

async function jsonInput(request: IncomingRequest): Promise<Record<string, unknown>> {
  const body = await readBody(request, CONTROL_BODY_LIMIT)
  if (!body.ok) throw body.reason === 'too-large' ? new ControlError(`control request body over ${CONTROL_BODY_LIMIT / 1024} KiB`, 413, { limitBytes: CONTROL_BODY_LIMIT }) : new ControlError('control request body unreadable')
  if (body.text.trim() === '') return {}
  const parsed = parseJson(body.text)
  if (!parsed.ok) throw new ControlError(`control request body is not JSON: ${parsed.error}`)
  if (!isPlainObject(parsed.value)) throw new ControlError('control request body must be a JSON object')
  return parsed.value
}

/** Whether a journal request asks for every lane (`lanes=all`) rather than its own. */
const allLanes = (url: URL) => url.searchParams.get('lanes') === 'all'

const noLanes = () => new ControlError('lanes exist on the standalone server; an instance of createLogoutMocks() is one lane of its own', 404)

/** The journal filter of a request's query (`Last-Event-ID` stands for `since` when a stream reconnects). */
function journalFilter(url: URL, request: IncomingRequest): JournalFilter {
  const filter = parseJournalFilter(url.searchParams)
  if (typeof filter === 'string') throw new ControlError(filter, 400, { filters: ['provider', 'method', 'path', 'status', 'behaviour', 'since', 'limit'] })
  const lastEventId = request.headers.get('last-event-id')
  if (filter.since === undefined && lastEventId !== null && /^\d+$/.test(lastEventId)) filter.since = lastEventId
  return filter
}

/**
 * The state view, part by part: a part JSON cannot write (nothing stored should be such, bodies are bounded in depth
 * where they are read, but a view must not fail on what is stored) shows why instead of failing the whole answer.
 */
function viewable(parts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(parts)) {
    try {
      JSON.stringify(value)
      out[key] = value
    } catch (e) {
      out[key] = { unavailable: `this part of the state cannot be shown as JSON: ${e instanceof Error ? e.message : String(e)}` }
    }
  }
  return out
}

function clockView(mocks: LogoutMocks) {
  const now = mocks.clock.now()
  return { now: new Date(now).toISOString(), epochMs: now, frozen: mocks.clock.frozen }
}

/**
 * `GET /__mock/lanes/<id>/enter`: the lane cookie, so every later request of this browser (the panel's included) runs
 * in the lane; a browser navigating there lands on the panel, a script gets JSON. `default` clears the cookie.
 */
function enterLane(id: string, request: IncomingRequest): MockResponse {
  const html = (request.headers.get('accept') ?? '').includes('text/html')
  const response = html
    ? createResponse(null, { status: 303, headers: new Headers({ Location: '/__mock/ui', 'Cache-Control': 'no-store' }) })
    : json({ lane: id, entered: true, cookie: LANE_COOKIE })
  response.headers.append('Set-Cookie', laneCookie(id))
  return response
}

/**
 * Answers a control request, or returns undefined when the path is not under `/__mock`.
 * @example
 * const response = await handleControl(mocks, new Request('http://127.0.0.1:9090/__mock/coverage'))
 */
export async function handleControl(mocks: LogoutMocks, request: IncomingRequest, lanes?: LaneRegistry): Promise<Response | MockResponse | undefined> {
  const url = new URL(request.url)
  if (url.pathname !== '/__mock' && !url.pathname.startsWith('/__mock/')) return undefined
  const path = url.pathname.replace(/(?<!\/)\/+$/, '') || '/'
  // HEAD is GET without the body (the transport drops it), as HTTP has it.
  const route = `${request.method === 'HEAD' ? 'GET' : request.method} ${path}`
  try {
    switch (route) {
      case 'GET /__mock':
        return json({ name: 'logout-mocks control API', lane: mocks.lane, routes: ROUTES, providers: mocks.providers.map((p) => ({ id: p.id, title: p.title, baseUrl: p.baseUrl })) })
      case 'GET /__mock/lanes':
        if (!lanes) throw noLanes()
        return json({ maxLanes: lanes.maxLanes, idleMs: lanes.idleMs, lanes: lanes.list() })
      case 'POST /__mock/reset':
        await mocks.reset()
        return json({ reset: true, clock: clockView(mocks) })
      case 'GET /__mock/catalogue':
        return json(describeCatalogue(mocks))
      case 'GET /__mock/requests': {
        if (allLanes(url)) {
          if (!lanes) throw noLanes()
          return json({ lanes: 'all', entries: lanesJournal(lanes).list(journalFilter(url, request)) })
        }
        const entries = mocks.journal.list(journalFilter(url, request))
        return json({ lane: mocks.lane, capacity: mocks.journal.capacity, bodyLimit: mocks.journal.bodyLimit, total: mocks.journal.total, entries })
      }
      case 'GET /__mock/requests/stream':
        if (allLanes(url)) {
          if (!lanes) throw noLanes()
          return journalStream(lanesJournal(lanes), journalFilter(url, request), request.signal)
        }
        return journalStream(mocks.journal, journalFilter(url, request), request.signal)
      case 'DELETE /__mock/requests':
        mocks.journal.clear()
        return json({ cleared: true })
      case 'GET /__mock/scenarios':
        return json({ scenarios: mocks.scenarios.list() })
      case 'POST /__mock/scenarios': {
        const input = await jsonInput(request)
        return json({ scenario: mocks.scenarios.add(input as ScenarioRequest) }, 201)
      }
      case 'DELETE /__mock/scenarios':
        mocks.scenarios.clear()
        return json({ cleared: true })
      case 'GET /__mock/clock':
        return json(clockView(mocks))
      case 'POST /__mock/clock': {
        const input = await jsonInput(request)
        try {
          if (input.advanceMs !== undefined) {
            if (typeof input.advanceMs !== 'number' || !Number.isFinite(input.advanceMs)) throw new ControlError('"advanceMs" must be a finite number')
            mocks.clock.advance(input.advanceMs)
          } else if (input.set !== undefined) {
            const t = typeof input.set === 'number' ? input.set : typeof input.set === 'string' ? Date.parse(input.set) : NaN
            if (Number.isNaN(t)) throw new ControlError('"set" must be an ISO date or epoch milliseconds')
            mocks.clock.set(t)
          } else throw new ControlError('POST /__mock/clock needs {"advanceMs": n} or {"set": "<ISO date>"}')
        } catch (e) {
          // Out of the clock's range: refused before it moves, so the instance stays usable.
          if (e instanceof RangeError) throw new ControlError(e.message, 400, { range: { min: new Date(CLOCK_RANGE.min).toISOString(), max: new Date(CLOCK_RANGE.max).toISOString() } })
          throw e
        }
        return json(clockView(mocks))
      }
      case 'GET /__mock/coverage':
        return json({ lane: mocks.lane, ...mocks.coverage() })
      case 'GET /__mock/state':
        await mocks.ready
        return json(viewable({ lane: mocks.lane, ...mocks.state(), cookieJar: { mode: mocks.cookies.mode, cookies: mocks.cookies.list() } }))
      case 'POST /__mock/sessions': {
        const input = await jsonInput(request)
        if (typeof input.provider !== 'string' || typeof input.user !== 'string') throw new ControlError('POST /__mock/sessions needs {"provider": "<id>", "user": "<email or username>"}')
        return json(await mocks.sessions.create({ provider: input.provider, user: input.user }), 201)
      }
    }
    const action = path.match(/^\/__mock\/state\/([^/]+)\/([^/]+)$/)
    if (action && request.method === 'POST') {
      const result = await mocks.action(decodeURIComponent(action[1]), decodeURIComponent(action[2]), await jsonInput(request))
      return json(result ?? { ok: true })
    }
    const lane = path.match(/^\/__mock\/lanes\/([^/]+)(\/enter)?$/)
    if (lane && ((lane[2] && request.method !== 'POST' && request.method !== 'DELETE') || (!lane[2] && request.method === 'DELETE'))) {
      if (!lanes) throw noLanes()
      const id = decodeURIComponent(lane[1])
      if (!LANE_ID.test(id)) throw new ControlError(`"${id.slice(0, 100)}" is not a lane id: ${LANE_ID_RULE}`, 400, { pattern: LANE_ID.source })
      if (lane[2]) return enterLane(id, request)
      if (!lanes.delete(id)) throw new ControlError(`no lane "${id}"`, 404, { lanes: lanes.list().map((l) => l.id) })
      return json({ deleted: id })
    }
    const scenario = path.match(/^\/__mock\/scenarios\/([^/]+)$/)
    if (scenario && request.method === 'DELETE') {
      const id = Number(scenario[1])
      const removed = /^\d+$/.test(scenario[1]) ? mocks.scenarios.remove(id) : undefined
      if (!removed) throw new ControlError(`no active scenario ${scenario[1]}`, 404, { active: mocks.scenarios.list().map((s) => s.id) })
      return json({ removed })
    }
    const openapi = path.match(/^\/__mock\/openapi\/([^/]+)\.json$/)
    if (openapi && (request.method === 'GET' || request.method === 'HEAD')) {
      const provider = mocks.providers.find((p) => p.id === openapi[1])
      if (!provider) throw new ControlError(`no provider "${openapi[1]}"`, 404, { validProviders: mocks.providers.map((p) => p.id) })
      return json(buildOpenApi(mocks, provider.id))
    }
    return mockError({ kind: 'not-found', title: 'No such control route', status: 404, detail: `${route} is not a control route.`, routes: ROUTES })
  } catch (e) {
    if (e instanceof ControlError) return mockError({ kind: 'control-error', title: 'Invalid control request', status: e.status, detail: e.message, ...e.extensions })
    if (e instanceof URIError) return mockError({ kind: 'control-error', title: 'Invalid control request', status: 400, detail: 'malformed percent-encoding in the path' })
    throw e
  }
}
