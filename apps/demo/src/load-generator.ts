// A steady load: one coarse timer paces requests at `rate` per second (no timer per request), at most
// `concurrency` in flight (a request due while all slots are busy is skipped and counted, never queued).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { invalidOption } from './errors.js';
import { type LoadControlServer, startLoadControl } from './load-control.js';
import { type PathWeight, parsePathMix, pathPicker } from './path-mix.js';
import { seededRandom } from './seeded-random.js';

export interface LoadGeneratorOptions {
  /** Where requests go: `http://front` through a sidecar (`proxy`), or a gateway's `http://127.0.0.1:PORT`. */
  target: string;
  /** Send through this HTTP proxy (a sidecar's outbound listener), as curl does with `http_proxy`. */
  proxy?: string | undefined;
  /** Host header sent (a gateway matches on it). Default: the target's host. */
  host?: string | undefined;
  /** Requests per second, 0 (paused) to 10000. */
  rate: number;
  /** Paths and weights: `/=8,/songs/1=1` or a list. Default `/`. */
  paths?: string | readonly PathWeight[] | undefined;
  /** Requests in flight at most. Default 64. */
  concurrency?: number | undefined;
  /** Per request. Default 10 000 ms. */
  timeoutMs?: number | undefined;
  /** Stop after sending this many requests (`done()` resolves when all have finished). Default: no limit. */
  limit?: number | undefined;
  /** Seeds the path picks. Ignored when `random` is given. */
  seed?: number | undefined;
  random?: (() => number) | undefined;
  /** Pacing timer period. Default 10 ms. */
  tickMs?: number | undefined;
  /** `HOST:PORT` for the control endpoint (`GET`/`PUT /rate`, `GET /stats`). Absent ⇒ none. */
  admin?: string | undefined;
  /** Origin allowed to call the control endpoint from a browser (the dashboard's). Default: none. */
  adminCorsOrigin?: string | undefined;
  logger?: Logger | undefined;
}

export interface LoadStats {
  rate: number;
  /** Requests sent; `completed` of them finished with an answer or an error. */
  sent: number;
  completed: number;
  /** Answers below 400. */
  ok: number;
  /** Answers of 400 and above. */
  failed: number;
  /** No answer: connection refused or reset, timeout. */
  errors: number;
  /** Due while `concurrency` requests were in flight: not sent. */
  skipped: number;
  inFlight: number;
  byStatus: Record<string, number>;
  /** By the `x-demo-version` header of the answer (`none` when absent). */
  byVersion: Record<string, number>;
}

export interface LoadGenerator {
  readonly rate: number;
  setRate(rate: number): void;
  stats(): LoadStats;
  /** `HOST:PORT` of the control endpoint, or null. */
  readonly adminAddress: string | null;
  /** Resolves when `limit` requests have finished (or the generator is closed). */
  done(): Promise<LoadStats>;
  close(): Promise<void>;
}

export const MAX_RATE = 10_000;

/** Validates a rate (requests per second, 0 to 10000); the error names `field`. */
export function parseRate(value: unknown, field = 'rate'): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > MAX_RATE) {
    throw invalidOption(
      field,
      `must be requests per second from 0 to ${MAX_RATE}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

export async function startLoadGenerator(options: LoadGeneratorOptions): Promise<LoadGenerator> {
  const target = targetUrl(options.target, 'target');
  const proxy = options.proxy ? targetUrl(options.proxy, 'proxy') : null;
  const host = options.host ?? target.host;
  let rate = parseRate(options.rate);
  const concurrency = positiveInt(options.concurrency ?? 64, 'concurrency');
  const timeoutMs = positiveInt(options.timeoutMs ?? 10_000, 'timeoutMs');
  const limit = options.limit === undefined ? Number.POSITIVE_INFINITY : positiveInt(options.limit, 'limit');
  const tickMs = positiveInt(options.tickMs ?? 10, 'tickMs');
  const random = options.random ?? (options.seed === undefined ? Math.random : seededRandom(options.seed));
  const pick = pathPicker(parsePathMix(options.paths ?? '/'), random);
  const via = proxy ?? target;
  const prefix = target.pathname.replace(/\/+$/, '');
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const counts = { sent: 0, completed: 0, ok: 0, failed: 0, errors: 0, skipped: 0, inFlight: 0 };
  const byStatus: Record<string, number> = {};
  const byVersion: Record<string, number> = {};
  let epoch = performance.now();
  let issuedSinceEpoch = 0;
  let closed = false;
  const waiters: Array<(stats: LoadStats) => void> = [];

  const stats = (): LoadStats => ({
    rate,
    ...counts,
    byStatus: { ...byStatus },
    byVersion: { ...byVersion },
  });
  const settle = () => {
    if (closed || (counts.sent >= limit && counts.inFlight === 0)) {
      for (const wake of waiters.splice(0)) wake(stats());
    }
  };

  const finish = (status: number | null, version: string | undefined) => {
    counts.inFlight -= 1;
    counts.completed += 1;
    if (status === null) counts.errors += 1;
    else {
      if (status < 400) counts.ok += 1;
      else counts.failed += 1;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      const v = version ?? 'none';
      byVersion[v] = (byVersion[v] ?? 0) + 1;
    }
    settle();
  };

  const fire = () => {
    const path = `${prefix}${pick()}`;
    counts.sent += 1;
    counts.inFlight += 1;
    let done = false;
    const end = (status: number | null, version?: string) => {
      if (done) return;
      done = true;
      finish(status, version);
    };
    const req = request(
      {
        host: via.hostname.replace(/^\[|\]$/g, ''),
        port: via.port || 80,
        method: 'GET',
        path: proxy ? `${target.protocol}//${target.host}${path}` : path,
        headers: { host, 'user-agent': 'shadowmesh-loadgen' },
        agent,
      },
      (res) => {
        const version = res.headers['x-demo-version'];
        res.on('error', () => end(null));
        res.on('end', () => end(res.statusCode ?? 0, typeof version === 'string' ? version : undefined));
        res.on('close', () => end(null));
        res.resume();
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => end(null));
    req.end();
  };

  const tick = () => {
    if (rate === 0 || counts.sent >= limit) return;
    const due = Math.floor(((performance.now() - epoch) / 1000) * rate) - issuedSinceEpoch;
    if (due <= 0) return;
    issuedSinceEpoch += due;
    for (let i = 0; i < due; i++) {
      if (counts.sent >= limit) break;
      if (counts.inFlight >= concurrency) counts.skipped += 1;
      else fire();
    }
  };
  const timer = setInterval(tick, tickMs);

  const setRate = (next: number) => {
    rate = parseRate(next);
    epoch = performance.now();
    issuedSinceEpoch = 0;
    options.logger?.info({ rate }, 'load rate changed');
  };

  let control: LoadControlServer | null = null;
  const generator: LoadGenerator = {
    get rate() {
      return rate;
    },
    setRate,
    stats,
    get adminAddress() {
      return control?.address ?? null;
    },
    done: () =>
      new Promise((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      agent.destroy();
      await control?.close();
      settle();
    },
  };
  if (options.admin !== undefined) {
    try {
      control = await startLoadControl(generator, options.admin, options.adminCorsOrigin);
    } catch (err) {
      await generator.close();
      throw err;
    }
  }
  return generator;
}

function targetUrl(value: unknown, field: string): URL {
  let url: URL | null = null;
  try {
    url = typeof value === 'string' ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (url === null || url.protocol !== 'http:') {
    throw invalidOption(field, `must be an http:// URL such as http://front, got ${JSON.stringify(value)}`);
  }
  return url;
}

function positiveInt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalidOption(field, `must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}
