/**
 * One operation of one provider, as an msw request handler: reads forcing (header, query twins, sticky scenario),
 * runs the provider's natural logic or picks the forced catalogue entry, builds the response through the entry's
 * builder (so forced and natural bytes are the same), applies delay and faults, and records journal and coverage.
 */
import { http, HttpResponse, delay as mswDelay, type HttpHandler } from 'msw'
import type { CatalogueIndex } from './catalogue.ts'
import type { CoverageTracker } from './coverage.ts'
import { FAULTS, isPreflight, readForcing, type Fault } from './forcing.ts'
import type { Journal, JournalRecord } from './journal.ts'
import { mockError } from './mock-error.ts'
import { captureExchange, requestCopy } from './exchange.ts'
import type { RequestMetaStore } from './request-meta.ts'
import type { ScenarioStore } from './scenarios.ts'
import type { Clock } from './clock.ts'
import type { Random } from './random.ts'
import type { AnyProvider, Behaviour, Operation, RequestContext } from './types.ts'

/** Longest `Prefer: delay` accepted (10 minutes): anything longer is a typo, not a scenario. */
export const MAX_DELAY_MS = 600_000

/** What an operation handler needs from the instance it belongs to. */
export interface OperationRuntime {
  readonly provider: AnyProvider
  readonly baseUrl: string
  readonly config: { baseUrl: string } & Record<string, unknown>
  state(): unknown
  readonly ready: () => Promise<void>
  readonly index: CatalogueIndex
  readonly scenarios: ScenarioStore
  readonly journal: Journal
  readonly coverage: CoverageTracker
  readonly clock: Clock
  readonly random: Random
  readonly meta: RequestMetaStore
}

type Choice =
  | { kind: 'natural' }
  | { kind: 'forced'; behaviour: Behaviour; via: 'header' | 'query' | 'scenario' }
  | { kind: 'error'; response: Response }

/** The caller's IP: X-Forwarded-For's first hop when the provider trusts it, else the socket's, else loopback. */
export function clientIpOf(request: Request, rt: OperationRuntime): string {
  if (rt.provider.trustForwardedFor?.(rt.config)) {
    const xff = request.headers.get('x-forwarded-for')
    const first = xff?.split(',')[0]?.trim()
    if (first) return first
  }
  return rt.meta.get(request).clientIp ?? '127.0.0.1'
}

