/**
 * The one per-request pipeline of an operation, whichever door the request came through (an msw handler in process or
 * in the browser, the standalone server's route table): reads forcing (header, query twins, sticky scenario), runs
 * the provider's natural logic or picks the forced catalogue entry, builds the response through the entry's builder
 * (so forced and natural bytes are the same), stamps the platform clock's `Date`, and records journal and coverage.
 * Delay and faults are returned for the door to apply, because each door has its own way to wait and to fail.
 *
 * Hook points for transport-independent extensions (a cookie jar, richer journal records) are `beforeRequest` and
 * `afterResponse` on the runtime's `hooks`; the journal line is written in one place, `journalAnswer`.
 */
import type { CatalogueIndex } from '../catalogue/catalogue.ts'
import type { Clock } from '../state/clock.ts'
import type { CoverageTracker } from '../control/coverage.ts'
import { requestWithUrl, type IncomingRequest } from '../http/buffered-request.ts'
import { FAULTS, MAX_DELAY_MS, isPreflight, readForcing, type Fault } from './forcing.ts'
import { httpDate } from '../http/http-date.ts'
import { captureExchange, type ExchangeCapture } from '../control/exchange.ts'
import type { Journal, JournalRecord } from '../control/journal.ts'
import { mockError } from '../http/mock-error.ts'
import type { Random } from '../state/random.ts'
import type { MockResponse } from '../http/response.ts'
import type { ScenarioStore } from '../control/scenarios.ts'
import type { AnyProvider, Behaviour, Operation, RequestContext } from '../types.ts'

/** Extension points around the provider's run (both optional; both doors call them). */
export interface PipelineHooks {
  /** Before the provider sees the request: may return a replacement (e.g. with jar cookies attached). */
  beforeRequest?(request: IncomingRequest): IncomingRequest
  /** After the response is built and journaled, before the door applies delay/fault and sends it. */
  afterResponse?(request: IncomingRequest, answer: Answer): void
}

/** What the pipeline needs of an operation's provider: the same in every lane. */
export interface OperationRuntime {
  readonly provider: AnyProvider
  readonly baseUrl: string
  readonly config: { baseUrl: string } & Record<string, unknown>
  readonly index: CatalogueIndex
}

/**
 * What the pipeline needs of the lane a request runs in (one isolated mock: its models, clock, random sequence,
 * scenarios, journal, coverage and cookie jar). In process an instance is one lane; the standalone server holds many.
 */
export interface LaneRuntime {
  /** The lane's id (`default` for a user who never names one). */
  readonly id: string
  /** A provider's model in this lane (after `ready(providerId)`). */
  state(providerId: string): unknown
  /** A promise while the provider's fixtures load (first use, or after a reset), undefined once loaded (no await on the hot path). */
  ready(providerId: string): Promise<void> | undefined
  readonly scenarios: ScenarioStore
  readonly journal: Journal
  readonly coverage: CoverageTracker
  readonly clock: Clock
  readonly random: Random
  readonly hooks?: PipelineHooks
}

/** One request entering the pipeline, from either door. */
export interface Exchange {
  readonly request: IncomingRequest
  /** `request.url`, parsed once by the door. */
  readonly url: URL
  /** Path parameters as msw's path matching gives them. */
  readonly params: RequestContext['params']
  /** The socket's address (standalone); undefined in process, where the caller is loopback. */
  readonly socketIp: string | undefined
  /** The lane the request runs in. */
  readonly lane: LaneRuntime
}

/** The pipeline's answer, for the door to send. */
export interface Answer {
  readonly response: MockResponse
  readonly provider: AnyProvider
  readonly behaviour: string | undefined
  /** Milliseconds to wait before sending (0: none). */
  readonly delayMs: number
  /** A fault to produce instead of sending the response. */
  readonly fault: Fault | undefined
}

type Choice =
  | { kind: 'natural' }
  | { kind: 'forced'; behaviour: Behaviour; via: 'header' | 'query' | 'scenario' }
  | { kind: 'error'; response: MockResponse }

/**
 * The caller's IP: X-Forwarded-For's first hop when the provider trusts it, else the socket's, else loopback.
 * @example
 * clientIpOf(request, undefined, runtime) // '127.0.0.1' in process
 */
function clientIpOf(request: IncomingRequest, socketIp: string | undefined, rt: OperationRuntime): string {
  if (rt.provider.trustForwardedFor?.(rt.config)) {
    const xff = request.headers.get('x-forwarded-for')
    const first = xff?.split(',')[0]?.trim()
    if (first) return first
  }
  return socketIp ?? '127.0.0.1'
}

