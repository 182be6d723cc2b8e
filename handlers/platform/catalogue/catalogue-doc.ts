/**
 * The catalogue as a JSON document (`GET /__mock/catalogue`): providers, their options, operations and behaviours.
 */
import type { LogoutMocks } from '../instance.ts'

/**
 * @example
 * describeCatalogue(mocks).providers[0].operations[0].behaviours[0].id
 */
export function describeCatalogue(mocks: LogoutMocks) {
  return {
    providers: mocks.providers.map((info) => {
      const p = mocks.catalogue.provider(info.id)!
      return {
        id: p.id,
        title: p.title,
        docs: p.docs,
        baseUrl: info.baseUrl,
        options: p.options.docs.map((o) => ({ ...o, value: info.config[o.name] })),
        /** The JSON Schema of this provider's options (any subset of them), as `createLogoutMocks` and the CLI check them. */
        optionsSchema: p.options.inputSchema,
        operations: p.operations.map((op) => ({
          id: op.id,
          method: op.method,
          path: op.path,
          url: info.baseUrl + op.path,
          ...(op.aliases?.length ? { aliases: op.aliases } : {}),
          summary: op.summary,
          behaviours: mocks.catalogue.forOperation(p.id, op.id).map((b) => ({
            id: b.id,
            status: b.status,
            title: b.title,
            trigger: b.trigger,
            source: b.source,
            contentType: b.contentType,
            schema: b.schema ?? null,
            primary: b.primary ?? false,
            forceable: b.forceable !== false,
          })),
        })),
      }
    }),
  }
}
