// Who is calling: the API token (Bearer), a dashboard session (cookie), or nobody; and what
// that caller may do under the configured auth mode and bind address.
import type { AuthMode } from '../../config.js';
import { type Session, SessionManager } from './sessions.js';
import { credentialId, ensureToken, sameSecret } from './token-file.js';

export type PrincipalKind = 'token' | 'session' | 'anonymous';

export interface Principal {
  via: PrincipalKind;
  /** `tok-…` / `ses-…`; null for anonymous. */
  credentialId: string | null;
}

export type AuthRequirement = 'public' | 'read' | 'write';

export interface AuthServiceOptions {
  mode: AuthMode;
  dataDir: string;
  /** Reads need no credential when the server is bound to loopback. */
  loopback: boolean;
  fixedToken: string | null;
}

export class AuthService {
  readonly mode: AuthMode;
  readonly loopback: boolean;
  /** The API token; null when auth is off. */
  readonly token: string | null;
  readonly tokenId: string | null;
  readonly sessions = new SessionManager();

  constructor(options: AuthServiceOptions) {
    this.mode = options.mode;
    this.loopback = options.loopback;
    this.token = options.mode === 'token' ? ensureToken(options.dataDir, options.fixedToken) : null;
    this.tokenId = this.token ? credentialId('tok', this.token) : null;
  }

  /** Identifies the caller from an `Authorization` header value and a session cookie value. */
  identify(authorization: string | undefined, sessionId: string | undefined): Principal {
    const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (bearer && this.token && sameSecret(bearer, this.token)) {
      return { via: 'token', credentialId: this.tokenId };
    }
    const session: Session | null = sessionId ? this.sessions.get(sessionId) : null;
    if (session) return { via: 'session', credentialId: session.credentialId };
    return { via: 'anonymous', credentialId: null };
  }

  /**
   * True when `principal` may do something that needs `requirement`. `loopbackName`: the request named
   * a loopback host (anonymous reads are for this machine's own clients, not a DNS-rebound web page).
   */
  allows(principal: Principal, requirement: AuthRequirement, loopbackName = true): boolean {
    if (requirement === 'public' || principal.via !== 'anonymous') return true;
    if (!loopbackName) return false;
    // `--auth none` is only allowed on a loopback bind (config.ts).
    return this.mode === 'none' || (requirement === 'read' && this.loopback);
  }

  /** True when a bad credential was presented (so the answer is 401 even where reads are open). */
  rejectsPresented(authorization: string | undefined, principal: Principal): boolean {
    return this.mode === 'token' && authorization !== undefined && principal.via !== 'token';
  }
}