/** The one place a pipeline answer becomes a journal line (with the headers and bounded bodies of the exchange). */
function journalAnswer(rt: OperationRuntime, ex: Exchange, exchange: ExchangeCapture, entry: Omit<JournalRecord, 'atMs' | 'method' | 'url' | 'provider' | 'exchange' | 'lane'>) {
  ex.lane.journal.record({ atMs: ex.lane.clock.now(), method: ex.request.method, url: ex.url.pathname + ex.url.search, lane: ex.lane.id, provider: rt.provider.id, exchange, ...entry })
}

/** Sets the platform clock's `Date` on a response (so it agrees with cookie `Expires` on a frozen or moved clock). */
function stampDate(lane: LaneRuntime, response: MockResponse): MockResponse {
  response.headers.set('date', httpDate(lane.clock.now()))
  return response
}

function choices(rt: OperationRuntime, op: Operation) {
  const entries = rt.index.forOperation(rt.provider.id, op.id).filter((b) => b.forceable !== false)
  return { validCodes: [...new Set(entries.map((b) => b.status))].sort((a, b) => a - b), validExamples: entries.map((b) => b.id) }
}

function chooseForced(rt: OperationRuntime, op: Operation, code: string | undefined, example: string | undefined, via: 'header' | 'query' | 'scenario'): Choice {
  const where = `${op.method} ${op.path} (${rt.provider.id}.${op.id})`
  const invalid = (kind: string, title: string, detail: string) =>
    ({ kind: 'error', response: mockError({ kind, title, status: 400, detail, provider: rt.provider.id, operation: op.id, ...choices(rt, op) }) }) as const
  let byExample: Behaviour | undefined
  if (example !== undefined) {
    byExample = rt.index.behaviour(example)
    if (!byExample || byExample.operation !== op.id || rt.index.providerOf(example) !== rt.provider) {
      return invalid('unknown-forced-example', 'Unknown example for this operation', `"${example}" is not a behaviour of ${where}.`)
    }
    if (byExample.forceable === false) return invalid('unforceable-example', 'This behaviour cannot be forced', `"${example}" can only be reached naturally.`)
  }
  if (code !== undefined) {
    const status = /^\d{3}$/.test(code) ? Number(code) : NaN
    if (Number.isNaN(status)) return invalid('invalid-forced-status', 'Forced status is not a status code', `"${code}" is not a three-digit HTTP status.`)
    if (byExample) {
      if (byExample.status !== status) {
        return invalid('conflicting-forcing', 'Forced status and example disagree', `"${example}" answers ${byExample.status}, not ${status}.`)
      }
      return { kind: 'forced', behaviour: byExample, via }
    }
    const b = rt.index.forStatus(rt.provider.id, op.id, status)
    if (!b) return invalid('unknown-forced-status', 'Status not documented for this operation', `${where} does not document status ${status}.`)
    return { kind: 'forced', behaviour: b, via }
  }
  return byExample ? { kind: 'forced', behaviour: byExample, via } : { kind: 'natural' }
}

function parseDelay(value: string | undefined): number | MockResponse | undefined {
  if (value === undefined) return undefined
  const ms = /^\d+$/.test(value) ? Number(value) : NaN
  if (Number.isNaN(ms) || ms > MAX_DELAY_MS) {
    return mockError({ kind: 'invalid-delay', title: 'Invalid delay', status: 400, detail: `delay must be an integer number of milliseconds between 0 and ${MAX_DELAY_MS}, got "${value}".` })
  }
  return ms
}

function parseFault(value: string | undefined): Fault | MockResponse | undefined {
  if (value === undefined) return undefined
  if ((FAULTS as readonly string[]).includes(value)) return value as Fault
  return mockError({ kind: 'unknown-fault', title: 'Unknown fault', status: 400, detail: `fault must be one of ${FAULTS.join(', ')}, got "${value}".`, validFaults: FAULTS })
}

/**
 * Runs one operation for one request; undefined when the operation's `accepts` declines it (the next route answers).
 * @example
 * const answer = await runOperation(runtime, operation, { request, url: new URL(request.url), params: {}, socketIp: undefined })
 * answer?.response.status // 401
 */
