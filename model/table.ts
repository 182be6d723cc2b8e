/**
 * A table: an `@msw/data` collection plus hash indexes on chosen fields, kept in step through the collection's
 * hooks. `@msw/data` queries scan every record, so hot lookups (token → session) go through an index and stay O(1)
 * however many sessions exist. Writes that must stay cheap at scale are modelled as inserts (e.g. a revocation is a
 * new record), because an `@msw/data` update or delete scans the collection.
 */
import { Collection } from '@msw/data'
import type { StandardSchemaV1 } from '@standard-schema/spec'

/** A Standard Schema that accepts any value of type T: records are built by our own code, validated by TypeScript. */
function trusted<T>(): StandardSchemaV1<T, T> {
  return { '~standard': { version: 1, vendor: 'logout-mocks', validate: (value) => ({ value: value as T }) } }
}

export interface Table<T extends object, K extends keyof T & string = never> {
  create(values: T): Promise<T>
  /** O(1) lookup through an index declared at creation. */
  get(field: K, value: T[K]): T | undefined
  /** Scans: for rare operations only (control API, snapshots). */
  find(predicate: (record: T) => boolean): T[]
  all(): T[]
  count(): number
  /** Replaces fields of a record (scans the collection: not for hot paths). */
  update(record: T, changes: (draft: T) => void): Promise<T>
  delete(record: T): void
}

/**
 * Creates a table with hash indexes on the given (unique) fields.
 * @example
 * const sessions = createTable<Session, 'token'>(['token'])
 * await sessions.create({ token: 'abc', userId: 'u1' })
 * sessions.get('token', 'abc') // the session, without scanning
 */
export function createTable<T extends object, K extends keyof T & string = never>(indexes: readonly K[] = []): Table<T, K> {
  const collection = new Collection({ schema: trusted<T>() })
  const maps = new Map<K, Map<unknown, T>>(indexes.map((f) => [f, new Map()]))
  const put = (record: T) => {
    for (const [field, map] of maps) map.set(record[field], record)
  }
  const drop = (record: T) => {
    for (const [field, map] of maps) if (map.get(record[field]) !== undefined) map.delete(record[field])
  }
  if (indexes.length > 0) {
    collection.hooks.on('create', (e) => put(e.data.record as T))
    collection.hooks.on('delete', (e) => drop(e.data.deletedRecord as T))
    collection.hooks.on('update', (e) => {
      drop(e.data.prevRecord as T)
      put(e.data.nextRecord as T)
    })
  }
  return {
    create: async (values) => (await collection.create(values)) as T,
    get: (field, value) => maps.get(field)?.get(value),
    find: (predicate) => (collection.all() as T[]).filter(predicate),
    all: () => collection.all() as T[],
    count: () => collection.count(),
    async update(record, changes) {
      return (await collection.update(record as never, { data: changes as never })) as T
    },
    delete(record) {
      collection.delete(record as never)
    },
  }
}
