// Commits changes and reports the analysis findings the write brings: findings on the objects it
// wrote plus findings elsewhere that were not there before (e.g. a VirtualService whose host was
// just deleted). Cross-object findings are advice, as with istioctl analyze: they never refuse a
// write (the tutorials apply VirtualServices before — or without — their Services).
import type { Finding, MeshResource } from '@shadowmesh/api';
import type { CommitOptions, CommitResult } from '../store/resource-store.js';
import { type Actor, type Change, keyOf, refOf } from '../store/types.js';
import type { ConfigContext } from './config-context.js';

export interface WriteResult extends CommitResult {
  findings: Finding[];
}

export function writeWithFindings(
  ctx: ConfigContext,
  changes: readonly Change[],
  actor: Actor,
  options: CommitOptions = {},
): WriteResult {
  const beforeFindings = ctx.liveFindings();
  const before = ctx.store.list();
  const result = ctx.store.commit(changes, actor, options);
  const touched = new Set(result.outcomes.filter((o) => o.after).map((o) => keyOf(o.ref)));
  if (result.outcomes.every((o) => o.action === 'unchanged')) {
    return { ...result, findings: beforeFindings.filter((f) => isAbout(f, result.outcomes)) };
  }
  const state = new Map<string, MeshResource>(before.map((r) => [keyOf(refOf(r)), r]));
  for (const o of result.outcomes) {
    if (o.after) state.set(keyOf(o.ref), o.after);
    else state.delete(keyOf(o.ref));
  }
  const afterFindings = ctx.findingsOf([...state.values()]);
  if (!options.dryRun) ctx.rememberLive(afterFindings);
  const old = new Set(beforeFindings.map(findingKey));
  const findings = afterFindings.filter((f) => touched.has(findingRef(f)) || !old.has(findingKey(f)));
  return { ...result, findings };
}

function isAbout(f: Finding, outcomes: WriteResult['outcomes']): boolean {
  return outcomes.some((o) => keyOf(o.ref) === findingRef(f));
}

function findingRef(f: Finding): string {
  return `${f.resource.kind}/${f.resource.namespace}/${f.resource.name}`;
}

function findingKey(f: Finding): string {
  return `${f.code}|${findingRef(f)}|${f.field ?? ''}|${f.message}`;
}
