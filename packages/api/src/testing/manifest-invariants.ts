// What every answer of parseManifests and validateResource must look like, whatever the input: refusals
// are data (never exceptions), and each names the place that is wrong.
import { fieldPathToKeys } from '../manifests/field-position.js';
import type { ManifestFieldError, ParsedManifest } from '../manifests/parse-manifests.js';
import type { ValidationResult } from '../validation/validate-resource.js';

function problem(condition: boolean, what: string, problems: string[]): void {
  if (!condition) problems.push(what);
}

function errorProblems(e: ManifestFieldError, where: string, problems: string[]): void {
  problem(typeof e.field === 'string' && e.field.length > 0, `${where}: empty field`, problems);
  problem(typeof e.message === 'string' && e.message.trim().length > 0, `${where}: empty message`, problems);
  if (e.line !== undefined)
    problem(Number.isInteger(e.line) && e.line >= 1, `${where}: line ${e.line}`, problems);
  if (e.column !== undefined)
    problem(Number.isInteger(e.column) && e.column >= 1, `${where}: column ${e.column}`, problems);
  if (e.field === '(yaml)') problem(!e.message.includes('\n'), `${where}: multi-line YAML message`, problems);
}

/** Everything wrong with a ParsedManifest's shape (empty: nothing). */
export function parsedProblems(parsed: ParsedManifest): string[] {
  const problems: string[] = [];
  problem(parsed.ok === (parsed.errors.length === 0), 'ok disagrees with errors', problems);
  const entryErrors = parsed.entries.flatMap((e) => (e.status === 'error' ? e.errors : []));
  problem(entryErrors.length === parsed.errors.length, 'errors are not the entries’ errors', problems);
  for (const entry of parsed.entries) {
    problem(Number.isInteger(entry.index) && entry.index >= 0, `entry index ${entry.index}`, problems);
    problem(Number.isInteger(entry.line) && entry.line >= 1, `entry line ${entry.line}`, problems);
    if (entry.status === 'error') {
      problem(entry.errors.length > 0, `entry ${entry.index}: error without errors`, problems);
      for (const e of entry.errors) {
        errorProblems(e, `document ${entry.index} ${e.field}`, problems);
        problem(e.document === entry.index, `document ${entry.index}: error says ${e.document}`, problems);
      }
    } else if (entry.status === 'resource') {
      const { metadata } = entry.resource;
      problem(typeof metadata.name === 'string' && metadata.name !== '', 'resource without a name', problems);
      problem(typeof metadata.namespace === 'string', 'resource without a namespace', problems);
    } else {
      problem(entry.skipped.reason.length > 0, 'skipped without a reason', problems);
    }
  }
  return problems;
}

/** Everything wrong with a ValidationResult's shape (empty: nothing). */
export function validationProblems(result: ValidationResult): string[] {
  const problems: string[] = [];
  if (result.ok) {
    problem(typeof result.resource.metadata.name === 'string', 'resource without a name', problems);
    problem(typeof result.resource.metadata.namespace === 'string', 'resource without a namespace', problems);
    return problems;
  }
  problem(result.errors.length > 0, 'refused without errors', problems);
  for (const e of result.errors) errorProblems(e, e.field, problems);
  return problems;
}

/** True when every key of `keys` but the last leads somewhere in `root` (the last may be a missing field). */
function parentExists(root: unknown, keys: readonly (string | number)[]): boolean {
  let v = root;
  for (const k of keys.slice(0, -1)) {
    if (Array.isArray(v)) {
      if (typeof k !== 'number' || k >= v.length) return false;
      v = v[k];
    } else if (typeof v === 'object' && v !== null && Object.hasOwn(v, String(k))) {
      v = (v as Record<string, unknown>)[String(k)];
    } else return false;
  }
  return true;
}

/**
 * Field paths of a ValidationResult that name no place: each error's field must exist in `input`, or be a
 * missing field of an object that exists there (`spec.listeners` "is required"); each warning's likewise in
 * the accepted resource. `(root)` names the input itself. Empty: nothing wrong.
 */
export function fieldPathProblems(input: unknown, result: ValidationResult): string[] {
  const [root, fields] = result.ok
    ? [result.resource, result.warnings.flatMap((w) => (w.field === undefined ? [] : [w.field]))]
    : [input, result.errors.map((e) => e.field)];
  return fields
    .filter((f) => f !== '(root)' && !parentExists(root, fieldPathToKeys(f)))
    .map(
      (f) =>
        `${result.ok ? 'warning' : 'error'} field ${f} names no place in the ${result.ok ? 'resource' : 'input'}`,
    );
}
