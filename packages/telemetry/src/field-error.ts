// The error the delta parsers throw internally: it names the offending field and becomes a ParseResult.

/** What a parser answers: the value, or the field (`payload.edges[0].key.responseCode`) and why. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Runs a parser, turning a FieldError into a refusal (any other error is a bug and propagates). */
export function parsing<T>(parse: () => T): ParseResult<T> {
  try {
    return { ok: true, value: parse() };
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, field: err.field, message: err.message };
    throw err;
  }
}
