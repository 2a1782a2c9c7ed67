// Bounds the revision history: the newest `keep` revisions stay, and so does, for every object that
// exists at the cut, the revision that made it what it was then; everything older goes. So the state
// right after any kept revision can still be rebuilt (rollback), while the table holds at most about
// `keep` rows plus one per live object, however long the control plane runs. Pruned revisions are
// refused by rollback as not found. The cut is kept in `meta`, so it survives restarts.
import type Database from 'better-sqlite3';

/** The revisions kept unless `--history-revisions` says otherwise. */
export const DEFAULT_HISTORY_REVISIONS = 10_000;
/** Fewer would make rollback useless after a busy minute. */
export const MIN_HISTORY_REVISIONS = 100;
const META_KEY = 'history_pruned_through';

export class HistoryRetention {
  readonly #db: Database.Database;
  readonly #keep: number;
  /** Prune once `step` revisions beyond `keep` have piled up, not on every write. */
  readonly #step: number;
  #prunedThrough: number;

  constructor(db: Database.Database, keep: number) {
    this.#db = db;
    this.#keep = keep;
    this.#step = Math.max(1, Math.floor(keep / 10));
    const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(META_KEY) as
      | { value: string }
      | undefined;
    this.#prunedThrough = row ? Number(row.value) : 0;
  }

  /** Revisions at or below this one were pruned: the state right after them cannot be rebuilt. */
  get prunedThrough(): number {
    return this.#prunedThrough;
  }

  get keep(): number {
    return this.#keep;
  }

  /** Called after each recorded write. Throws what SQLite throws; the write itself is already stored. */
  afterCommit(head: number): void {
    const cut = head - this.#keep;
    if (cut - this.#prunedThrough < this.#step) return;
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `DELETE FROM revisions WHERE revision <= @cut AND revision NOT IN (
            SELECT r.revision FROM revisions r JOIN (
              SELECT MAX(revision) AS rev FROM revisions WHERE revision <= @cut GROUP BY kind, namespace, name
            ) m ON r.revision = m.rev WHERE r.after IS NOT NULL)`,
        )
        .run({ cut });
      this.#db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(META_KEY, String(cut));
    })();
    this.#prunedThrough = cut;
  }
}
