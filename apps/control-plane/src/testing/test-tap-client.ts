// A real `/api/v1/tap` WebSocket client for tests: collects messages, waits on conditions.
import type { TapStreamMessage } from '@shadowmesh/api';
import WebSocket from 'ws';
import { waitUntil } from './mesh/wait-until.js';

export class TestTapClient {
  readonly messages: TapStreamMessage[] = [];
  readonly #ws: WebSocket;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data) => this.messages.push(JSON.parse(String(data)) as TapStreamMessage));
  }

  static connect(baseUrl: string, token?: string): Promise<TestTapClient> {
    const ws = new WebSocket(
      `${baseUrl.replace(/^http/, 'ws')}/api/v1/tap`,
      token ? { headers: { authorization: `Bearer ${token}` } } : {},
    );
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestTapClient(ws)));
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

  /** `flow` messages' request ids, in arrival order (updates repeat an id). */
  flowIds(): string[] {
    return this.messages.flatMap((m) => (m.type === 'flow' ? [m.flow.requestId] : []));
  }

  waitFor<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    return waitUntil(check, what, timeoutMs, 10);
  }

  close(): Promise<void> {
    if (this.#ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.#ws.once('close', () => resolve());
      this.#ws.close();
    });
  }
}