/** One journal line for a request this provider answered. */
function record(rt: OperationRuntime, request: Request, url: URL, entry: Omit<JournalRecord, 'atMs' | 'method' | 'url' | 'provider'>) {
  rt.journal.record({ atMs: rt.clock.now(), method: request.method, url: url.pathname + url.search, provider: rt.provider.id, ...entry })
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

function parseDelay(value: string | undefined): number | Response | undefined {
  if (value === undefined) return undefined
  const ms = /^\d+$/.test(value) ? Number(value) : NaN
  if (Number.isNaN(ms) || ms > MAX_DELAY_MS) {
    return mockError({ kind: 'invalid-delay', title: 'Invalid delay', status: 400, detail: `delay must be an integer number of milliseconds between 0 and ${MAX_DELAY_MS}, got "${value}".` })
  }
  return ms
}

function parseFault(value: string | undefined): Fault | Response | undefined {
  if (value === undefined) return undefined
  if ((FAULTS as readonly string[]).includes(value)) return value as Fault
  return mockError({ kind: 'unknown-fault', title: 'Unknown fault', status: 400, detail: `fault must be one of ${FAULTS.join(', ')}, got "${value}".`, validFaults: FAULTS })
}

/**
 * Builds the msw handler of one operation.
 * @example
 * const handler = createOperationHandler(runtime, runtime.provider.operations[0])
 * setupServer(handler)
 */
export function createOperationHandler(rt: OperationRuntime, op: Operation): HttpHandler {
  const method = op.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options'
  const opKey = `${rt.provider.id}.${op.id}`
  const resolveOutcome = (name: string) => rt.index.behaviour(name.includes('.') ? name : `${opKey}.${name}`)

  return http[method](rt.baseUrl + op.path, async ({ request, params }) => {
    const started = performance.now()
    await rt.ready()
    const url = new URL(request.url)
    const forcing = readForcing(request, url)
    const clientIp = clientIpOf(request, rt)
    let base: RequestContext = {
      request,
      url: forcing.strippedUrl ?? url,
      params: params as RequestContext['params'],
      state: rt.state(),
      config: rt.config,
      clock: rt.clock,
      random: rt.random,
      clientIp,
      baseUrl: rt.baseUrl,
      forced: false,
    }
    // `accepts` sees the URL and headers only: the body must stay unread for the next handler if it declines.
    if (op.accepts && !op.accepts(base)) return undefined
    // Journal: a copy of the body to keep, taken before anything reads the request.
    const copy = requestCopy(request, rt.journal.bodyLimit)
    if (forcing.strippedUrl) base = { ...base, request: new Request(forcing.strippedUrl, request) }
    const scenario = forcing.via === null && !isPreflight(request) ? rt.scenarios.take(opKey) : undefined

    let choice: Choice =
      forcing.via !== null
        ? chooseForced(rt, op, forcing.code, forcing.example, forcing.via)
        : scenario?.behaviour
          ? chooseForced(rt, op, undefined, scenario.behaviour, 'scenario')
          : { kind: 'natural' }
    const delayMs = parseDelay(forcing.delay) ?? scenario?.delayMs
    const fault = parseFault(forcing.fault) ?? scenario?.fault
    if (delayMs instanceof Response) choice = { kind: 'error', response: delayMs }
    if (fault instanceof Response) choice = { kind: 'error', response: fault }

    const ctx: RequestContext = choice.kind === 'forced' ? { ...base, forced: true } : base

    let response: Response
    let behaviour: Behaviour | undefined
    if (choice.kind === 'error') {
      response = choice.response
    } else {
      try {
        let detail: unknown
        if (choice.kind === 'forced') {
          behaviour = choice.behaviour
        } else {
          const outcome = await op.run(ctx)
          behaviour = resolveOutcome(outcome.behaviour)
          if (!behaviour) throw new Error(`${opKey} returned unknown behaviour "${outcome.behaviour}"`)
          detail = outcome.detail
        }
        response = await behaviour.respond(ctx, detail)
        rt.coverage.hit(behaviour.id, choice.kind === 'forced')
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

    rt.meta.set(request, { provider: rt.provider.id, behaviour: behaviour?.id, fault: typeof fault === 'string' ? fault : undefined })
    record(rt, request, url, {
      status: typeof fault === 'string' ? 0 : response.status,
      operation: op.id,
      behaviour: behaviour?.id ?? null,
      forced: choice.kind === 'forced' ? choice.via : null,
      fault: typeof fault === 'string' ? fault : null,
      clientIp,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      exchange: await captureExchange(request, copy, response, rt.journal.bodyLimit),
    })

    if (typeof delayMs === 'number' && delayMs > 0) await mswDelay(delayMs)
    if (fault === 'hang') await mswDelay('infinite')
    if (fault === 'network-error' || fault === 'connection-reset') return HttpResponse.error()
    return response
  })
}

/**
 * The answer to a method no operation declares on a path the provider serves: a mock 405 listing the methods that
 * exist. `OPTIONS` is left to the transport (CORS preflight).
 * @example
 * createMethodNotAllowedHandler(runtime, '/api/v1/auth/logout', ['POST'])
 */
export function createMethodNotAllowedHandler(rt: OperationRuntime, path: string, allowed: readonly string[]): HttpHandler {
  return http.all(rt.baseUrl + path, async ({ request }) => {
    if (request.method === 'OPTIONS' || allowed.includes(request.method)) return undefined
    const url = new URL(request.url)
    rt.meta.set(request, { provider: rt.provider.id })
    const response = mockError(
      { kind: 'method-not-allowed', title: 'Method not allowed', status: 405, detail: `${rt.provider.id} does not document ${request.method} ${path}.`, allowed },
      { Allow: allowed.join(', ') },
    )
    const exchange = await captureExchange(request, undefined, response, rt.journal.bodyLimit)
    record(rt, request, url, { status: 405, operation: null, behaviour: null, forced: null, fault: null, clientIp: clientIpOf(request, rt), durationMs: 0, exchange })
    return response
  })
}
