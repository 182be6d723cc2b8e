/**
 * The error for options that are wrong: an unknown provider or option, or a value its schema does not allow. Thrown
 * by `createLogoutMocks` (and by the standalone server's CLI and config file), so callers can tell it from a crash:
 * the CLI prints its message as one line and exits 2.
 */
import type { SchemaProblem } from '../catalogue/schema-check.ts'

/** How a value reads in a message: JSON, shortened when long. */
function shown(value: unknown): string {
  const text = value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? String(value) : (JSON.stringify(value) ?? String(value))
  return text.length > 80 ? `${text.slice(0, 77)}…` : text
}

/**
 * One line for one problem; `where` names the place (`dreadnode.rateLimit`, `logout-mocks.config.json: /port`).
 * @example
 * describeProblem({ kind: 'invalid', path: ['rateLimit'], value: 'abc', expected: 'an integer ≥ 0' }, (p) => ['dreadnode', ...p].join('.'))
 * // 'dreadnode.rateLimit: "abc" is not allowed (expected an integer ≥ 0)'
 */
export function describeProblem(problem: SchemaProblem, where: (path: readonly string[]) => string, noun = 'option'): string {
  if (problem.kind === 'unknown') return `${where(problem.path)}: unknown ${noun} "${problem.key}" (known: ${problem.known.join(', ')})`
  return `${where(problem.path)}: ${shown(problem.value)} is not allowed (expected ${problem.expected})`
}

/**
 * @example
 * try {
 *   createLogoutMocks({ providers: { dreadnode: { rateLimit: -1 } } })
 * } catch (e) {
 *   if (e instanceof OptionsError) console.error(e.message) // dreadnode.rateLimit: -1 is not allowed (expected an integer ≥ 0)
 * }
 */
export class OptionsError extends TypeError {
  /** What is wrong, each with its JSON-pointer path (empty for a problem that is not about one value). */
  readonly problems: readonly SchemaProblem[]
  constructor(message: string, problems: readonly SchemaProblem[] = []) {
    super(message)
    this.name = 'OptionsError'
    this.problems = problems
  }
}
