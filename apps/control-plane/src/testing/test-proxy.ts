// A real WebSocket proxy client for tests: says hello, collects messages, waits on conditions.
import {
  type ControlPlaneToProxy,
  PROXY_PROTOCOL_VERSION,
  type ProxyConfigSnapshot,
  type ProxyIdentity,
} from '@shadowmesh/api';
import WebSocket from 'ws';

export class TestProxy {
  readonly messages: ControlPlaneToProxy[] = [];
  closed: { code: number; reason: string } | null = null;
  readonly #ws: WebSocket;
  readonly #waiters = new Set<() => void>();

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as ControlPlaneToProxy);
      this.#wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.#wake();
    });
  }

  /** Opens the socket; rejects with the HTTP status when the upgrade is refused. */
  static connect(baseUrl: string, token?: string): Promise<TestProxy> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/api/v1/proxies/connect`;
    const ws = new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestProxy(ws)));
      ws.once('unexpected-response', (req, res) => {
        res.resume();
        req.destroy();
        reject(new Error(`HTTP ${res.statusCode}`));
      });
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.#ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  hello(identity: Partial<ProxyIdentity> & { id: string }, protocolVersion = PROXY_PROTOCOL_VERSION): void {
    this.send({ type: 'hello', protocolVersion, proxy: identityOf(identity) });
  }

  /** The newest config snapshot received, or null. */
  latestConfig(): ProxyConfigSnapshot | null {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i]!;
      if (m.type === 'config') return m.snapshot;
    }
    return null;
  }

  /** Resolves when `predicate` holds (checked on every message and every 10 ms); rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | null | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const poll = setInterval(check, 10);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  waitForConfig(test: (s: ProxyConfigSnapshot) => boolean, what = 'a config'): Promise<ProxyConfigSnapshot> {
    return this.waitFor(() => {
      const s = this.latestConfig();
      return s && test(s) ? s : null;
    }, what);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.#ws.once('close', () => resolve());
      this.#ws.close();
    });
  }

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }
}

export function identityOf(p: Partial<ProxyIdentity> & { id: string }): ProxyIdentity {
  return {
    kind: 'sidecar',
    workload: p.id.split('.')[0] ?? p.id,
    namespace: 'default',
    labels: {},
    inbound: null,
    outbound: null,
    admin: null,
    ...p,
  };
}
