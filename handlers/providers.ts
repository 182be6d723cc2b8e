/**
 * The registered providers. Adding a provider = one folder under handlers/ and one line here. A `const` tuple, so the
 * provider ids and config types stay literal and `createLogoutMocks` options are typed per provider.
 */
import type { AnyProvider } from './platform/types.ts'
import { dreadnode } from './dreadnode/index.ts'
import { webmixhub } from './webmixhub/index.ts'
import { rested } from './rested/index.ts'
import { kratos } from './kratos/index.ts'

const registered = [dreadnode, webmixhub, rested, kratos] as const

/** The registry's type: literal ids and config types, for typing `createLogoutMocks` options. */
export type Registry = typeof registered

/** The providers, for code that walks them generically. */
export const registry: readonly AnyProvider[] = registered
