/**
 * A lane: one complete, isolated mock over a platform — its own models (users, sessions, revocations, flows,
 * records), clock, random sequence, scenarios, journal, coverage, rate-limit counters and cookie jar; everything
 * `reset()` resets. Lanes of one platform share only what never changes (providers, configuration, catalogue, route
 * table), so a lane costs its state alone. An instance from `createLogoutMocks()` is one lane; the standalone server
 * holds many (lanes.ts).
 */
import type { HttpHandler } from 'msw'
import { ControlError } from '../control/control-error.ts'
import { createCoverage } from '../control/coverage.ts'
import { createJournal } from '../control/journal.ts'
import { createScenarioStore, SCENARIO_VALIDATOR, ScenarioSchema } from '../control/scenarios.ts'
import { checkSchema } from '../catalogue/schema-check.ts'
import { cookieJarHooks, createCookieJar } from '../http/cookie-jar.ts'
import { describeProblem, OptionsError } from '../options/options-error.ts'
import { FAULTS } from '../pipeline/forcing.ts'
import type { LaneRuntime, OperationRuntime } from '../pipeline/operation-pipeline.ts'
import type { LogoutMocks } from '../instance.ts'
import type { Platform } from '../platform.ts'
import { createMockDispatcher, type MockDispatcherOptions } from '../dispatcher/mock-dispatcher.ts'
import type { RequestContext } from '../types.ts'
import { createClock, type Clock } from './clock.ts'
import { createRandom } from './random.ts'
import { chainHooks, createPageState } from './page-state.ts'
import { unknownIdError } from '../catalogue/unknown-id.ts'
import { storeLimits } from '../../../model/limits.ts'

/** A lane id: what `X-Mock-Lane`, `<id>.localhost`, `__lane` and the lane cookie may name. */
export const LANE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/

/** LANE_ID in words, for every message that refuses an id. */
export const LANE_ID_RULE = '1 to 63 characters, lowercase letters, digits and "-", starting with a letter or digit'

/** The lane of a user who never names one. */
export const DEFAULT_LANE = 'default'

/** The cookie that keeps a browser in a lane (set by `GET /__mock/lanes/<id>/enter`). */
export const LANE_COOKIE = 'logout-mocks-lane'

/**
 * The lane cookie's `Set-Cookie` line (HttpOnly, SameSite=Lax, the whole origin); entering `default` clears it.
 * @example
 * laneCookie('w3') // 'logout-mocks-lane=w3; Path=/; HttpOnly; SameSite=Lax'
 */
export function laneCookie(id: string): string {
  return id === DEFAULT_LANE ? `${LANE_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` : `${LANE_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`
}

/** The mocks of one lane, with what the pipeline reads of it. */
export interface Lane extends LogoutMocks {
  /** @internal the lane's state as the operation pipeline reads it. */
  readonly runtime: LaneRuntime
}

function createLaneClock(platform: Platform): Clock {
  try {
    return createClock(platform.options.clock)
  } catch (e) {
    // A start that is no date, or out of range: the option's problem, said as one.
    throw new OptionsError(`clock: ${e instanceof Error ? e.message : String(e)}`)
  }
}

/**
 * Creates a lane over a platform, its fixtures loading (`ready` resolves once they have).
 * @example
 * const lane = createLane(createPlatform(registry), 'w3')
 * await lane.ready
 * setupServer(...lane.handlers)
 */
