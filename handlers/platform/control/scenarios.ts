/**
 * Sticky scenarios: forcing that applies to the next N requests of an operation (or until cleared), for UIs and
 * QA sessions that cannot set a `Prefer` header.
 */
import { Type } from 'typebox'
import { FAULTS, MAX_DELAY_MS, type Fault } from '../pipeline/forcing.ts'

/**
 * The shape of a scenario request, wherever it comes from (`POST /__mock/scenarios`, `mocks.scenarios.add`, the
 * config file's `scenarios`): the one schema all three are checked with. What only the catalogue can tell (the
 * behaviour exists, belongs to the operation, can be forced) is checked by the instance.
 */
export const ScenarioSchema = Type.Object(
  {
    behaviour: Type.Optional(Type.String({ minLength: 1, description: 'A behaviour id: its operation serves that behaviour.' })),
    operation: Type.Optional(Type.String({ minLength: 1, description: '<provider>.<operation>, for a pure delay or fault.' })),
    times: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'How many requests (null or omitted: until cleared).' })),
    delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_DELAY_MS })),
    fault: Type.Optional(Type.Enum([...FAULTS])),
  },
  { additionalProperties: false },
)

/** The name of ScenarioSchema's precompiled validator (scripts/build-validators.ts): `mocks.scenarios.add` runs in pages too. */
export const SCENARIO_VALIDATOR = 'scenarioInput'

export interface Scenario {
  readonly id: number
  /** `<provider>.<operation>` the scenario applies to. */
  readonly operation: string
  /** The behaviour to serve (absent for a pure delay/fault scenario). */
  readonly behaviour?: string
  readonly delayMs?: number
  readonly fault?: Fault
  /** Requests left; `null` = until cleared. */
  remaining: number | null
}

export interface ScenarioInput {
  operation: string
  behaviour?: string
  delayMs?: number
  fault?: Fault
  times?: number | null
}

export interface ScenarioStore {
  add(input: ScenarioInput): Scenario
  /** Takes the scenario for an operation, counting one use. */
  take(operation: string): Scenario | undefined
  list(): Scenario[]
  /** Removes one scenario by id; returns it, or undefined when there is none with that id. */
  remove(id: number): Scenario | undefined
  clear(): void
}

/**
 * Creates an empty scenario store.
 * @example
 * const store = createScenarioStore()
 * store.add({ operation: 'dreadnode.logout', behaviour: 'dreadnode.logout.rateLimited', times: 2 })
 * store.take('dreadnode.logout') // the scenario, 1 use left
 * store.remove(1) // the scenario, now gone
 */
export function createScenarioStore(): ScenarioStore {
  let scenarios: Scenario[] = []
  let nextId = 1
  return {
    add(input) {
      const times = input.times ?? null
      const scenario: Scenario = { id: nextId++, operation: input.operation, behaviour: input.behaviour, delayMs: input.delayMs, fault: input.fault, remaining: times }
      // A newer scenario for the same operation replaces the older one: the last instruction wins.
      scenarios = scenarios.filter((s) => s.operation !== input.operation)
      scenarios.push(scenario)
      return scenario
    },
    take(operation) {
      if (scenarios.length === 0) return undefined
      const s = scenarios.find((x) => x.operation === operation)
      if (!s) return undefined
      if (s.remaining !== null) {
        s.remaining -= 1
        if (s.remaining <= 0) scenarios = scenarios.filter((x) => x !== s)
      }
      return s
    },
    list: () => scenarios.map((s) => ({ ...s })),
    remove(id) {
      const s = scenarios.find((x) => x.id === id)
      if (s) scenarios = scenarios.filter((x) => x !== s)
      return s && { ...s }
    },
    clear() {
      scenarios = []
    },
  }
}
