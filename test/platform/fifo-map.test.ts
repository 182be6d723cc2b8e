/**
 * FifoMap: a Map's answers, plus its oldest entry in insertion order without walking deleted slots. Checked against
 * a plain Map used as the reference, through random operations.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { FifoMap } from '../../model/fifo-map.ts'

describe('FifoMap', () => {
  it('agrees with a Map (get, has, size, values in order) and its oldest is the Map\'s first, under any operations', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 30 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ kind: fc.constant('shift' as const) }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const ours = new FifoMap<number, number>()
        const ref = new Map<number, number>()
        for (const o of ops) {
          if (o.kind === 'set') {
            ours.set(o.key, o.value)
            ref.set(o.key, o.value)
          } else if (o.kind === 'delete') expect(ours.delete(o.key)).toBe(ref.delete(o.key))
          else {
            const first = [...ref][0]
            if (first) ref.delete(first[0])
            expect(ours.shift()).toEqual(first)
          }
          expect(ours.size).toBe(ref.size)
          expect(ours.oldest()).toEqual([...ref][0])
        }
        expect([...ours.oldestFirst()]).toEqual([...ref])
        expect([...ours.values()]).toEqual([...ref.values()])
        for (let k = 0; k <= 30; k++) expect([ours.has(k), ours.get(k)]).toEqual([ref.has(k), ref.get(k)])
      }),
      { numRuns: 300, seed: 13 },
    )
  })

  it('keeps its order list bounded when keys come and go without ever being the oldest', () => {
    const map = new FifoMap<string, number>()
    map.set('pinned', 0)
    for (let i = 0; i < 200_000; i++) {
      map.set(`k${i}`, i)
      map.delete(`k${i}`)
    }
    expect(map.size).toBe(1)
    expect(map.oldest()).toEqual(['pinned', 0])
    expect(map.slotCount).toBeLessThanOrEqual(2 * map.size + 1025)
    expect([...map.oldestFirst()]).toEqual([['pinned', 0]])
  })
})