export function createLane(platform: Platform, id: string): Lane {
  const { options, index, runtimes } = platform
  const clock = createLaneClock(platform)
  const limits = storeLimits(clock, options.limits)
  // A page that persists its state replays it with the same seed, so the tokens it hands out again are the same.
  const page = createPageState({ mode: options.persist, options, seed: options.seed, clock })
  const random = createRandom(page?.seed ?? options.seed)
  const journal = createJournal(options.journalSize ?? 1000, options.journalBodyBytes ?? 2048)
  const coverage = createCoverage(index)
  const scenarios = createScenarioStore()
  const cookies = createCookieJar({ mode: options.cookies, clock })
  const hooks = chainHooks(page?.hooks, cookieJarHooks(cookies))

  // Each provider's model is built from its fixtures on first use, so a lane costs what it is used for. A reset
  // forgets them all (the next use builds them afresh); `generation` keeps a build started before a reset out.
  const states = new Map<string, unknown>()
  const building = new Map<string, Promise<void>>()
  let generation = 0
  const build = (rt: OperationRuntime): Promise<void> => {
    const id = rt.provider.id
    let pending = building.get(id)
    if (!pending) {
      const started = generation
      pending = Promise.resolve(rt.provider.createState({ config: rt.config, clock, random, baseUrl: rt.baseUrl, limits })).then(
        (state) => {
          if (started !== generation) return
          states.set(id, state)
          building.delete(id)
        },
        (e: unknown) => {
          if (started === generation) building.delete(id)
          throw e
        },
      )
      building.set(id, pending)
    }
    return pending
  }
  const loaded = async (rt: OperationRuntime) => {
    while (!states.has(rt.provider.id)) await build(rt)
  }
  // A page's saved state (state/page-state.ts) is replayed once every model is built; the app's requests wait for it,
  // the replay's own do not.
  let restoring: Promise<void> | undefined
  let replaying = false
  const ready = (providerId: string): Promise<void> | undefined => {
    if (restoring && !replaying) return restoring.then(() => ready(providerId))
    if (states.has(providerId)) return undefined
    const rt = platform.runtime(providerId)
    return rt && loaded(rt)
  }
  const all = () => Promise.all(runtimes.map(loaded)).then(() => undefined)

  const runtime = (providerId: string) => {
    const rt = platform.runtime(providerId)
    if (!rt) throw unknownIdError(index, 'provider', providerId)
    return rt
  }
  const syntheticContext = (rt: OperationRuntime): RequestContext => ({
    request: new Request(rt.baseUrl),
    url: new URL(rt.baseUrl),
    params: {},
    state: states.get(rt.provider.id),
    config: rt.config,
    clock,
    random,
    clientIp: '127.0.0.1',
    baseUrl: rt.baseUrl,
    forced: false,
  })

  const laneRuntime: LaneRuntime = { id, state: (providerId) => states.get(providerId), ready, journal, coverage, scenarios, clock, random, hooks }
  let handlers: HttpHandler[] | undefined
  const dispatch: LogoutMocks['dispatch'] = (request, url, socketIp) => platform.table.dispatch(request, url, socketIp, laneRuntime)
  if (page) {
    restoring = (async () => {
      await all()
      replaying = true
      try {
        await page.replay({
          request: (request) => dispatch(request, new URL(request.url), undefined),
          session: async (provider, user) => {
            const rt = runtime(provider)
            return rt.provider.createSession?.(syntheticContext(rt), user)
          },
          action: async (provider, name, input) => {
            const rt = runtime(provider)
            const actions = rt.provider.actions ?? {}
            return Object.hasOwn(actions, name) ? actions[name]!(states.get(provider), input, syntheticContext(rt)) : undefined
          },
        })
      } finally {
        replaying = false
        restoring = undefined
      }
    })()
  }
  return {
    lane: id,
    runtime: laneRuntime,
    get handlers() {
      return (handlers ??= platform.table.handlers(laneRuntime))
    },
    get ready() {
      return restoring ? restoring.then(all) : all()
    },
    async reset() {
      generation++
      states.clear()
      building.clear()
      clock.reset()
      random.reset()
      journal.clear()
      coverage.clear()
      limits.evictions?.clear()
      scenarios.clear()
      cookies.clear()
      page?.clear()
      await all()
    },
    scenarios: {
      add(input) {
        const problems = checkSchema(ScenarioSchema, input, SCENARIO_VALIDATOR)
        if (problems.length > 0) {
          const message = problems.map((p) => describeProblem(p, (path) => (path.length > 0 ? path.join('.') : 'scenario'), 'field')).join('; ')
          // As forcing's own fault error does, a wrong fault lists the faults there are.
          throw new ControlError(message, 400, { problems, ...(problems.some((p) => p.path[0] === 'fault') ? { validFaults: FAULTS } : {}) })
        }
        let operation = input.operation
        if (input.behaviour !== undefined) {
          const b = index.behaviour(input.behaviour)
          if (!b) throw unknownIdError(index, 'behaviour', input.behaviour)
          if (b.forceable === false) throw new ControlError(`behaviour "${input.behaviour}" cannot be forced`)
          const opKey = `${index.providerOf(b.id)!.id}.${b.operation}`
          if (operation !== undefined && operation !== opKey) throw new ControlError(`behaviour "${b.id}" belongs to ${opKey}, not ${operation}`)
          operation = opKey
        }
        if (operation === undefined) throw new ControlError('a scenario needs "behaviour" (or "operation" with "delayMs"/"fault")')
        const [p, ...rest] = operation.split('.')
        if (!index.operation(p, rest.join('.'))) throw unknownIdError(index, 'operation', operation)
        if (input.behaviour === undefined && input.delayMs === undefined && input.fault === undefined) {
          throw new ControlError('a scenario without "behaviour" needs "delayMs" or "fault"')
        }
        return scenarios.add({ operation, behaviour: input.behaviour, times: input.times, delayMs: input.delayMs, fault: input.fault })
      },
      list: () => scenarios.list(),
      remove: (scenarioId) => scenarios.remove(scenarioId),
      clear: () => scenarios.clear(),
    },
    clock,
    cookies: { mode: cookies.mode, list: () => cookies.list() },
    journal,
    coverage: () => coverage.report(),
    state() {
      const out: Record<string, unknown> = {}
      for (const rt of runtimes) {
        const state = states.get(rt.provider.id)
        out[rt.provider.id] = state === undefined ? null : rt.provider.snapshot(state, clock)
      }
      // Live records a store dropped at its cap (count or bytes) since the last reset, by store.
      out.evicted = Object.fromEntries(limits.evictions ?? [])
      return out
    },
    liveSessions() {
      let n = 0
      for (const rt of runtimes) {
        const state = states.get(rt.provider.id)
        if (state !== undefined && rt.provider.liveSessions) n += rt.provider.liveSessions(state, clock.now(), rt.config)
      }
      return n
    },
    sessions: {
      async create({ provider, user }) {
        const rt = runtime(provider)
        await loaded(rt)
        if (!rt.provider.createSession) throw new ControlError(`${provider} cannot create sessions`)
        const at = clock.now()
        const credentials = await rt.provider.createSession(syntheticContext(rt), user)
        page?.record({ kind: 'session', at, provider, user })
        return credentials
      },
    },
    async action(provider, name, input = {}) {
      const rt = runtime(provider)
      await loaded(rt)
      // Only declared actions: a name like `constructor` or `__proto__` must not reach Object.prototype.
      const actions = rt.provider.actions ?? {}
      const action = Object.hasOwn(actions, name) ? actions[name] : undefined
      if (typeof action !== 'function') throw new ControlError(`${provider} has no action "${name}" (valid: ${Object.keys(rt.provider.actions ?? {}).join(', ')})`, 404, { validActions: Object.keys(rt.provider.actions ?? {}) })
      const at = clock.now()
      const result = await action(states.get(rt.provider.id), input, syntheticContext(rt))
      page?.record({ kind: 'action', at, provider, name, input })
      return result
    },
    catalogue: index,
    providers: platform.providers,
    dispatch,
    // An undici Dispatcher at run time; its precise type comes with logout-mocks/dispatcher (handlers/dispatcher.ts).
    dispatcher: ((o?: MockDispatcherOptions) => createMockDispatcher(dispatch, runtimes.map((rt) => rt.baseUrl), o)) as LogoutMocks['dispatcher'],
  }
}
