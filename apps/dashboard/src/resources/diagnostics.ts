// Server messages as editor diagnostics: a range in the YAML text and a severity.
import type { FieldMessage } from './fieldMessages';
import { fieldRange, offsetOf } from './fieldRange';

export interface TextDiagnostic {
  from: number;
  to: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** Places each message: at its line/column when the server gave one, else on its field, else at the top. */
export function placeMessages(text: string, messages: readonly FieldMessage[]): TextDiagnostic[] {
  return messages.map((m) => {
    const label = [m.code, m.field].filter(Boolean).join(' ');
    const message = label ? `${label}: ${m.message}` : m.message;
    if (m.line !== undefined) {
      const from = offsetOf(text, m.line, m.column ?? 1);
      const lineEnd = text.indexOf('\n', from);
      return { from, to: lineEnd < 0 ? text.length : Math.max(from, lineEnd), severity: m.level, message };
    }
    const range = m.field ? fieldRange(text, m.field) : null;
    return { from: range?.from ?? 0, to: range?.to ?? 0, severity: m.level, message };
  });
}
