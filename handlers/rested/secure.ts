/**
 * Data endpoints of a project (contracts/rested.md: "other endpoints of a project can be secure"): `GET` lists the
 * endpoint's records, `POST` without flag creates one. On a secure endpoint both need a live access token (cookie or
 * `Authorization`), unless a valid `masterKey` overrides the token requirement — this is where a logged-out token
 * is shown rejected (401, ASSUMPTION).
 */
import type { Outcome } from '../platform/types.ts'
import { authenticate } from './auth.ts'
import { assumed, bodyBehaviours, documented, errorBehaviour, gateBehaviours, type RestedBehaviour } from './behaviours.ts'
import { readJsonObject } from './body.ts'
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

const publicRecord = (r: RestedRecord) => ({ uniqueId: r.uniqueId, data: r.data })
const REPRESENTATIVE_RECORD = { uniqueId: '00000000000000010000000000000064', data: { title: 'Examples secret note' } }

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
  const body = await readJsonObject(ctx, 'secureCreate')
  if (!body.ok) return body.outcome
  const record = await ctx.state.records.create({ uniqueId: ctx.random.hex(32), endpointKey: auth.endpointKey, data: body.value })
  return { behaviour: 'rested.secureCreate.success', detail: publicRecord(record) }
}

function unauthenticated(op: Op): RestedBehaviour {
  return errorBehaviour({
    operation: op,
    name: 'unauthenticated',
    status: 401,
    title: '401 no usable access token on a secure endpoint',
    trigger: 'secure endpoint without masterKey and with no, unknown, expired or revoked (logged-out) token',
    source: assumed('a secure endpoint refuses a missing or revoked token with 401 {message}'),
    primary: true,
  })
}

export const secureReadBehaviours: RestedBehaviour[] = [
  {
    id: 'rested.secureRead.success',
    operation: 'secureRead',
    status: 200,
    title: "The endpoint's records: {data: [{uniqueId, data}]}",
    trigger: 'GET on a data endpoint: public, or secure with a live token or a valid masterKey',
    source: assumed('list shape {data: [{uniqueId, data}]} (secure-endpoints page: only authenticated users on secure endpoints)'),
    contentType: 'application/json',
    schema: 'recordList',
    primary: true,
    respond: (ctx, raw) => restedJson(ctx, 200, { data: (raw as ReturnType<typeof publicRecord>[] | undefined) ?? [REPRESENTATIVE_RECORD] }),
  },
  ...gateBehaviours('secureRead'),
  unauthenticated('secureRead'),
]

export const secureCreateBehaviours: RestedBehaviour[] = [
  {
    id: 'rested.secureCreate.success',
    operation: 'secureCreate',
    status: 200,
    title: 'Record created: {uniqueId, data}',
    trigger: 'POST without flag on a data endpoint (secure: with a live token or a valid masterKey) with a JSON object body',
    source: documented('crud-create (read for the contract): { uniqueId, data }', [{ what: 'status 200' }]),
    contentType: 'application/json',
    schema: 'record',
    primary: true,
    respond: (ctx, raw) => restedJson(ctx, 200, (raw as ReturnType<typeof publicRecord> | undefined) ?? REPRESENTATIVE_RECORD),
  },
  ...gateBehaviours('secureCreate'),
  unauthenticated('secureCreate'),
  ...bodyBehaviours('secureCreate', 'crud-create'),
]
