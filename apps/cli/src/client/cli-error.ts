// The client commands' errors: each becomes lines on stderr and an exit code, never a stack trace.
import type { ApiErrorDetails, FieldError, Finding } from '@shadowmesh/api';
import { formatFinding, sortFindings } from './findings.js';

/** An expected failure of a client command: printed as `error: <message>`, exit code 1 unless told. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, options?: { exitCode?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options?.exitCode ?? 1;
  }
}

/** The control plane answered with an error body `{ code, message, details }`. */
export class ApiError extends CliError {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetails;

  constructor(status: number, code: string, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The control plane could not be reached at all. */
export class ConnectionError extends CliError {
  constructor(server: string, reason: string, cause?: unknown) {
    super(`cannot reach the control plane at ${server}: ${reason}`, { cause });
    this.name = 'ConnectionError';
  }
}

/** Lines (without newlines) that describe an error for stderr. */
export function describeError(err: unknown): string[] {
  if (err instanceof ApiError) return describeApiError(err);
  if (err instanceof CliError) return [`error: ${err.message}`];
  // Anything else is a bug in the CLI; still one readable line (the stack only helps us, not the user).
  return [`error: ${err instanceof Error ? err.message : String(err)}`];
}

/** `spec.x: must be …`; a YAML syntax error or a whole-object error is the message alone. */
export function fieldText(f: FieldError): string {
  return f.field === '(yaml)' || f.field === '(root)' ? f.message : `${f.field}: ${f.message}`;
}

function describeApiError(err: ApiError): string[] {
  const lines = [`Error from server (${err.code}): ${err.message}`];
  const d = err.details;
  // Placed in the -f files (server-refusal.ts): the message says file:line:column, so no `at line` or `field:`.
  const placed = typeof d.file === 'string';
  if (Array.isArray(d.fields) && d.fields.length > 0) {
    for (const f of d.fields as Array<FieldError & { line?: number; column?: number; location?: unknown }>) {
      // Placed in the -f files (server-refusal.ts): `file:line:column: field: message`, as the local check prints.
      if (typeof f.location === 'string') {
        if (d.fields.length > 1) lines.push(`  ${f.location}: ${fieldText(f)}`);
        continue;
      }
      const at =
        typeof f.line === 'number'
          ? ` (line ${f.line}${typeof f.column === 'number' ? `, column ${f.column}` : ''})`
          : '';
      const text = `${f.field}: ${f.message}`;
      // The message usually quotes the first field already; repeat it only when there are several.
      if (d.fields.length > 1 || !err.message.includes(text)) lines.push(`  ${text}${at}`);
    }
  } else if (
    !placed &&
    typeof d.field === 'string' &&
    d.field &&
    !d.field.startsWith('headers.') &&
    !err.message.includes(d.field)
  ) {
    lines.push(`  field: ${d.field}`);
  }
  if (Array.isArray(d.findings)) {
    for (const f of sortFindings(d.findings as Finding[])) lines.push(`  ${formatFinding(f)}`);
  }
  if (
    typeof d.line === 'number' &&
    !placed &&
    !Array.isArray(d.fields) &&
    !err.message.includes(`line ${d.line}`)
  ) {
    lines.push(`  at line ${d.line}${typeof d.column === 'number' ? `, column ${d.column}` : ''}`);
  }
  return lines;
}
