// The `/api/v1/tap` WebSocket of `shadowmesh tap`: subscribes on every (re)connect, hands each message on,
// and reconnects with backoff when the connection drops. A refused upgrade (401, 404) ends it.
import type { TapStreamMessage, TapSubscribe } from '@shadowmesh/api';
import WebSocket from 'ws';
import { CliError, ConnectionError } from './cli-error.js';
import type { ClientSettings } from './client-options.js';

export interface TapConnectionOptions {
  settings: Pick<ClientSettings, 'server' | 'token' | 'tokenSource'>;
  subscribe: TapSubscribe;
  /** Returning `stop` ends the stream (the promise resolves). */
  onMessage: (message: TapStreamMessage) => 'stop' | undefined;
  /** One line for stderr (lost, reconnecting, reconnected). */
  onNotice: (line: string) => void;
  /** Ends the stream (Ctrl-C): the promise then resolves. */
  until: Promise<unknown>;
  /** Backoff after a drop: first delay, doubled each failure up to `maxMs`. Default 500 ms → 10 s. */
  backoff?: { initialMs: number; maxMs: number };
}

/** The WebSocket URL of the tap stream: `ws://host:port/api/v1/tap`. */
export function tapUrl(server: string): string {
  const url = new URL(`${server}/api/v1/tap`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

type Attempt =
  | { kind: 'stopped' }
  | { kind: 'refused'; error: CliError }
  /** `openMs`: how long the socket had been open (null: it never opened). */
  | { kind: 'lost'; openMs: number | null; reason: string };

/** A connection that stayed up this long starts the backoff again; a shorter one keeps backing off. */
const STABLE_MS = 5_000;

/**
 * Streams until `until` resolves (→ resolves) or the server refuses the client (→ rejects with CliError).
 * The first connection failing is an error; a later drop reconnects with backoff and says so.
 */
export async function runTapConnection(options: TapConnectionOptions): Promise<void> {
  const url = tapUrl(options.settings.server);
  const { initialMs, maxMs } = options.backoff ?? { initialMs: 500, maxMs: 10_000 };
  let stopped = false;
  const stopHooks = new Set<() => void>();
  void options.until.then(() => {
    stopped = true;
    for (const hook of stopHooks) hook();
  });
  let everOpened = false;
  let delay = initialMs;
  for (;;) {
    const attempt = stopped
      ? ({ kind: 'stopped' } as const)
      : await connectOnce(url, options, everOpened, stopHooks);
    if (attempt.kind === 'stopped' || stopped) return;
    if (attempt.kind === 'refused') throw attempt.error;
    if (!everOpened && attempt.openMs === null) {
      throw new ConnectionError(options.settings.server, attempt.reason);
    }
    if (attempt.openMs !== null) everOpened = true;
    if (attempt.openMs !== null && attempt.openMs >= STABLE_MS) delay = initialMs;
    options.onNotice(`tap: connection lost (${attempt.reason}); reconnecting in ${formatDelay(delay)}…`);
    // The timer keeps the process alive while it waits (nothing else may), and is cleared on Ctrl-C.
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      options.until.then(() => 'stopped' as const),
      new Promise<'retry'>((resolve) => {
        timer = setTimeout(() => resolve('retry'), delay);
      }),
    ]);
    clearTimeout(timer);
    if (waited === 'stopped') return;
    delay = Math.min(delay * 2, maxMs);
  }
}

function connectOnce(
  url: string,
  options: TapConnectionOptions,
  reconnecting: boolean,
  stopHooks: Set<() => void>,
): Promise<Attempt> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'x-shadowmesh-client': 'cli' };
    if (options.settings.token) headers.authorization = `Bearer ${options.settings.token}`;
    const socket = new WebSocket(url, { headers, handshakeTimeout: 10_000 });
    let openedAt: number | null = null;
    const openMs = () => (openedAt === null ? null : performance.now() - openedAt);
    let settled = false;
    const onStop = () => {
      finish({ kind: 'stopped' });
      socket.close(1000, 'client stopped');
      // A socket still connecting or closing is cut soon: Ctrl-C must not wait for the server.
      setTimeout(() => socket.terminate(), 200).unref();
    };
    const finish = (attempt: Attempt) => {
      if (settled) return;
      settled = true;
      stopHooks.delete(onStop);
      resolve(attempt);
    };
    stopHooks.add(onStop);
    socket.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      socket.terminate();
      if (status === 401 || status === 403 || status === 404) {
        finish({ kind: 'refused', error: refusal(status, options) });
      } else {
        finish({ kind: 'lost', openMs: null, reason: `HTTP ${status}` });
      }
    });
    socket.on('open', () => {
      openedAt = performance.now();
      socket.send(JSON.stringify(options.subscribe));
      if (reconnecting) options.onNotice(`tap: reconnected to ${url}`);
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: TapStreamMessage;
      try {
        message = JSON.parse(data.toString()) as TapStreamMessage;
      } catch {
        return; // Not ours to judge: a later server may send more; the CLI shows what it knows.
      }
      if (typeof message !== 'object' || message === null || typeof message.type !== 'string') return;
      let next: 'stop' | undefined;
      try {
        next = options.onMessage(message);
      } catch (err) {
        // Nothing escapes a socket callback: a failing handler ends the stream with its error.
        socket.terminate();
        finish({ kind: 'refused', error: err instanceof CliError ? err : new CliError(String(err)) });
        return;
      }
      if (next === 'stop') {
        finish({ kind: 'stopped' });
        socket.close(1000, 'client stopped');
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      finish({ kind: 'lost', openMs: openMs(), reason: err.code ?? err.message });
    });
    socket.on('close', (code, reason) => {
      const text = reason.toString();
      finish({ kind: 'lost', openMs: openMs(), reason: text ? `${code} ${text}` : `code ${code}` });
    });
  });
}

function refusal(status: number, options: TapConnectionOptions): CliError {
  const { server, tokenSource } = options.settings;
  if (status === 404) {
    return new CliError(
      `${server} has no tap stream (/api/v1/tap answered 404): is it an older control plane?`,
    );
  }
  const hint =
    tokenSource === 'none'
      ? 'pass --token, set SHADOWMESH_TOKEN, or point --data at the directory where the control plane keeps its token'
      : `the token (from ${tokenSource === 'flag' ? '--token' : tokenSource === 'env' ? 'SHADOWMESH_TOKEN' : 'the data directory'}) was not accepted`;
  return new CliError(`the control plane refused the tap stream (HTTP ${status}): ${hint}`);
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
}
