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
  const initialOffset = start === undefined ? 0 : start - Date.now()
  let offset = initialOffset
  let frozenAt = start ?? Date.now()
  return {
    frozen,
    now: () => (frozen ? frozenAt : Date.now() + offset),
    advance(ms) {
      if (!Number.isFinite(ms)) throw new TypeError('advance needs a finite number of milliseconds')
      if (frozen) frozenAt += ms
      else offset += ms
    },
    set(epochMs) {
      if (!Number.isFinite(epochMs)) throw new TypeError('set needs a finite epoch in milliseconds')
      if (frozen) frozenAt = epochMs
      else offset = epochMs - Date.now()
    },
    reset() {
      offset = initialOffset
      frozenAt = start ?? Date.now()
    },
  }
}