export async function runOperation(rt: OperationRuntime, op: Operation, ex: Exchange): Promise<Answer | undefined> {
  const started = performance.now()
  const lane = ex.lane
  const loading = lane.ready(rt.provider.id)
  if (loading) await loading
  const opKey = `${rt.provider.id}.${op.id}`
  const forcing = readForcing(ex.request, ex.url)
  const clientIp = clientIpOf(ex.request, ex.socketIp, rt)
  let base: RequestContext = {
    request: ex.request,
    url: forcing.strippedUrl ?? ex.url,
    params: ex.params,
    state: lane.state(rt.provider.id),
    config: rt.config,
    clock: lane.clock,
    random: lane.random,
    clientIp,
    baseUrl: rt.baseUrl,
    forced: false,
  }
  // `accepts` sees the URL and headers only: the body must stay unread for the next operation if it declines.
  if (op.accepts && !op.accepts(base)) return undefined
  // Before request: the provider sees the request without forcing twins, after the hooks had their say.
  let request = forcing.strippedUrl ? requestWithUrl(ex.request, forcing.strippedUrl) : ex.request
  if (lane.hooks?.beforeRequest) request = lane.hooks.beforeRequest(request)
  if (request !== ex.request) base = { ...base, request }
  const scenario = forcing.via === null && !isPreflight(ex.request) ? lane.scenarios.take(opKey) : undefined

  let choice: Choice =
    forcing.via !== null
      ? chooseForced(rt, op, forcing.code, forcing.example, forcing.via)
      : scenario?.behaviour
        ? chooseForced(rt, op, undefined, scenario.behaviour, 'scenario')
        : { kind: 'natural' }
  const delayMs = parseDelay(forcing.delay) ?? scenario?.delayMs
  const fault = parseFault(forcing.fault) ?? scenario?.fault
  if (typeof delayMs === 'object') choice = { kind: 'error', response: delayMs }
  if (typeof fault === 'object') choice = { kind: 'error', response: fault }

  const ctx: RequestContext = choice.kind === 'forced' ? { ...base, forced: true } : base

  let response: MockResponse
  let behaviour: Behaviour | undefined
  if (choice.kind === 'error') {
    response = choice.response
  } else {
    try {
      let detail: unknown
      if (choice.kind === 'forced') {
        behaviour = choice.behaviour
      } else {
        // Awaited only when it is a promise: each `await` is a microtask hop.
        const ran = op.run(ctx)
        const outcome = ran instanceof Promise ? await ran : ran
        behaviour = rt.index.behaviour(outcome.behaviour.includes('.') ? outcome.behaviour : `${opKey}.${outcome.behaviour}`)
        if (!behaviour) throw new Error(`${opKey} returned unknown behaviour "${outcome.behaviour}"`)
        detail = outcome.detail
      }
      const built = behaviour.respond(ctx, detail)
      response = built instanceof Promise ? await built : built
      lane.coverage.hit(behaviour.id, choice.kind === 'forced')
    } catch (error) {
      // A bug of the mock, not a vendor response: say so plainly (msw would otherwise answer with a stack trace).
      console.error(`[logout-mocks] ${opKey} failed:`, error)
      behaviour = undefined
      response = mockError({
        kind: 'internal-error',
        title: 'Mock internal error',
        status: 500,
        detail: `${opKey} failed while handling this request: ${error instanceof Error ? error.message : String(error)}`,
        provider: rt.provider.id,
        operation: op.id,
      })
    }
  }

  const faultKind = typeof fault === 'string' ? fault : undefined
  stampDate(lane, response)
  journalAnswer(rt, ex, captureExchange(request, response, lane.journal.bodyLimit), {
    status: faultKind ? 0 : response.status,
    operation: op.id,
    behaviour: behaviour?.id ?? null,
    forced: choice.kind === 'forced' ? choice.via : null,
    fault: faultKind ?? null,
    clientIp,
    durationMs: Math.round((performance.now() - started) * 1000) / 1000,
  })
  const answer: Answer = { response, provider: rt.provider, behaviour: behaviour?.id, delayMs: typeof delayMs === 'number' ? delayMs : 0, fault: faultKind }
  // After response.
  lane.hooks?.afterResponse?.(request, answer)
  return answer
}

/**
 * The answer to a method no operation declares on a path the provider serves: a mock 405 listing the methods that
 * exist. A CORS preflight is left to the transport; undefined when the method is served.
 * @example
 * methodNotAllowed(runtime, '/api/v1/auth/logout', ['POST'], exchange)?.response.status // 405 for a GET
 */
export function methodNotAllowed(rt: OperationRuntime, path: string, allowed: readonly string[], ex: Exchange): Answer | undefined {
  const method = ex.request.method
  // A CORS preflight is the transport's to answer; any other OPTIONS is a method like the rest.
  if (allowed.includes(method) || isPreflight(ex.request)) return undefined
  const response = mockError(
    { kind: 'method-not-allowed', title: 'Method not allowed', status: 405, detail: `${rt.provider.id} does not document ${method} ${path}.`, allowed },
    { Allow: allowed.join(', ') },
  )
  stampDate(ex.lane, response)
  journalAnswer(rt, ex, captureExchange(ex.request, response, 0), { status: 405, operation: null, behaviour: null, forced: null, fault: null, clientIp: clientIpOf(ex.request, ex.socketIp, rt), durationMs: 0 })
  const answer: Answer = { response, provider: rt.provider, behaviour: undefined, delayMs: 0, fault: undefined }
  ex.lane.hooks?.afterResponse?.(ex.request, answer)
  return answer
}
