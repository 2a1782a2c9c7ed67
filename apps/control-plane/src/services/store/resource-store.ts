// The durable, revisioned object store. SQLite is the truth; an in-memory copy of the current
// objects serves reads. Every write is one transaction: all its changes and revisions, or none.
import type { ClientKind, MeshKind, MeshResource, RevisionOperation, RevisionRecord } from '@shadowmesh/api';
import type Database from 'better-sqlite3';
import { openDatabase } from './database.js';
import { DEFAULT_HISTORY_REVISIONS, HistoryRetention } from './history-retention.js';
import { planChanges } from './plan-changes.js';
import { ProxyEndpointTable } from './proxy-endpoint-table.js';
import { guardWrite } from './store-write-error.js';
import {
  type Actor,
  type Change,
  type ChangeOutcome,
  type HistoryFilter,
  keyOf,
  type ObjectRef,
} from './types.js';

export interface CommitOptions {
  dryRun?: boolean;
  /** Recorded on each revision when the write is a rollback. */
  rollbackOf?: number;
}

export interface CommitResult {
  outcomes: ChangeOutcome[];
  /** Newest revision after the write (unchanged when nothing was recorded). */
  headRevision: number;
}

interface RevisionRow {
  revision: number;
  batch: number;
  at: string;
  client: string;
  token_id: string | null;
  operation: string;
  kind: string;
  namespace: string;
  name: string;
  before: string | null;
  after: string | null;
  rollback_of: number | null;
}

export type StoreListener = (outcomes: readonly ChangeOutcome[], headRevision: number) => void;

export class ResourceStore {
  /** Endpoints of connected sidecars, kept for the next start (the proxy registry writes them). */
  readonly proxyEndpoints: ProxyEndpointTable;
  readonly #db: Database.Database;
  readonly #dataDir: string;
  readonly #objects = new Map<string, MeshResource>();
  readonly #listeners = new Set<StoreListener>();
  readonly #retention: HistoryRetention;
  #head: number;

  private constructor(db: Database.Database, dataDir: string, historyRevisions: number) {
    this.#db = db;
    this.#dataDir = dataDir;
    this.#retention = new HistoryRetention(db, historyRevisions);
    this.proxyEndpoints = new ProxyEndpointTable(db, dataDir);
    for (const row of db.prepare('SELECT body FROM objects').all() as Array<{ body: string }>) {
      const resource = JSON.parse(row.body) as MeshResource;
      this.#objects.set(keyOf(refFromResource(resource)), resource);
    }
    const head = db.prepare('SELECT MAX(revision) AS r FROM revisions').get() as { r: number | null };
    this.#head = head.r ?? 0;
  }

  /** `historyRevisions`: how many revisions the history keeps (history-retention.ts). */
  static open(dataDir: string, historyRevisions = DEFAULT_HISTORY_REVISIONS): ResourceStore {
    return new ResourceStore(openDatabase(dataDir), dataDir, historyRevisions);
  }

  /** Revisions at or below this one were pruned from the history (0: none). */
  get historyPrunedThrough(): number {
    return this.#retention.prunedThrough;
  }

  get headRevision(): number {
    return this.#head;
  }

  get(ref: ObjectRef): MeshResource | null {
    return this.#objects.get(keyOf(ref)) ?? null;
  }

  /** Current objects, in kind order of `kinds` (or all), then namespace, then name. */
  list(filter: { kind?: MeshKind; namespace?: string } = {}): MeshResource[] {
    const out: MeshResource[] = [];
    for (const r of this.#objects.values()) {
      if (filter.kind && r.kind !== filter.kind) continue;
      if (filter.namespace && r.metadata.namespace !== filter.namespace) continue;
      out.push(r);
    }
    return out.sort(compareResources);
  }

