// Turns SQLite's refusal to write (a full disk, a read-only or immutable data directory, an I/O error)
// into CP_ERR_STORE_UNWRITABLE naming the data directory. SQLite rolls the transaction back, so nothing
// of the write is stored and the connection keeps serving reads; the next write simply tries again.
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { CpError, cpError } from '../../errors.js';
import { DATABASE_FILE } from './database.js';

export type UnwritableReason = 'full' | 'read-only' | 'io';

/** SQLite result codes that mean "this write could not reach the disk". */
const WRITE_FAILURES = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|PERM)/;

/** Runs `write`; a SQLite write failure is rethrown as CP_ERR_STORE_UNWRITABLE, anything else as is. */
export function guardWrite<T>(dataDir: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw storeWriteError(error, dataDir) ?? error;
  }
}

export function storeWriteError(error: unknown, dataDir: string): CpError | null {
  if (error instanceof CpError) return null;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !WRITE_FAILURES.test(code)) return null;
  const reason = reasonOf(code, dataDir);
  const what = {
    full: 'is full',
    'read-only': 'is read-only',
    io: 'failed a write (I/O error)',
  }[reason];
  const cause = (error as Error).message;
  return cpError(
    'CP_ERR_STORE_UNWRITABLE',
    `the data directory ${dataDir} ${what}: the write was not stored (${code}: ${cause}); ` +
      'everything stored before is kept and reads still work; retry once it can be written again',
    { dataDir, reason, sqlite: code },
    { cause: error },
  );
}

/** SQLite says only "disk I/O error" for EPERM/EROFS: opening the files for writing tells which it is. */
function reasonOf(code: string, dataDir: string): UnwritableReason {
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') return 'read-only';
  for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
    try {
      closeSync(openSync(join(dataDir, file), 'r+'));
    } catch (probe) {
      const errno = (probe as NodeJS.ErrnoException).code;
      if (errno === 'EROFS' || errno === 'EPERM' || errno === 'EACCES') return 'read-only';
      if (errno === 'ENOSPC' || errno === 'EDQUOT') return 'full';
    }
  }
  return 'io';
}
