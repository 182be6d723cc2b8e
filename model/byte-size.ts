/**
 * An estimate of the bytes a stored value holds: its strings' lengths plus a few bytes per number, boolean, key and
 * container, walked without recursion (a stored body is bounded in depth, but the walk need not rely on it). What the
 * byte budgets of the stores count: not the exact heap cost, a measure that grows with it.
 */

/**
 * The estimated size of a JSON-like value, in bytes.
 * @example
 * approximateBytes({ title: 'note' }) // 17: 'title' (5) + 'note' (4) + 8 for the object
 */
export function approximateBytes(value: unknown): number {
  let total = 0
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v === 'string') total += v.length
    else if (v === null || typeof v !== 'object') total += 8
    else if (Array.isArray(v)) {
      total += 8
      for (const item of v) stack.push(item)
    } else {
      total += 8
      for (const [key, item] of Object.entries(v)) {
        total += key.length
        stack.push(item)
      }
    }
  }
  return total
}
