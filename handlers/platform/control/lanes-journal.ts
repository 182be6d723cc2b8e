/**
 * Every lane's journal as one (`GET /__mock/requests?lanes=all` and its stream): entries in time order, each with
 * its `lane`. Sequence numbers stay per lane, so `since` reads best as an ISO time here.
 */
import type { LaneRegistry } from '../state/lanes.ts'
import type { Journal, JournalEntry } from './journal.ts'

/** What the journal views and the stream read of a journal. */
export type JournalView = Pick<Journal, 'list' | 'subscribe'>

/** One view per registry: the live stream bounds its clients per journal view, so every `lanes=all` stream counts in one. */
const views = new WeakMap<LaneRegistry, JournalView>()

/**
 * The journals of all lanes, present and future, read as one (the same view for the same registry).
 * @example
 * const all = lanesJournal(lanes)
 * all.list({ status: '4xx' }) // every lane's 4xx, oldest first, each with its lane
 */
export function lanesJournal(lanes: LaneRegistry): JournalView {
  let view = views.get(lanes)
  if (!view) views.set(lanes, (view = mergedView(lanes)))
  return view
}

function mergedView(lanes: LaneRegistry): JournalView {
  return {
    list(filter = {}) {
      const { limit, ...rest } = filter
      const merged: JournalEntry[] = lanes.lanes().flatMap((lane) => lane.journal.list(rest))
      merged.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      return limit !== undefined ? merged.slice(Math.max(0, merged.length - limit)) : merged
    },
    subscribe(listener, filter) {
      const stops = lanes.lanes().map((lane) => lane.journal.subscribe(listener, filter))
      const stopCreated = lanes.onCreate((lane) => stops.push(lane.journal.subscribe(listener, filter)))
      return () => {
        stopCreated()
        for (const stop of stops) stop()
      }
    },
  }
}
