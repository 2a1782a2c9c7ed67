// For the WebSocket fuzz targets: a listening app whose error-level log lines and the process's unhandled
// rejections are collected (each is a crash the sockets swallowed), and a raw WebSocket client that records
// every message and the close, and waits on conditions without polling.
import { Writable } from 'node:stream';
import { fuzzParams } from '@shadowmesh/api/testing';
import fc from 'fast-check';
import pino from 'pino';
import { expect } from 'vitest';
import WebSocket from 'ws';
import type { AppOptions } from '../app.js';
import { testApp } from './test-app.js';

export interface FuzzApp {
  app: Awaited<ReturnType<typeof testApp>>['app'];
  url: string;
  token: string;
  /** Error-level log lines (a handler caught an exception) and unhandled rejections, so far. */
  crashes: string[];
  /** The listener still answers HTTP. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export async function listeningFuzzApp(extra: Partial<Omit<AppOptions, 'config'>> = {}): Promise<FuzzApp> {
  const crashes: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      crashes.push(`log: ${chunk.toString('utf8').slice(0, 500)}`);
      done();
    },
  });
  const onRejection = (reason: unknown) => crashes.push(`unhandled rejection: ${String(reason)}`);
  process.on('unhandledRejection', onRejection);
  const t = await testApp({ auth: 'token' }, { logger: pino({ level: 'error' }, sink), ...extra });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app: t.app,
    url,
    token: t.app.services.auth.token as string,
    crashes,
    healthy: async () => t.app.server.listening && (await fetch(`${url}/healthz`)).status === 200,
    close: async () => {
      process.off('unhandledRejection', onRejection);
      await t.close();
    },
  };
}

export type Outgoing = { text: string } | { binary: Uint8Array };

export class FuzzSocket {
  /** Every message received, JSON-decoded (the raw text when it is not JSON). */
  readonly messages: unknown[] = [];
  closed: { code: number; reason: string } | null = null;
  readonly #ws: WebSocket;
  readonly #waiters = new Set<() => void>();

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data) => {
      const text = String(data);
      try {
        this.messages.push(JSON.parse(text));
      } catch {
        this.messages.push(text);
      }
      this.#wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.#wake();
    });
    ws.on('error', () => {});
  }

  static connect(baseUrl: string, path: string, token: string): Promise<FuzzSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new FuzzSocket(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(message: Outgoing): void {
    if (this.#ws.readyState !== WebSocket.OPEN) return;
    if ('text' in message) this.#ws.send(message.text);
    else this.#ws.send(message.binary, { binary: true });
  }

  /** Resolves when `check()` holds (tested on every message and on close); rejects after `timeoutMs`. */
  waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const test = () => {
        if (!check()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages).slice(0, 500)}`),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#waiters.delete(test);
      };
      this.#waiters.add(test);
      test();
    });
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

/**
 * One fuzz property over fresh sockets: for each generated value a new socket on `path`, `check(socket,
 * value)`, the socket closed, no crash since; and the listener still up at the end.
 */
export async function fuzzOverSockets<T>(
  f: FuzzApp,
  path: string,
  values: fc.Arbitrary<T>,
  runs: number,
  check: (socket: FuzzSocket, value: T) => Promise<void>,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(values, async (value) => {
      const socket = await FuzzSocket.connect(f.url, path, f.token);
      try {
        await check(socket, value);
      } finally {
        await socket.close();
      }
      expect(f.crashes).toEqual([]);
    }),
    fuzzParams(runs),
  );
  expect(await f.healthy()).toBe(true);
}
