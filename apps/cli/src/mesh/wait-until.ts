// Waiting on conditions (a sidecar ready, proxies synced), never on fixed sleeps: the condition is checked
// every `intervalMs` until it holds or `timeoutMs` passes.
import { connect } from 'node:net';

export class WaitTimeoutError extends Error {
  constructor(what: string, timeoutMs: number, last: string | null) {
    super(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last: ${last})` : ''}`);
    this.name = 'WaitTimeoutError';
  }
}

export interface WaitOptions {
  /** What is awaited, for the timeout message: `back-v1 sidecar /ready`. */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Checked as well: a failure (such as a child that exited) ends the wait at once. */
  abort?: () => Error | null;
}

/** Resolves with the first value `check` returns other than undefined; `check` may describe its state in `note`. */
export async function waitUntil<T>(
  check: (note: (state: string) => void) => Promise<T | undefined>,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: string | null = null;
  const note = (state: string) => {
    last = state;
  };
  for (;;) {
    const failure = options.abort?.();
    if (failure) throw failure;
    const value = await check(note);
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new WaitTimeoutError(options.what, options.timeoutMs, last);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

/** GET `url`; `null` when nothing answers (refused, reset, timeout). */
export async function httpGet(
  url: string,
  timeoutMs = 2_000,
): Promise<{ status: number; text: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, text: await res.text() };
  } catch {
    return null;
  }
}

/** True once something accepts TCP connections at host:port. */
export function canConnect(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
