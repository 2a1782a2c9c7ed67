// A bounded, fixed-rate load loop through a sidecar's outbound listener (an HTTP forward proxy): each
// request is `GET http://HOST/PATH` in absolute form, as curl sends it with HTTP_PROXY. Requests that
// would exceed `maxInFlight` are skipped and counted, never queued.
import { Agent, request } from 'node:http';

export interface LoadOptions {
  /** The outbound listener, `127.0.0.1:PORT`. */
  proxy: string;
  /** Absolute URL to request, e.g. `http://httpbin:8000/get`. */
  url: string;
  rps: number;
  durationMs: number;
  /** Hard cap on requests sent (default rps × duration). */
  maxRequests?: number;
  maxInFlight?: number;
}

export interface LoadStats {
  sent: number;
  completed: number;
  skipped: number;
  /** Transport failures (no HTTP answer). */
  failed: number;
  statuses: Record<string, number>;
}

export interface RunningLoad {
  stats: LoadStats;
  /** Resolves when the loop has ended and every request has settled. */
  done: Promise<LoadStats>;
  stop(): void;
}

export function startLoad(options: LoadOptions): RunningLoad {
  const [host, port] = splitHostPort(options.proxy);
  const maxRequests = options.maxRequests ?? Math.ceil((options.rps * options.durationMs) / 1000);
  const maxInFlight = options.maxInFlight ?? 32;
  const period = 1000 / options.rps;
  const agent = new Agent({ keepAlive: true, maxSockets: maxInFlight });
  const target = new URL(options.url);
  const stats: LoadStats = { sent: 0, completed: 0, skipped: 0, failed: 0, statuses: {} };
  const start = performance.now();
  let inFlight = 0;
  let stopped = false;
  let finish: (s: LoadStats) => void = () => {};
  const done = new Promise<LoadStats>((resolve) => {
    finish = resolve;
  });
  const settle = () => {
    inFlight--;
    maybeDone();
  };
  const maybeDone = () => {
    if (stopped && inFlight === 0) {
      agent.destroy();
      finish(stats);
    }
  };
  const fire = () => {
    stats.sent++;
    inFlight++;
    const req = request(
      { host, port, method: 'GET', path: options.url, headers: { host: target.host }, agent },
      (res) => {
        const code = String(res.statusCode ?? 0);
        stats.statuses[code] = (stats.statuses[code] ?? 0) + 1;
        res.resume();
        res.once('end', () => {
          stats.completed++;
          settle();
        });
        res.once('error', () => settle());
      },
    );
    req.once('error', () => {
      stats.failed++;
      settle();
    });
    req.end();
  };
  const timer = setInterval(() => {
    const elapsed = performance.now() - start;
    const due = Math.min(maxRequests, Math.floor(elapsed / period) + 1);
    while (stats.sent + stats.skipped < due) {
      if (inFlight >= maxInFlight) stats.skipped++;
      else fire();
    }
    if (elapsed >= options.durationMs || stats.sent + stats.skipped >= maxRequests) stop();
  }, 5);
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    maybeDone();
  };
  return { stats, done, stop };
}

function splitHostPort(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at).replace(/^\[|\]$/g, ''), Number(address.slice(at + 1))];
}
