/**
 * CORS preflight: `OPTIONS …/{endpoint}?key=…` (inferred: docs/providers/rested.md#cors). The same project checks as any call
 * (rows 1–4, so the project's allowed-origins rule decides); an allowed origin gets 204 with the echoed origin,
 * credentials, methods and the headers the browser asked for. A disallowed origin gets the row-3 403 with no CORS
 * allow headers, so the browser blocks the actual request (DECISION: a 403 rather than a header-less 204, so QA sees why in the network panel).
 */
import { createResponse } from '../platform/http/response.ts'
import type { Outcome } from '../platform/types.ts'
import { gateBehaviours, type RestedBehaviour } from './behaviours.ts'
import { assumed } from './sources.ts'
import { preflightHeaders } from './cors.ts'
import { checkGate, type Ctx } from './gate.ts'

/**
 * The natural logic of a preflight.
 * @example
 * runPreflight(ctx) // { behaviour: 'rested.preflight.allowed' }
 */
export function runPreflight(ctx: Ctx): Outcome {
  const gate = checkGate(ctx, 'any')
  return { behaviour: gate.ok ? 'rested.preflight.allowed' : `rested.preflight.${gate.failure}` }
}

export const preflightBehaviours: RestedBehaviour[] = [
  {
    id: 'rested.preflight.allowed',
    operation: 'preflight',
    status: 204,
    title: 'Preflight accepted: echoed origin, credentials, GET/POST/OPTIONS, the requested headers (default Authorization, Content-Type, Prefer)',
    trigger: 'OPTIONS with a valid key and endpoint from an origin the project allows (or with a valid masterKey)',
    source: assumed('cors'),
    contentType: null,
    primary: true,
    respond: (ctx) => createResponse(null, { status: 204, headers: preflightHeaders(ctx) }),
  },
  ...gateBehaviours('preflight', 'projects'),
]
