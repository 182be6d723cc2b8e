/**
 * Facts about a request that the HTTP transport knows and the handlers need (or the other way round), carried beside
 * the `Request` object: the socket's client IP going in, the provider, behaviour and fault coming out. msw passes the
 * very same `Request` object to a resolver, so a WeakMap keyed by it is enough and leaks nothing.
 */
export interface RequestMeta {
  /** Set by the standalone server from the socket. */
  clientIp?: string
  /** Set by the operation handler. */
  provider?: string
  behaviour?: string
  fault?: string
}

export interface RequestMetaStore {
  get(request: Request): RequestMeta
  set(request: Request, meta: Partial<RequestMeta>): void
}

/**
 * @example
 * const meta = createRequestMeta()
 * meta.set(request, { clientIp: '10.0.0.7' })
 * meta.get(request).clientIp // '10.0.0.7'
 */
export function createRequestMeta(): RequestMetaStore {
  const map = new WeakMap<Request, RequestMeta>()
  return {
    get: (request) => map.get(request) ?? {},
    set(request, meta) {
      const existing = map.get(request)
      if (existing) Object.assign(existing, meta)
      else map.set(request, { ...meta })
    },
  }
}
