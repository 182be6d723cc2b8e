/**
 * Data endpoints of a project (the endpoints and secure-endpoints pages): `GET` lists the endpoint's records, `POST`
 * without flag creates one. On a secure endpoint both need a live access token (cookie or `Authorization`), unless a
 * valid `masterKey` overrides the token requirement — a logged-out token is refused here too (401, an assumption:
 * docs/providers/rested.md#data-endpoints).
 */
import type { Outcome } from '../platform/types.ts'
import { authenticate } from './auth.ts'
import { bodyBehaviours, errorBehaviour, gateBehaviours, type RestedBehaviour } from './behaviours.ts'
import { assumed, documented } from './sources.ts'
import { MAX_STORED_BODY_BYTES, readJsonObject } from './body.ts'
import { passGate, type Ctx, type Refusal } from './gate.ts'
import type { RestedRecord } from './model.ts'
import { restedJson } from './responses.ts'

type Op = 'secureRead' | 'secureCreate'

/** Gate, then the token requirement of secure endpoints. */
function authorize(ctx: Ctx, op: Op): Refusal | { ok: true; endpointKey: string } {
  const gate = passGate(ctx, op, 'data')
  if (!gate.ok) return gate
  if (gate.endpoint.secure && !gate.master && authenticate(ctx, gate.project).kind === 'none') return { ok: false, outcome: { behaviour: `rested.${op}.unauthenticated` } }
  return { ok: true, endpointKey: gate.endpoint.key }
}

type PublicRecord = { uniqueId: string; data: Record<string, unknown>; createdAt: string; updatedAt: string }

const iso = (ms: number) => new Date(ms).toISOString()
const publicRecord = (r: Pick<RestedRecord, 'uniqueId' | 'data' | 'createdAt' | 'updatedAt'>): PublicRecord => ({ uniqueId: r.uniqueId, data: r.data, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })

/** The record of forced responses: the default project's fixture note, stamped with the current time. */
const representativeRecord = (ctx: Ctx): PublicRecord => {
  const now = ctx.clock.now()
  return publicRecord({ uniqueId: '00000000000000010000000000000064', data: { title: 'Examples secret note' }, createdAt: now, updatedAt: now })
}

/**
 * `GET …/{endpoint}?key=…`: the endpoint's records.
 * @example
 * runSecureRead(ctx) // { behaviour: 'rested.secureRead.success', detail: [records] }
 */
export function runSecureRead(ctx: Ctx): Outcome {
  const auth = authorize(ctx, 'secureRead')
  if (!auth.ok) return auth.outcome
  return { behaviour: 'rested.secureRead.success', detail: ctx.state.records.find((r) => r.endpointKey === auth.endpointKey).map(publicRecord) }
}

/**
 * `POST …/{endpoint}?key=…` on a data endpoint: creates a record from the JSON body.
 * @example
 * await runSecureCreate(ctx) // { behaviour: 'rested.secureCreate.success', detail: record }
 */
export async function runSecureCreate(ctx: Ctx): Promise<Outcome> {
  const auth = authorize(ctx, 'secureCreate')
  if (!auth.ok) return auth.outcome
  const body = await readJsonObject(ctx, 'secureCreate', MAX_STORED_BODY_BYTES)
  if (!body.ok) return body.outcome
  const now = ctx.clock.now()
  const record = await ctx.state.records.create({ uniqueId: ctx.random.hex(32), endpointKey: auth.endpointKey, data: body.value, createdAt: now, updatedAt: now })
  return { behaviour: 'rested.secureCreate.success', detail: publicRecord(record) }
}

function unauthenticated(op: Op): RestedBehaviour {
  return errorBehaviour({
    operation: op,
    name: 'unauthenticated',
    status: 401,
    title: '401 no usable access token on a secure endpoint',
    trigger: 'secure endpoint without masterKey and with no, unknown, expired or revoked (logged-out) token',
    source: assumed('data-endpoints'),
    primary: true,
  })
}

export const secureReadBehaviours: RestedBehaviour[] = [
  {
    id: 'rested.secureRead.success',
    operation: 'secureRead',
    status: 200,
    title: "The endpoint's records: {data: [{uniqueId, data, createdAt, updatedAt}]}",
    trigger: 'GET on a data endpoint: public, or secure with a live token or a valid masterKey',
    source: assumed('data-endpoints'),
    contentType: 'application/json',
    schema: 'recordList',
    primary: true,
    respond: (ctx, raw) => restedJson(ctx, 200, { data: (raw as PublicRecord[] | undefined) ?? [representativeRecord(ctx)] }),
  },
  ...gateBehaviours('secureRead', 'secureEndpoints'),
  unauthenticated('secureRead'),
]

export const secureCreateBehaviours: RestedBehaviour[] = [
  {
    id: 'rested.secureCreate.success',
    operation: 'secureCreate',
    status: 200,
    title: 'Record created: {uniqueId, data, createdAt, updatedAt}',
    trigger: 'POST without flag on a data endpoint (secure: with a live token or a valid masterKey) with a JSON object body',
    source: documented('crudCreate', [{ what: 'status 200 and createdAt/updatedAt as on the auth pages (docs/providers/rested.md#data-endpoints)' }]),
    contentType: 'application/json',
    schema: 'record',
    primary: true,
    respond: (ctx, raw) => restedJson(ctx, 200, (raw as PublicRecord | undefined) ?? representativeRecord(ctx)),
  },
  ...gateBehaviours('secureCreate', 'crudCreate'),
  unauthenticated('secureCreate'),
  ...bodyBehaviours('secureCreate', 'crudCreate', assumed('data-endpoints')),
]
