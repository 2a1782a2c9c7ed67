// The API token: generated on first start into `<data>/token` (mode 0600) and reused after.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_FILE = 'token';

/** Returns the token to use: `fixed` when given (and written to the file), else the file's, else a new one. */
export function ensureToken(dataDir: string, fixed: string | null = null): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, TOKEN_FILE);
  if (fixed === null && existsSync(path)) {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length >= 16) {
      chmodSync(path, 0o600);
      return existing;
    }
  }
  const token = fixed ?? randomBytes(32).toString('base64url');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return token;
}

/** A public, stable id for a secret (recorded in history instead of the secret). */
export function credentialId(prefix: 'tok' | 'ses', secret: string): string {
  return `${prefix}-${createHash('sha256').update(secret).digest('hex').slice(0, 8)}`;
}

/** Constant-time comparison of two secrets. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}
