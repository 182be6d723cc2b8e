/**
 * The error the control API answers with a 400 (or 404) problem: bad input to a control operation, in-process or over
 * HTTP. Providers throw it from `createSession` and `actions` for an unknown user and the like.
 */
export class ControlError extends Error {
  readonly status: number
  readonly extensions: Record<string, unknown>
  constructor(message: string, status = 400, extensions: Record<string, unknown> = {}) {
    super(message)
    this.status = status
    this.extensions = extensions
  }
}
