// The history is bounded (issue #12: a control plane under steady writes grew it by 20 revisions a
// minute with no limit): the newest revisions stay, each live object keeps what made it, rollback to a
// kept revision still rebuilds the exact state, and a pruned one is refused by name.
import type { MeshResource } from '@shadowmesh/api';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { controlPlaneConfig } from '../../config.js';
import { tempDir, testApp } from '../../testing/test-app.js';
import { DATABASE_FILE } from './database.js';
import { ResourceStore } from './resource-store.js';
import type { Actor } from './types.js';

const actor: Actor = { client: 'cli', tokenId: 'tok-12345678' };
const KEEP = 100;

function service(name: string, port: number): MeshResource {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { ports: [{ port }] },
  } as MeshResource;
}
const put = (resource: MeshResource) => ({ type: 'put' as const, mode: 'upsert' as const, resource });

describe('history retention', () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('keeps the newest revisions and each live object, rebuilds kept states, survives a restart', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    let store = ResourceStore.open(dir.path, KEEP);
    store.commit([put(service('old-but-live', 1))], actor); // revision 1, never written again
    store.commit([put(service('gone', 1))], actor);
    store.commit([{ type: 'delete', ref: { kind: 'Service', namespace: 'default', name: 'gone' } }], actor);
    for (let i = 0; i < 1_000; i++) store.commit([put(service('busy', 1000 + i))], actor);
    const head = store.headRevision;
    expect(head).toBe(1_003);
    const rows = () => {
      const db = new Database(`${dir.path}/${DATABASE_FILE}`, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM revisions').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    // At most KEEP + one pruning step (KEEP / 10) + the one live object older than the cut.
    expect(rows()).toBeLessThanOrEqual(KEEP + KEEP / 10 + 1);
    expect(store.historyPrunedThrough).toBeGreaterThanOrEqual(head - KEEP - KEEP / 10);
    // The state right after a kept revision is exact: the old object is there, the deleted one is not.
    const kept = head - KEEP + 1;
    const state = store.stateAt(kept);
    expect(state.get('Service/default/old-but-live')?.object?.spec).toEqual({ ports: [{ port: 1 }] });
    expect(state.get('Service/default/busy')?.object?.spec).toEqual({ ports: [{ port: 1000 + kept - 4 }] });
    expect(state.get('Service/default/gone')?.object ?? null).toBeNull();
    expect(store.history({ limit: 10_000 }).at(-1)?.revision).toBe(1);
    store.close();
    store = ResourceStore.open(dir.path, KEEP);
    cleanups.push(() => store.close());
    expect(store.historyPrunedThrough).toBeGreaterThan(0);
    expect(store.list().map((r) => r.metadata.name)).toEqual(['busy', 'old-but-live']);
  });

  it('refuses a rollback to a pruned revision with the field named, and still rolls back to a kept one', async () => {
    const t = await testApp({ historyRevisions: KEEP });
    cleanups.push(t.close);
    const apply = (port: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/apply',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(service('busy', port)),
      });
    for (let i = 0; i < 300; i++) expect((await apply(1000 + i)).statusCode).toBe(200);
    const rollback = (revision: number) =>
      t.app.inject({ method: 'POST', url: '/api/v1/rollback', payload: { revision } });
    const pruned = await rollback(5);
    expect(pruned.statusCode).toBe(404);
    expect(pruned.json()).toMatchObject({
      code: 'CP_ERR_REVISION_NOT_FOUND',
      details: { field: 'revision', prunedThrough: t.app.services.store.historyPrunedThrough },
    });
    expect(pruned.json().message).toMatch(/^revision 5 was pruned from the history/);
    const head = t.app.services.store.headRevision;
    const back = await rollback(head - 10);
    expect(back.statusCode, back.body).toBe(200);
    expect(t.app.services.store.list()[0]?.spec).toEqual({ ports: [{ port: 1000 + head - 10 - 1 }] });
  });

  it('refuses a history setting below the minimum, naming it', () => {
    expect(() => controlPlaneConfig({ historyRevisions: 10 }, {})).toThrow(/--history-revisions must be/);
    expect(() => controlPlaneConfig({}, { SHADOWMESH_HISTORY_REVISIONS: 'many' })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'historyRevisions' }) }),
    );
    expect(controlPlaneConfig({}, {}).historyRevisions).toBe(10_000);
  });
});
