/**
 * Rested.dev's JSON Schemas, by the names its catalogue uses. `userRecord` and `recordList` refer to `userData` and
 * `record` by name (`"$ref": "record"`), as WebmixHub's do.
 */
import error from './error.json' with { type: 'json' }
import userData from './user-data.json' with { type: 'json' }
import userRecord from './user-record.json' with { type: 'json' }
import record from './record.json' with { type: 'json' }
import recordList from './record-list.json' with { type: 'json' }

export const restedSchemas = { error, userData, userRecord, record, recordList } as const
