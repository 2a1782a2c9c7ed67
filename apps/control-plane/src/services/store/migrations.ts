// The store's schema, as an ordered list of migrations recorded in `schema_migrations`.
// Never edit a shipped migration: append a new one (migrations.test.ts upgrades every old version).
import type Database from 'better-sqlite3';
import { cpError } from '../../errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'objects and revisions',
    sql: `
      CREATE TABLE objects (
        kind TEXT NOT NULL,
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        uid TEXT NOT NULL,
        resource_version INTEGER NOT NULL,
        generation INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (kind, namespace, name)
      ) WITHOUT ROWID;
      CREATE TABLE revisions (
        revision INTEGER PRIMARY KEY,
        batch INTEGER NOT NULL,
        at TEXT NOT NULL,
        client TEXT NOT NULL,
        token_id TEXT,
        operation TEXT NOT NULL,
        kind TEXT NOT NULL,
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        before TEXT,
        after TEXT
      );
      CREATE INDEX revisions_by_object ON revisions (kind, namespace, name, revision);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'rollback provenance',
    sql: `
      ALTER TABLE revisions ADD COLUMN rollback_of INTEGER;
      CREATE INDEX revisions_by_batch ON revisions (batch);
    `,
  },
  {
    version: 3,
    name: 'proxy endpoints',
    // The identities of connected sidecars that receive traffic, so a restarted control plane can
    // publish their endpoints until they reconnect (proxy-registry.ts). `identity` is ProxyIdentity JSON.
    sql: `
      CREATE TABLE proxy_endpoints (
        proxy_id TEXT PRIMARY KEY,
        identity TEXT NOT NULL,
        registered_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

/** Brings the database up to the newest schema, each migration in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw cpError(
      'CP_ERR_STORE_SCHEMA_TOO_NEW',
      `the store has schema version ${current} but this control plane knows only up to ${newest}; use a newer shadowmesh`,
      { schemaVersion: current, supported: newest },
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
  return schemaVersion(db);
}

export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
