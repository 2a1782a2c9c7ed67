import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CpError } from '../../errors.js';
import { tempDir } from '../../testing/test-app.js';
import { openDatabase } from './database.js';
import { MIGRATIONS, migrate, schemaVersion } from './migrations.js';

describe('store migrations', () => {
  const dirs: Array<{ remove(): void }> = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) d.remove();
  });

  it('creates the newest schema in WAL mode with synchronous=FULL', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(dir.path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('has consecutive versions', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('upgrades a store written at every older schema version, keeping its data', () => {
    for (let old = 1; old < MIGRATIONS.length; old++) {
      const dir = tempDir();
      dirs.push(dir);
      const db = new Database(join(dir.path, 'state.db'));
      migrate(db, MIGRATIONS.slice(0, old));
      db.prepare(
        `INSERT INTO revisions (revision, batch, at, client, token_id, operation, kind, namespace, name, before, after)
         VALUES (1, 1, 'now', 'api', NULL, 'create', 'Service', 'default', 'a', NULL, '{}')`,
      ).run();
      db.close();
      const upgraded = openDatabase(dir.path);
      expect(schemaVersion(upgraded)).toBe(MIGRATIONS.length);
      const row = upgraded.prepare('SELECT * FROM revisions').get() as Record<string, unknown>;
      expect(row).toMatchObject({ revision: 1, name: 'a', rollback_of: null });
      upgraded.close();
    }
  });

  it('is idempotent: reopening runs nothing again', () => {
    const dir = tempDir();
    dirs.push(dir);
    openDatabase(dir.path).close();
    const db = openDatabase(dir.path);
    const rows = db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    expect(rows.n).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a store written by a newer control plane', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(dir.path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'now')").run();
    db.close();
    expect(() => openDatabase(dir.path)).toThrow(CpError);
    expect(() => openDatabase(dir.path)).toThrow(/schema version 999/);
  });
});
