/**
 * The JSON Schema of an instance's own options (`createLogoutMocks({ journalSize, seed, clock, limits, … })`): one
 * declaration for every way they are given. The instance checks them with it (through a precompiled validator, so a
 * page under a strict CSP can pass them); the config file's schema and the CLI's flag ranges take their fields from
 * here. Which providers `only` and `providers` may name depends on the registry, so those two are checked by the
 * instance against it.
 */
import { Type } from 'typebox'

export const JournalSizeSchema = Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Journal capacity, in requests.' })
export const JournalBodyBytesSchema = Type.Integer({ minimum: 0, maximum: 1_048_576, description: 'Bytes of each body the journal keeps.' })
export const SeedSchema = Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1, description: 'Seed for ids and tokens.' })
export const MaxRecordsSchema = Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'Cap of each store that grows with traffic.' })
export const KeepExpiredMsSchema = Type.Integer({ minimum: 0, maximum: 8.64e15, description: 'How long an expired record is still known as expired.' })

export const PlatformOptionsSchema = Type.Object(
  {
    only: Type.Optional(Type.Unknown()),
    origin: Type.Optional(Type.String({ format: 'uri', description: 'One origin for every provider (the standalone server).' })),
    providers: Type.Optional(Type.Unknown()),
    journalSize: Type.Optional(JournalSizeSchema),
    journalBodyBytes: Type.Optional(JournalBodyBytesSchema),
    seed: Type.Optional(SeedSchema),
    clock: Type.Optional(Type.Object({ start: Type.Optional(Type.Union([Type.Number(), Type.String()])), frozen: Type.Optional(Type.Boolean()) }, { additionalProperties: false })),
    limits: Type.Optional(Type.Object({ maxRecords: Type.Optional(MaxRecordsSchema), keepExpiredMs: Type.Optional(KeepExpiredMsSchema) }, { additionalProperties: false })),
    cookies: Type.Optional(Type.Enum(['jar', 'off'])),
    persist: Type.Optional(Type.Enum(['session', 'local', 'off'])),
  },
  { additionalProperties: false },
)

/** The name of PlatformOptionsSchema's precompiled validator (scripts/build-validators.ts). */
export const PLATFORM_OPTIONS_VALIDATOR = 'platformOptions'
