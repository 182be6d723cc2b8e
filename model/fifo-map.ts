/**
 * A Map that hands out its oldest entries cheaply. A plain Map iterates in insertion order, but an iterator started
 * at its front walks every slot earlier deletions left there, so "drop the oldest" on a store that stays at its cap
 * costs more the bigger the cap (measured: 12.8 µs per insert at 100,000 records, 4.8 µs at 10,000). Here the
 * insertion order is also kept in an array with a moving head: the oldest entry is found in amortised O(1).
 *
 * Setting a key that is present keeps its place, as in a Map; a key deleted and set again goes to the back.
 */
export class FifoMap<K, V> {
  /** The values, as a plain Map: a lookup costs what a Map's does. */
  readonly #values = new Map<K, V>()
  /** Each live key's sequence number, to tell its slot in the order from a stale one of an earlier life. */
  readonly #seqs = new Map<K, number>()
  /** Insertion order: keys and the sequence number each had when pushed (two arrays, no object per entry). */
  #keys: K[] = []
  #slotSeqs: number[] = []
  #head = 0
  #seq = 0

  get size(): number {
    return this.#values.size
  }

  /** @internal Slots the order holds (live and stale), for the test that it stays bounded. */
  get slotCount(): number {
    return this.#keys.length - this.#head
  }

  get(key: K): V | undefined {
    return this.#values.get(key)
  }

  has(key: K): boolean {
    return this.#values.has(key)
  }

  set(key: K, value: V): this {
    if (!this.#values.has(key)) {
      const seq = this.#seq++
      this.#seqs.set(key, seq)
      this.#keys.push(key)
      this.#slotSeqs.push(seq)
      // Deleted keys leave slots behind the head's reach: rebuild the order once they outnumber the live ones.
      if (this.#keys.length - this.#head > 2 * this.#values.size + 1024) this.#compact()
    }
    this.#values.set(key, value)
    return this
  }

  delete(key: K): boolean {
    this.#seqs.delete(key)
    return this.#values.delete(key)
  }

  clear(): void {
    this.#values.clear()
    this.#seqs.clear()
    this.#keys = []
    this.#slotSeqs = []
    this.#head = 0
  }

  /** The live entries from the oldest, without removing them (for a caller that passes over some). */
  *oldestFirst(): Generator<[K, V]> {
    this.#skipStale()
    for (let i = this.#head; i < this.#keys.length; i++) {
      const key = this.#keys[i]
      if (this.#seqs.get(key) === this.#slotSeqs[i]) yield [key, this.#values.get(key)!]
    }
  }

  /** The oldest live entry, or undefined when empty. */
  oldest(): [K, V] | undefined {
    this.#skipStale()
    if (this.#head >= this.#keys.length) return undefined
    const key = this.#keys[this.#head]
    return [key, this.#values.get(key)!]
  }

  /** Removes and returns the oldest live entry. */
  shift(): [K, V] | undefined {
    const first = this.oldest()
    if (first) {
      this.delete(first[0])
      this.#head++
    }
    return first
  }

  /** The values in insertion order, as a Map's `values()` (live: entries set or deleted meanwhile are seen so). */
  values(): MapIterator<V> {
    return this.#values.values()
  }

  /** Moves the head past slots whose key was deleted or set again since. */
  #skipStale(): void {
    while (this.#head < this.#keys.length && this.#seqs.get(this.#keys[this.#head]) !== this.#slotSeqs[this.#head]) this.#head++
    if (this.#head > 1024 && this.#head * 2 > this.#keys.length) {
      this.#keys = this.#keys.slice(this.#head)
      this.#slotSeqs = this.#slotSeqs.slice(this.#head)
      this.#head = 0
    }
  }

  #compact(): void {
    // The Map iterates in insertion order, which is the order of the sequence numbers.
    this.#keys = [...this.#seqs.keys()]
    this.#slotSeqs = [...this.#seqs.values()]
    this.#head = 0
  }
}
