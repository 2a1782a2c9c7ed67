// Reapplying the user's edits on top of a newer server object (after a 409 conflict): a three-way merge
// of JSON values. Edits are turned into path operations (base → mine) and replayed onto the server's copy.
import { formatFieldPath, type PathSegment } from './fieldPath';
import { isJsonObject, type JsonObject, jsonEqual } from './jsonValue';

export type PathOp =
  | { path: PathSegment[]; op: 'set'; value: unknown }
  | { path: PathSegment[]; op: 'delete' };

/**
 * The smallest set/delete operations that turn `base` into `changed`. Objects are compared member by member,
 * arrays of equal length element by element; an array whose length changed is set whole.
 */
export function diffOps(base: unknown, changed: unknown, path: PathSegment[] = []): PathOp[] {
  if (jsonEqual(base, changed)) return [];
  if (isJsonObject(base) && isJsonObject(changed)) {
    const ops: PathOp[] = [];
    const keys = new Set([...Object.keys(base), ...Object.keys(changed)]);
    for (const key of keys) {
      if (changed[key] === undefined) {
        if (base[key] !== undefined) ops.push({ path: [...path, key], op: 'delete' });
      } else ops.push(...diffOps(base[key], changed[key], [...path, key]));
    }
    return ops;
  }
  if (Array.isArray(base) && Array.isArray(changed) && base.length === changed.length) {
    return base.flatMap((item, i) => diffOps(item, changed[i], [...path, i]));
  }
  return [{ path, op: 'set', value: changed }];
}

export interface RebaseResult<T> {
  /** The server's object with the user's edits replayed on it. */
  merged: T;
  /** Fields both the user and the server changed; the user's value was kept. */
  overlapping: string[];
  /** The user's edits whose place no longer exists on the server (e.g. a removed route); not applied. */
  dropped: string[];
}

/** Replays the edits `base → mine` onto `theirs` (the server's newer copy of the same object). */
export function rebase<T>(base: T, mine: T, theirs: T): RebaseResult<T> {
  const myOps = diffOps(base, mine);
  const theirOps = diffOps(base, theirs);
  let merged: unknown = structuredClone(theirs);
  const overlapping: string[] = [];
  const dropped: string[] = [];
  for (const op of myOps) {
    const name = formatFieldPath(op.path) || '(whole object)';
    const result = applyOp(merged, op);
    if (result === DROPPED) {
      dropped.push(name);
      continue;
    }
    merged = result;
    if (theirOps.some((t) => isPrefix(t.path, op.path) || isPrefix(op.path, t.path))) overlapping.push(name);
  }
  return { merged: merged as T, overlapping, dropped };
}

const DROPPED = Symbol('dropped');

function applyOp(root: unknown, op: PathOp): unknown {
  if (op.path.length === 0) return op.op === 'set' ? structuredClone(op.value) : root;
  return setIn(root, op.path, op);
}

function setIn(node: unknown, path: PathSegment[], op: PathOp): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return op.op === 'set' ? structuredClone(op.value) : undefined;
  if (typeof head === 'number') {
    if (!Array.isArray(node) || head >= node.length) return DROPPED;
    const child = setIn(node[head], rest, op);
    if (child === DROPPED) return DROPPED;
    const copy = [...node];
    if (child === undefined) copy.splice(head, 1);
    else copy[head] = child;
    return copy;
  }
  if (node === undefined && op.op === 'delete') return undefined;
  if (node !== undefined && !isJsonObject(node)) return DROPPED;
  const object: JsonObject = { ...(node ?? {}) };
  if (rest.length === 0 && op.op === 'delete') {
    delete object[head];
    return object;
  }
  const child = setIn(object[head], rest, op);
  if (child === DROPPED) return DROPPED;
  if (child === undefined) delete object[head];
  else object[head] = child;
  return object;
}

function isPrefix(prefix: readonly PathSegment[], path: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}