  /**
   * Applies `changes` in order, all or nothing. Throws (changing nothing) on 404/409 refusals, and with
   * CP_ERR_STORE_UNWRITABLE when the data directory cannot take the write (full, read-only).
   */
  commit(changes: readonly Change[], actor: Actor, options: CommitOptions = {}): CommitResult {
    const now = new Date().toISOString();
    const plan = planChanges({
      changes,
      lookup: (key) => this.#objects.get(key),
      firstRevision: this.#head + 1,
      now,
    });
    const recorded = plan.outcomes.filter((o) => o.revision !== null);
    if (options.dryRun || recorded.length === 0) {
      const outcomes = options.dryRun ? plan.outcomes.map((o) => ({ ...o, revision: null })) : plan.outcomes;
      return { outcomes, headRevision: this.#head };
    }
    const batch = recorded[0]!.revision!;
    guardWrite(this.#dataDir, () => this.#write(recorded, actor, batch, now, options.rollbackOf ?? null));
    for (const [key, value] of plan.finalState) {
      if (value) this.#objects.set(key, value);
      else this.#objects.delete(key);
    }
    this.#head = recorded.at(-1)!.revision!;
    try {
      this.#retention.afterCommit(this.#head);
    } catch {
      // The write is stored; pruning (a full disk can refuse even a delete's journal) waits for the next one.
    }
    for (const listener of this.#listeners) listener(plan.outcomes, this.#head);
    return { outcomes: plan.outcomes, headRevision: this.#head };
  }

  #write(recorded: ChangeOutcome[], actor: Actor, batch: number, at: string, rollbackOf: number | null) {
    const insertRevision = this.#db.prepare(`INSERT INTO revisions
      (revision, batch, at, client, token_id, operation, kind, namespace, name, before, after, rollback_of)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const upsert =
      this.#db.prepare(`INSERT INTO objects (kind, namespace, name, uid, resource_version, generation, body)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (kind, namespace, name) DO UPDATE SET uid = excluded.uid,
        resource_version = excluded.resource_version, generation = excluded.generation, body = excluded.body`);
    const remove = this.#db.prepare('DELETE FROM objects WHERE kind = ? AND namespace = ? AND name = ?');
    this.#db.transaction(() => {
      for (const o of recorded) {
        const { kind, namespace, name } = o.ref;
        const operation: RevisionOperation =
          o.action === 'created' ? 'create' : o.action === 'deleted' ? 'delete' : 'update';
        insertRevision.run(
          o.revision,
          batch,
          at,
          actor.client,
          actor.tokenId,
          operation,
          kind,
          namespace,
          name,
          o.before ? JSON.stringify(o.before) : null,
          o.after ? JSON.stringify(o.after) : null,
          rollbackOf,
        );
        if (o.after) {
          const m = o.after.metadata;
          upsert.run(kind, namespace, name, m.uid, o.revision, m.generation, JSON.stringify(o.after));
        } else {
          remove.run(kind, namespace, name);
        }
      }
    })();
  }

  /** Revisions, newest first. */
  history(filter: HistoryFilter = {}): RevisionRecord[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined || value === '') return;
      where.push(clause);
      args.push(value);
    };
    add('kind = ?', filter.kind);
    add('namespace = ?', filter.namespace);
    add('name = ?', filter.name);
    add('revision < ?', filter.before);
    const sql = `SELECT * FROM revisions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY revision DESC LIMIT ?`;
    args.push(filter.limit ?? 100);
    return (this.#db.prepare(sql).all(...args) as RevisionRow[]).map(toRecord);
  }

  revision(revision: number): RevisionRecord | null {
    const row = this.#db.prepare('SELECT * FROM revisions WHERE revision = ?').get(revision) as
      | RevisionRow
      | undefined;
    return row ? toRecord(row) : null;
  }

  /** Each object's state right after `revision` (null = did not exist), for every object ever written. */
  stateAt(revision: number): Map<string, { ref: ObjectRef; object: MeshResource | null }> {
    const out = new Map<string, { ref: ObjectRef; object: MeshResource | null }>();
    const rows = this.#db
      .prepare(`SELECT r.kind, r.namespace, r.name, r.after FROM revisions r JOIN (
          SELECT MAX(revision) AS rev FROM revisions WHERE revision <= ? GROUP BY kind, namespace, name
        ) m ON r.revision = m.rev`)
      .all(revision) as Array<{ kind: MeshKind; namespace: string; name: string; after: string | null }>;
    for (const row of rows) {
      const ref: ObjectRef = { kind: row.kind, namespace: row.namespace, name: row.name };
      out.set(keyOf(ref), { ref, object: row.after ? (JSON.parse(row.after) as MeshResource) : null });
    }
    const later = this.#db
      .prepare('SELECT DISTINCT kind, namespace, name FROM revisions WHERE revision > ?')
      .all(revision) as ObjectRef[];
    for (const ref of later) if (!out.has(keyOf(ref))) out.set(keyOf(ref), { ref, object: null });
    return out;
  }

  /**
   * Increments and returns a persisted counter (e.g. the snapshot-version epoch), so numbers built
   * on it stay monotonic across restarts.
   */
  nextCounter(name: string): number {
    return guardWrite(this.#dataDir, () => this.#nextCounter(name));
  }

  #nextCounter(name: string): number {
    return this.#db.transaction(() => {
      const row = this.#db.prepare('SELECT value FROM meta WHERE key = ?').get(name) as
        | { value: string }
        | undefined;
      const next = (row ? Number(row.value) : 0) + 1;
      this.#db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(name, String(next));
      return next;
    })();
  }

  /** Called after every recorded write, synchronously, with its outcomes. Listeners must not throw. */
  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#listeners.clear();
    if (this.#db.open) this.#db.close();
  }
}

function refFromResource(r: MeshResource): ObjectRef {
  return { kind: r.kind, namespace: r.metadata.namespace ?? 'default', name: r.metadata.name };
}

function compareResources(a: MeshResource, b: MeshResource): number {
  return (
    a.kind.localeCompare(b.kind) ||
    (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
    a.metadata.name.localeCompare(b.metadata.name)
  );
}

function toRecord(row: RevisionRow): RevisionRecord {
  return {
    revision: row.revision,
    batch: row.batch,
    at: row.at,
    client: row.client as ClientKind,
    tokenId: row.token_id,
    operation: row.operation as RevisionOperation,
    kind: row.kind as MeshKind,
    namespace: row.namespace,
    name: row.name,
    before: row.before ? (JSON.parse(row.before) as MeshResource) : null,
    after: row.after ? (JSON.parse(row.after) as MeshResource) : null,
    rollbackOf: row.rollback_of,
  };
}
