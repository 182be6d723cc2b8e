/**
 * The four return_to errors both logout routes report (x/redir/secure_redirect.go): not allowed (E4) or unparseable
 * (400 without id), each as JSON or as a browser 303 to the error UI. updateLogoutFlow reports them after the
 * session is revoked, so its forced responses carry the logout cookies too.
 */
import { browserError, documented, jsonError, type KratosBehaviour, type Route } from '../behaviours.ts'
import { KRATOS_REFS } from '../sources.ts'
import { returnToForbidden, returnToUnparseable } from './herodot.ts'
import type { KratosCtx } from '../session/session-auth.ts'

const forbiddenExample = () => returnToForbidden('https://evil.example')
const unparseableExample = () => returnToUnparseable('parse "%zz": invalid URL escape "%zz"')

interface ReturnToErrorsAt {
  readonly route: Route
  /** Whether the JSON E4 is the route's representative 400. */
  readonly primary: boolean
  /** For updateLogoutFlow: the Set-Cookies of the logout that already happened. */
  readonly afterLogout?: (ctx: KratosCtx) => readonly string[]
}

/**
 * @example
 * returnToErrors({ route, primary: true })
 */
export function returnToErrors(at: ReturnToErrorsAt): KratosBehaviour[] {
  const { route, afterLogout: forcedCookies } = at
  const when = forcedCookies ? 'valid logout' : 'active session'
  const after = forcedCookies ? ', already logged out (cookies cleared)' : ''
  return [
    jsonError({
      route,
      name: 'returnToForbidden',
      status: 400,
      title: `E4 400 self_service_flow_return_to_forbidden${after}`,
      trigger: `JSON client, ${when}, return_to outside allowedReturnUrls and <baseUrl>/self-service`,
      source: documented(KRATOS_REFS.returnToForbidden),
      example: forbiddenExample,
      forcedCookies,
      primary: at.primary,
    }),
    browserError({
      route,
      name: 'returnToForbiddenBrowser',
      title: `303 to the error UI with E4 stored${after}`,
      trigger: `browser, ${when}, return_to not allowed`,
      source: documented(KRATOS_REFS.forward),
      example: forbiddenExample,
      forcedCookies,
    }),
    jsonError({
      route,
      name: 'returnToUnparseable',
      status: 400,
      title: `400 (no id): return_to is not a URL Go can parse${after}`,
      trigger: `JSON client, ${when}, return_to such as %25zz (decodes to %zz) or with a control character`,
      source: documented(KRATOS_REFS.returnToUnparseable),
      example: unparseableExample,
      forcedCookies,
    }),
    browserError({
      route,
      name: 'returnToUnparseableBrowser',
      title: `303 to the error UI with the parse error stored${after}`,
      trigger: `browser, ${when}, unparseable return_to`,
      source: documented(KRATOS_REFS.forward),
      example: unparseableExample,
      forcedCookies,
    }),
  ]
}
