// A primary answer reduced to one short value per field, keyed as comparisons key them: headers
// (`header:x-trace`), JSON nodes (`body:$.a.b`; objects and arrays by type only, so a subtree that
// comes and goes is one field), text lines (`body:line 3`), bytes (`body:body`). Two fingerprints of
// the same request shape that disagree on a field make it volatile (noise learning, as Diffy does).
import type { FlowRecord } from '@shadowmesh/api';
import { readBody } from './body-content.js';
import { formatStep } from './json-path.js';
import { splitLines } from './line-diff.js';
import { isUncomparableHeader } from './volatile-headers.js';

export interface ResponseFingerprint {
  status: number;
  bodyKind: 'json' | 'text' | 'binary' | 'empty';
  fields: Map<string, string>;
}

export function fingerprintResponse(flow: FlowRecord, maxFields: number): ResponseFingerprint {
  const fields = new Map<string, string>();
  const put = (key: string, value: string) => {
    if (fields.size < maxFields) fields.set(key, shortHash(value));
  };
  for (const [rawName, value] of Object.entries(flow.responseHeaders)) {
    const name = rawName.toLowerCase();
    if (name === 'content-length' || isUncomparableHeader(name, value, undefined)) continue;
    put(`header:${name}`, value);
  }
  const body = readBody(flow.responseBody, flow.responseHeaders['content-type']);
  if (body.kind === 'json') flattenJson(body.value, '$', put, { left: maxFields + 1 });
  else if (body.kind === 'binary') put('body:body', flow.responseBody?.sha256 ?? '');
  else if (body.kind === 'text') {
    const lines = splitLines(body.text);
    if (body.truncated) lines.pop(); // the last kept line may be cut anywhere
    for (const [i, line] of lines.entries()) put(`body:line ${i + 1}`, line);
  }
  return { status: flow.status, bodyKind: body.kind, fields };
}

/** Keys on which two fingerprints of one shape disagree; none when statuses or body kinds differ. */
export function disagreeingFields(a: ResponseFingerprint, b: ResponseFingerprint): string[] {
  // An error answer beside a normal one differs everywhere: it says nothing about noise.
  if (a.status !== b.status) return [];
  const sameBodyKind = a.bodyKind === b.bodyKind;
  const out: string[] = [];
  const consider = (key: string) => (sameBodyKind ? true : key.startsWith('header:'));
  for (const [key, value] of a.fields) if (b.fields.get(key) !== value && consider(key)) out.push(key);
  for (const key of b.fields.keys()) if (!a.fields.has(key) && consider(key)) out.push(key);
  return out;
}

function flattenJson(
  value: unknown,
  path: string,
  put: (key: string, value: string) => void,
  budget: { left: number },
): void {
  if (budget.left-- <= 0) return;
  const isObject = value !== null && typeof value === 'object';
  if (path !== '$')
    put(`body:${path}`, Array.isArray(value) ? '[]' : isObject ? '{}' : JSON.stringify(value));
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) flattenJson(value[i], path + formatStep(i), put, budget);
  } else if (isObject) {
    for (const [k, v] of Object.entries(value)) flattenJson(v, path + formatStep(k), put, budget);
  }
}

/** Short values as they are; longer ones as two 32-bit FNV-1a hashes (memory stays small per field). */
export function shortHash(value: string): string {
  if (value.length <= 32) return value;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) + i;
  }
  return `#${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}#${value.length}`;
}
