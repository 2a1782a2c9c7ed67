// Server findings and validation errors as messages attached to fields of one object.
import type { FieldError, Finding } from '@shadowmesh/api';

export type MessageLevel = 'error' | 'warning' | 'info';

/** A validation error or analysis finding about one object. */
export interface FieldMessage {
  level: MessageLevel;
  message: string;
  /** Field path as the server reported it; absent for messages about the whole object. */
  field?: string;
  code?: string;
  /** 1-based line/column when the server knew them (YAML input). */
  line?: number;
  column?: number;
}

export interface ObjectIdentity {
  kind: string;
  namespace: string;
  name: string;
}

/** The findings about `object` (others are about other objects and are left out). */
export function findingMessages(findings: readonly Finding[], object: ObjectIdentity): FieldMessage[] {
  return findings
    .filter(
      (f) =>
        f.resource.kind === object.kind &&
        f.resource.namespace === object.namespace &&
        f.resource.name === object.name,
    )
    .map((f) => ({
      level: f.level,
      message: f.message,
      code: f.code,
      ...(f.field ? { field: f.field } : {}),
    }));
}

/** Validation errors (which refuse a write) as error messages. */
export function errorMessages(
  errors: readonly (FieldError & { line?: number; column?: number })[],
): FieldMessage[] {
  return errors.map((e) => ({
    level: 'error',
    message: e.message,
    ...(e.field && e.field !== '(root)' ? { field: e.field } : {}),
    ...(e.line !== undefined ? { line: e.line } : {}),
    ...(e.column !== undefined ? { column: e.column } : {}),
  }));
}

/** Counts by level. */
export function countLevels(messages: readonly FieldMessage[]): Record<MessageLevel, number> {
  const counts: Record<MessageLevel, number> = { error: 0, warning: 0, info: 0 };
  for (const m of messages) counts[m.level] += 1;
  return counts;
}

/** The messages without repeats (the dry run and a refused Apply often report the same thing). */
export function dedupeMessages(messages: readonly FieldMessage[]): FieldMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const key = `${m.level}|${m.field ?? ''}|${m.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
