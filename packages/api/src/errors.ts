/** The one shape of every API error body: a stable code, a message, and details naming the field. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: ApiErrorDetails;
}

export interface ApiErrorDetails {
  /** Field path such as `spec.http[0].route[1].weight`. */
  field?: string;
  /** Several field errors at once (e.g. every invalid field of one document). */
  fields?: FieldError[];
  /** For multi-document input: the index of the offending document. */
  document?: number;
  line?: number;
  column?: number;
  [extra: string]: unknown;
}

export interface FieldError {
  field: string;
  message: string;
  document?: number;
}

/** Converts a JSON pointer (`/spec/http/0/route/1/weight`) into a field path (`spec.http[0].route[1].weight`). */
export function pointerToFieldPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
