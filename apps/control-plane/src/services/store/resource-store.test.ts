import type { MeshResource } from '@shadowmesh/api';
import { afterEach, describe, expect, it } from 'vitest';
import { CpError } from '../../errors.js';
import { tempDir } from '../../testing/test-app.js';
import { ResourceStore } from './resource-store.js';
import type { Actor } from './types.js';

const actor: Actor = { client: 'cli', tokenId: 'tok-12345678' };

function service(name: string, port = 80, labels?: Record<string, string>): MeshResource {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: { ports: [{ port }] },
  } as MeshResource;
}

describe('ResourceStore', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0).reverse()) c();
  });
  function open(path?: string) {
    const dir = path ? null : tempDir();
    if (dir) cleanups.push(dir.remove);
    const store = ResourceStore.open(path ?? dir!.path);
    cleanups.push(() => store.close());
    return { store, path: path ?? dir!.path };
  }

  it('creates with server fields and bumps generation only on spec change', () => {
    const { store } = open();
    const created = store.commit([{ type: 'put', mode: 'create', resource: service('a') }], actor)
      .outcomes[0]!;
    expect(created.action).toBe('created');
    expect(created.after!.metadata).toMatchObject({
      namespace: 'default',
      resourceVersion: '1',
      generation: 1,
    });
    expect(created.after!.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    const relabeled = store.commit(
      [{ type: 'put', mode: 'upsert', resource: service('a', 80, { x: 'y' }) }],
      actor,
    ).outcomes[0]!;
    expect(relabeled.after!.metadata).toMatchObject({
      resourceVersion: '2',
      generation: 1,
      labels: { x: 'y' },
    });
    const respec = store.commit(
      [{ type: 'put', mode: 'upsert', resource: service('a', 81, { x: 'y' }) }],
      actor,
    ).outcomes[0]!;
    expect(respec.after!.metadata).toMatchObject({ resourceVersion: '3', generation: 2 });
    expect(respec.after!.metadata.uid).toBe(created.after!.metadata.uid);
    const same = store.commit(
      [{ type: 'put', mode: 'upsert', resource: service('a', 81, { x: 'y' }) }],
      actor,
    );
    expect(same.outcomes[0]!.action).toBe('unchanged');
    expect(same.headRevision).toBe(3);
  });

  it('refuses a stale resourceVersion with 409 and the current object, changing nothing', () => {
    const { store } = open();
    store.commit([{ type: 'put', mode: 'create', resource: service('a') }], actor);
    store.commit([{ type: 'put', mode: 'upsert', resource: service('a', 81) }], actor);
    try {
      store.commit(
        [{ type: 'put', mode: 'update', resource: service('a', 82), expectedResourceVersion: '1' }],
        actor,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CpError);
      expect((error as CpError).code).toBe('CP_ERR_CONFLICT');
      expect((error as CpError).details.current).toMatchObject({ metadata: { resourceVersion: '2' } });
    }
    expect(store.get({ kind: 'Service', namespace: 'default', name: 'a' })!.spec).toEqual({
      ports: [{ port: 81 }],
    });
  });

  it('commits all changes of a write or none', () => {
    const { store } = open();
    store.commit([{ type: 'put', mode: 'create', resource: service('b') }], actor);
    expect(() =>
      store.commit(
        [
          { type: 'put', mode: 'create', resource: service('a') },
          { type: 'put', mode: 'create', resource: service('b') },
        ],
        actor,
      ),
    ).toThrow(/already exists/);
    expect(store.list().map((r) => r.metadata.name)).toEqual(['b']);
    expect(store.headRevision).toBe(1);
  });

  it('keeps objects and revisions across reopen, and dry runs store nothing', () => {
    const { store, path } = open();
    store.commit(
      [
        { type: 'put', mode: 'create', resource: service('a') },
        { type: 'put', mode: 'create', resource: service('b') },
      ],
      actor,
    );
    store.commit([{ type: 'delete', ref: { kind: 'Service', namespace: 'default', name: 'a' } }], actor);
    const dry = store.commit([{ type: 'put', mode: 'create', resource: service('c') }], actor, {
      dryRun: true,
    });
    expect(dry.outcomes[0]).toMatchObject({ action: 'created', revision: null });
    store.close();
    const { store: again } = open(path);
    expect(again.list().map((r) => r.metadata.name)).toEqual(['b']);
    expect(again.headRevision).toBe(3);
    const history = again.history();
    expect(history.map((h) => [h.revision, h.batch, h.operation, h.name])).toEqual([
      [3, 3, 'delete', 'a'],
      [2, 1, 'create', 'b'],
      [1, 1, 'create', 'a'],
    ]);
    expect(history[0]).toMatchObject({ client: 'cli', tokenId: 'tok-12345678', after: null });
    expect(history[0]!.before!.metadata.name).toBe('a');
    expect(again.history({ name: 'b' }).map((h) => h.revision)).toEqual([2]);
    const at1 = again.stateAt(1);
    expect(at1.get('Service/default/a')!.object!.metadata.name).toBe('a');
    expect(at1.get('Service/default/b')!.object).toBeNull();
  });
});
