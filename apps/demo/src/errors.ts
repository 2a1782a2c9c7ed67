// The demo workloads' one closed error catalogue. Every code is documented in ../README.md
// (errors.test.ts fails when one is missing).

export const DEMO_ERRORS = {
  DEMO_ERR_INVALID_OPTION: 'An option is invalid',
  DEMO_ERR_LISTEN_FAILED: 'The server could not listen on the address',
} as const satisfies Record<string, string>;

export type DemoErrorCode = keyof typeof DEMO_ERRORS;

/** An expected failure with a stable code; `field` names the option at fault (`errorRate`, `listen`). */
export class DemoError extends Error {
  readonly code: DemoErrorCode;
  readonly field: string | undefined;

  constructor(code: DemoErrorCode, message: string, field?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DemoError';
    this.code = code;
    this.field = field;
  }
}

/** A `DEMO_ERR_INVALID_OPTION` whose message starts with the field name, as `errorRate: must be …`. */
export function invalidOption(field: string, problem: string): DemoError {
  return new DemoError('DEMO_ERR_INVALID_OPTION', `${field}: ${problem}`, field);
}
