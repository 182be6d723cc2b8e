/**
 * A Map that hands out its oldest entries cheaply. A plain Map iterates in insertion order, but an iterator started
 * at its front walks every slot earlier deletions left there, so "drop the oldest" on a store that stays at its cap
 * costs more the bigger the cap (measured: 12.8 µs per insert at 100,000 records, 4.8 µs at 10,000). Here the
 * insertion order is also kept in an array with a moving head: the oldest entry is found in amortised O(1).
 *
 * Setting a key that is present keeps its place, as in a Map; a key deleted and set again goes to the back.
 */
export class FifoMap<K, V> {
  readonly #entries = new Map<K, { value: V; seq: number }>()
  /** Insertion order, with the sequence number each key had when it was pushed (a stale slot no longer matches). */
  #order: { key: K; seq: number }[] = []
  #head = 0
  #seq = 0

  get size(): number {
    return this.#entries.size
  }

  /** @internal Slots the order list holds (live and stale), for the test that it stays bounded. */
  get slotCount(): number {
    return this.#order.length - this.#head
  }

  get(key: K): V | undefined {
    return this.#entries.get(key)?.value
  }

  has(key: K): boolean {
    return this.#entries.has(key)
  }

  set(key: K, value: V): this {
    const present = this.#entries.get(key)
    if (present) {
      present.value = value
      return this
    }
    const seq = this.#seq++
    this.#entries.set(key, { value, seq })
    this.#order.push({ key, seq })
    // Deleted keys leave slots behind the head's reach: rebuild the order once they outnumber the live ones.
    if (this.#order.length - this.#head > 2 * this.#entries.size + 1024) this.#compact()
    return this
  }

  delete(key: K): boolean {
    return this.#entries.delete(key)
  }

  clear(): void {
    this.#entries.clear()
    this.#order = []
    this.#head = 0
  }

  /** The live entries from the oldest, without removing them (for a caller that passes over some). */
  *oldestFirst(): Generator<[K, V]> {
    this.#skipStale()
    for (let i = this.#head; i < this.#order.length; i++) {
      const slot = this.#order[i]
      const entry = this.#entries.get(slot.key)
      if (entry && entry.seq === slot.seq) yield [slot.key, entry.value]
    }
  }

  /** The oldest live entry, or undefined when empty. */
  oldest(): [K, V] | undefined {
    this.#skipStale()
    const slot = this.#order[this.#head]
    return slot ? [slot.key, this.#entries.get(slot.key)!.value] : undefined
  }

  /** Removes and returns the oldest live entry. */
  shift(): [K, V] | undefined {
    const first = this.oldest()
    if (first) {
      this.#entries.delete(first[0])
      this.#head++
    }
    return first
  }

  /** The values in insertion order, as a Map's `values()` (live: entries set or deleted meanwhile are seen so). */
  *values(): Generator<V> {
    for (const e of this.#entries.values()) yield e.value
  }

  /** Moves the head past slots whose key was deleted or set again since. */
  #skipStale(): void {
    while (this.#head < this.#order.length) {
      const slot = this.#order[this.#head]
      if (this.#entries.get(slot.key)?.seq === slot.seq) break
      this.#head++
    }
    if (this.#head > 1024 && this.#head * 2 > this.#order.length) {
      this.#order = this.#order.slice(this.#head)
      this.#head = 0
    }
  }

  #compact(): void {
    // The Map iterates in insertion order, which is the order of the sequence numbers.
    this.#order = [...this.#entries].map(([key, e]) => ({ key, seq: e.seq }))
    this.#head = 0
  }
}
