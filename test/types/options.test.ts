/**
 * The options types as a strict consumer sees them: consumer.ts compiles under `strict`, `exactOptionalPropertyTypes`
 * and `noUncheckedIndexedAccess` with no diagnostic, so each of its `@ts-expect-error` lines is a real compile error.
 * (Only that file's diagnostics count: the library's own sources are checked by the project's tsc.)
 */
import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const CONSUMER = fileURLToPath(new URL('./consumer.ts', import.meta.url))
const IDS = fileURLToPath(new URL('./ids.ts', import.meta.url))

/** The diagnostics of one file compiled as a strict consumer, as `<line>: <message>`. */
function strictDiagnostics(path: string): { text: string[]; source: string } {
  const program = ts.createProgram([path], {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
  })
  const file = program.getSourceFile(path)!
  const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]
  return { text: diagnostics.map((d) => `${file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`), source: file.text }
}

describe('typed options in a strict consumer', () => {
  it('wrong values, unknown options and unknown providers are compile errors; correct options compile', () => {
    const { text, source } = strictDiagnostics(CONSUMER)
    expect(text).toEqual([])
    // The file really has the expectations (a deleted line would pass silently otherwise).
    expect(source.match(/^[\t ]*\/\/ @ts-expect-error /gm)).toHaveLength(10)
  }, 60_000)

  it('catalogue ids are literal unions: a misspelt behaviour, operation or provider id does not compile; Kratos credentials are typed', () => {
    const { text, source } = strictDiagnostics(IDS)
    expect(text).toEqual([])
    expect(source.match(/^[\t ]*\/\/ @ts-expect-error /gm)).toHaveLength(6)
  }, 60_000)
})
