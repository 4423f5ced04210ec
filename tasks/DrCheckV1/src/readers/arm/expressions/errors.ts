/**
 * Errors of the ARM expression language. `ExpressionError` is what callers see: a message and the
 * 0-based offset inside the expression text. `FunctionError` is thrown by library functions for bad
 * arguments; the evaluator turns it into an ExpressionError at the call, prefixed with the function name.
 */

export class ExpressionError extends Error {
  constructor(
    message: string,
    /** 0-based offset inside the expression text the error refers to. */
    readonly offset: number,
    /** The issue code a reader reports it under, when not a plain expression error (`copy-limit`). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** A library function rejected its arguments (wrong type, out of range…). */
export class FunctionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionError';
  }
}

/** Shorthand for library functions: `return fail('…')` keeps type narrowing. */
export function fail(message: string): never {
  throw new FunctionError(message);
}
