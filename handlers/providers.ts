/**
 * The registered providers. Adding a provider = one folder under handlers/ and one line here.
 */
import type { AnyProvider } from './platform/types.ts'
import { dreadnode } from './dreadnode/index.ts'
import { webmixhub } from './webmixhub/index.ts'
import { rested } from './rested/index.ts'
import { kratos } from './kratos/index.ts'

export const registry: readonly AnyProvider[] = [dreadnode, webmixhub, rested, kratos]
