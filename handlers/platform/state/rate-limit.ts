/**
 * A fixed-window rate limiter on the platform clock: `limit` requests per key per window, the window starting at the
 * key's first request. Windows sit in a Map in the order they opened, so the expired ones are always at its front:
 * each hit drops those (amortised O(1), never a scan of every key), and past `maxKeys` open windows the oldest goes.
 */
import { FifoMap } from '../../../model/fifo-map.ts'

export interface RateLimitVerdict {
  readonly allowed: boolean
  readonly limit: number
  /** Requests left in the current window after this one. */
  readonly remaining: number
  /** When the window ends, epoch ms. */
  readonly resetAt: number
  /** Whole seconds until the window ends (at least 1). */
  readonly retryAfter: number
}

export interface RateLimiter {
  /** Counts one request for `key` and says whether it is allowed. */
  hit(key: string, now: number): RateLimitVerdict
  /** The verdict a request would get, without counting it. */
  peek(key: string, now: number): RateLimitVerdict
  /** Keys with an open window: `{ key: count }`. */
  snapshot(now: number): Record<string, { count: number; resetAt: string }>
}

/**
 * @example
 * const limiter = createRateLimiter({ limit: 30, windowMs: 3_600_000 })
 * limiter.hit('203.0.113.9', clock.now()).allowed // true for the first 30 calls in the hour
 */
export function createRateLimiter(options: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const { limit, windowMs, maxKeys = 100_000 } = options
  const windows = new FifoMap<string, { start: number; count: number }>()
  const sweep = (now: number) => {
    for (let first = windows.oldest(); first; first = windows.oldest()) {
      if (now < first[1].start + windowMs && windows.size <= maxKeys) return
      windows.shift()
    }
  }
  const verdict = (count: number, start: number, now: number, counted: boolean): RateLimitVerdict => {
    const resetAt = start + windowMs
    return {
      allowed: counted ? count <= limit : count < limit,
      limit,
      remaining: Math.max(0, limit - count),
      resetAt,
      retryAfter: Math.max(1, Math.ceil((resetAt - now) / 1000)),
    }
  }
  const current = (key: string, now: number) => {
    const w = windows.get(key)
    return w && now < w.start + windowMs ? w : undefined
  }
  return {
    hit(key, now) {
      sweep(now)
      let w = current(key, now)
      if (!w) {
        // A new window goes to the back, keeping the Map ordered by window start (the clock may also move back:
        // then a window can stay until the ones before it expire, still bounded by maxKeys).
        windows.delete(key)
        windows.set(key, (w = { start: now, count: 0 }))
        sweep(now)
      }
      w.count++
      return verdict(w.count, w.start, now, true)
    },
    peek(key, now) {
      const w = current(key, now)
      return verdict(w?.count ?? 0, w?.start ?? now, now, false)
    },
    snapshot(now) {
      const out: Record<string, { count: number; resetAt: string }> = {}
      for (const [k, w] of windows.oldestFirst()) if (now < w.start + windowMs) out[k] = { count: w.count, resetAt: new Date(w.start + windowMs).toISOString() }
      return out
    },
  }
}
