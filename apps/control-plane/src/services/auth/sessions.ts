// Dashboard sign-in: one-time login codes (printed as a URL by the CLI) exchanged for a session
// id kept in a cookie. Sessions live in memory; a restart prints a new login URL.
import { randomBytes } from 'node:crypto';
import { credentialId } from './token-file.js';

export interface Session {
  id: string;
  /** Public id recorded in history (`ses-…`). */
  credentialId: string;
  createdAt: number;
  expiresAt: number;
}

export interface SessionOptions {
  /** How long a session lasts (default 7 days). */
  sessionTtlMs?: number;
  /** How long an unused login code stays valid (default 24 hours). */
  codeTtlMs?: number;
  now?: () => number;
}

const MAX_CODES = 64;
const MAX_SESSIONS = 1024;

export class SessionManager {
  readonly #codes = new Map<string, number>();
  readonly #sessions = new Map<string, Session>();
  readonly #sessionTtl: number;
  readonly #codeTtl: number;
  readonly #now: () => number;

  constructor(options: SessionOptions = {}) {
    this.#sessionTtl = options.sessionTtlMs ?? 7 * 24 * 3600_000;
    this.#codeTtl = options.codeTtlMs ?? 24 * 3600_000;
    this.#now = options.now ?? Date.now;
  }

  /** A new one-time login code. The oldest codes are forgotten beyond a small bound. */
  createLoginCode(): string {
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, this.#now() + this.#codeTtl);
    while (this.#codes.size > MAX_CODES) this.#codes.delete(this.#codes.keys().next().value!);
    return code;
  }

  /** Exchanges a code for a new session; a code works once. Null when unknown, used or expired. */
  redeem(code: string): Session | null {
    const expires = this.#codes.get(code);
    this.#codes.delete(code);
    const now = this.#now();
    if (expires === undefined || expires < now) return null;
    const id = randomBytes(32).toString('base64url');
    const session: Session = {
      id,
      credentialId: credentialId('ses', id),
      createdAt: now,
      expiresAt: now + this.#sessionTtl,
    };
    this.#sessions.set(id, session);
    while (this.#sessions.size > MAX_SESSIONS) this.#sessions.delete(this.#sessions.keys().next().value!);
    return session;
  }

  get(id: string): Session | null {
    const session = this.#sessions.get(id);
    if (!session) return null;
    if (session.expiresAt < this.#now()) {
      this.#sessions.delete(id);
      return null;
    }
    return session;
  }

  revoke(id: string): void {
    this.#sessions.delete(id);
  }
}
