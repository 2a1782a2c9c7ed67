// A fixed-rate, open-loop HTTP load generator (requests start on schedule whether or not earlier ones have
// been answered, as wrk2 does), over at most `connections` keep-alive connections. Shared by the sidecar
// soak and the proxy benchmark's steady-rate scenario.
import http from 'node:http';
import { sleep } from './common.mjs';

/**
 * Starts `rate` requests a second to `http://127.0.0.1:port/` with `headers`. Each request counts in the
 * bucket `bucketOf(startedAtMs)` returns when it starts (`{ sent, errors, latencies }`; undefined: counted
 * nowhere): `sent` then `errors` (an error, timeout or status other than 200) or its latency in ms.
 * `stop()` stops starting requests and waits (at most the timeout) for those in flight.
 */
export function startOpenLoad({ port, headers, rate, connections, timeoutMs = 5000 }, bucketOf) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const nowhere = { sent: 0, errors: 0, latencies: { push() {} } };
  const t0 = performance.now();
  let issued = 0;
  let stopped = false;
  let pending = 0;
  const fire = () => {
    const bucket = bucketOf(performance.now()) ?? nowhere;
    bucket.sent++;
    pending++;
    const start = performance.now();
    let done = false;
    const finish = (error) => {
      if (done) return;
      done = true;
      pending--;
      if (error) bucket.errors++;
      else bucket.latencies.push(performance.now() - start);
    };
    const req = http.request({ host: '127.0.0.1', port, path: '/', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => finish(res.statusCode !== 200));
      res.on('error', () => finish(true));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => finish(true));
    req.end();
  };
  const tick = () => {
    if (stopped) return;
    const due = Math.floor(((performance.now() - t0) * rate) / 1000);
    while (issued < due) {
      issued++;
      fire();
    }
    setTimeout(tick, 1);
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      const deadline = Date.now() + timeoutMs + 1000;
      while (pending > 0 && Date.now() < deadline) await sleep(50);
      agent.destroy();
    },
  };
}
