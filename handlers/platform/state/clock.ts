/**
 * The platform clock. Every time-dependent behaviour (token expiry, rate-limit windows, timestamps) reads it, so tests
 * and QA can cross an hour without waiting. It follows real time plus an offset, or stands still when frozen.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the mock sees it. */
  now(): number
  /** Moves the clock forward (or back, with a negative value). */
  advance(ms: number): void
  /** Sets the clock to an absolute time. */
  set(epochMs: number): void
  /** Back to the start time and offset this clock was created with. */
  reset(): void
  readonly frozen: boolean
  /** When the clock started: `start`, or the real time it was created at; what fixtures are stamped with. */
  readonly startedAt: number
}

/**
 * The times the clock may show: ISO 8601's four-digit years, 0000-01-01 to 9999-12-31 (UTC). A JavaScript Date holds
 * ±8.64e15 ms, but every expiry the providers compute is the clock plus a lifetime; staying within four-digit years
 * leaves room for any lifetime, so no `toISOString()` down the line throws "Invalid time value".
 */
export const CLOCK_RANGE = { min: Date.parse('0000-01-01T00:00:00.000Z'), max: Date.parse('9999-12-31T23:59:59.999Z') } as const

/**
 * Throws a RangeError unless `epochMs` is a time the clock may show (see CLOCK_RANGE).
 * @example
 * checkClockTime(Date.parse('2025-01-15T10:30:00Z')) // fine
 * checkClockTime(8.64e15) // RangeError
 */
function checkClockTime(epochMs: number, what = 'the clock'): void {
  if (!Number.isFinite(epochMs) || epochMs < CLOCK_RANGE.min || epochMs > CLOCK_RANGE.max) {
    throw new RangeError(
      `${what} must stay between ${new Date(CLOCK_RANGE.min).toISOString()} and ${new Date(CLOCK_RANGE.max).toISOString()} (epoch ms ${CLOCK_RANGE.min} to ${CLOCK_RANGE.max}), got ${epochMs}`,
    )
  }
}

export interface ClockOptions {
  /** Start time (epoch ms or ISO string). Default: real time. */
  start?: number | string
  /** When true the clock only moves through `advance`/`set`. Default false. */
  frozen?: boolean
}

/**
 * Creates a clock.
 * @example
 * const clock = createClock({ start: '2025-01-15T10:30:00.000Z', frozen: true })
 * clock.advance(3_600_000)
 * new Date(clock.now()).toISOString() // '2025-01-15T11:30:00.000Z'
 */
export function createClock(options: ClockOptions = {}): Clock {
  const frozen = options.frozen ?? false
  const start = options.start === undefined ? undefined : typeof options.start === 'number' ? options.start : Date.parse(options.start)
  if (start !== undefined && Number.isNaN(start)) throw new TypeError(`clock.start is not a valid date: ${String(options.start)}`)
  if (start !== undefined) checkClockTime(start, 'clock.start')
  const initialOffset = start === undefined ? 0 : start - Date.now()
  let offset = initialOffset
  const startedAt = start ?? Date.now()
  let frozenAt = startedAt
  const now = () => (frozen ? frozenAt : Date.now() + offset)
  return {
    frozen,
    startedAt,
    now,
    advance(ms) {
      if (!Number.isFinite(ms)) throw new TypeError('advance needs a finite number of milliseconds')
      checkClockTime(now() + ms)
      if (frozen) frozenAt += ms
      else offset += ms
    },
    set(epochMs) {
      if (!Number.isFinite(epochMs)) throw new TypeError('set needs a finite epoch in milliseconds')
      checkClockTime(epochMs)
      if (frozen) frozenAt = epochMs
      else offset = epochMs - Date.now()
    },
    reset() {
      offset = initialOffset
      frozenAt = start ?? Date.now()
    },
  }
}
