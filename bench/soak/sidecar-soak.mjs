// Sidecar soak: a Shadowmesh sidecar (standalone --config, compiled CLI) routes to an nginx upstream and
// mirrors 100 % to a BLACKHOLE (a TCP server on 127.0.0.1 that accepts and never reads nor answers), under
// a steady open-loop load at a fixed rate for the whole run. Reports per slice (a minute by default): client
// req/s, p50, p99, errors, mirror outcomes; the sidecar's RSS and open file descriptors; and the mirror
// copies in flight, sampled every second from the admin endpoint, against the cap.
// Run: ./node_modules/.bin/tsc -b && node bench/soak/sidecar-soak.mjs [--minutes 10] [--rate 1000]
//      [--connections 32] [--slice-seconds 60]          (quick check: --minutes 1, 15 s slices)

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNginx, upstreamConfig } from '../proxy/nginx.mjs';
import { startSidecar } from '../proxy/shadowmesh.mjs';
import {
  freePort,
  loadAverage,
  mib,
  parseArgs,
  percentile,
  round2,
  rssBytes,
  sleep,
  table,
} from './common.mjs';
import { startOpenLoad } from './open-loop-load.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cli = join(root, 'apps', 'cli', 'bin', 'shadowmesh.mjs');
const args = parseArgs();
const MINUTES = Number(args.minutes ?? 10);
const RATE = Number(args.rate ?? 1000);
const CONNECTIONS = Number(args.connections ?? 32);
const SLICE_S = Number(args['slice-seconds'] ?? (MINUTES < 2 ? 15 : 60));
const DURATION_S = Math.round(MINUTES * 60);
const SLICES = Math.max(1, Math.round(DURATION_S / SLICE_S));
/** Load runs this long before the first slice (JIT, connection pools, the cap filling up): not measured. */
const WARMUP_S = Number(args['warmup-seconds'] ?? (MINUTES < 2 ? 5 : 15));
const REQUEST_TIMEOUT_MS = 5000;
/** The blackhole closes a connection this long after accepting it (the sidecar gave up on it after its
 * mirror timeout, 5 s by default); without it the never-read sockets would pile up in this process. */
const BLACKHOLE_REAP_MS = 30_000;
/** The documented default of MeshConfig `mirror.maxInFlight`, used if /config_dump does not show it. */
const DEFAULT_CAP = 256;
const RSS_PLATEAU = 0.15;
const P99_TOLERANCE = 0.1;

const work = mkdtempSync(join(tmpdir(), 'shadowmesh-soak-sidecar-'));
const stoppers = [];
const killOnExit = [];
process.on('exit', () => {
  for (const pid of killOnExit) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

/** Accepts connections and never reads from them (paused at accept) nor writes to them. */
function startBlackhole() {
  const sockets = new Set();
  let accepted = 0;
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    accepted++;
    socket.acceptedAt = Date.now();
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  const reaper = setInterval(() => {
    const cutoff = Date.now() - BLACKHOLE_REAP_MS;
    for (const s of sockets) if (s.acceptedAt < cutoff) s.destroy();
  }, 1000);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: server.address().port,
        accepted: () => accepted,
        open: () => sockets.size,
        close: () =>
          new Promise((done) => {
            clearInterval(reaper);
            for (const s of sockets) s.destroy();
            server.close(done);
          }),
      }),
    ),
  );
}

const fdCount = (pid) => {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
};

async function admin(port, path) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  const text = await res.text();
  if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${text}`);
  return text;
}

/** Sum of a Prometheus family's samples, optionally grouped by one label. */
function promSum(text, family, byLabel) {
  const out = byLabel ? {} : { total: 0 };
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${family}{`) && !line.startsWith(`${family} `)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (!byLabel) {
      out.total += value;
      continue;
    }
    const key = line.match(new RegExp(`${byLabel}="([^"]*)"`))?.[1] ?? '';
    out[key] = (out[key] ?? 0) + value;
  }
  return byLabel ? out : out.total;
}

/** The first `maxInFlight` anywhere in the config dump (the mirror settings of the route), if shown. */
function findKey(value, key) {
  if (value === null || typeof value !== 'object') return undefined;
  if (key in value && typeof value[key] === 'number') return value[key];
  for (const v of Object.values(value)) {
    const found = findKey(v, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

const warmup = { sent: 0, errors: 0, latencies: { push() {} } };

/** Fixed-rate open-loop load (open-loop-load.mjs); each request counts in the slice it started in
 * (requests started outside the slices, during the warm-up or after the last one, in `warmup`). */
function startLoad(port, slices, sliceOf) {
  return startOpenLoad(
    {
      port,
      headers: { host: 'upstream.bench' },
      rate: RATE,
      connections: CONNECTIONS,
      timeoutMs: REQUEST_TIMEOUT_MS,
    },
    (now) => slices[sliceOf(now)] ?? warmup,
  );
}

let exitCode = 0;
let result;
try {
  const ports = { upstream: await freePort(), sidecar: await freePort(), admin: await freePort() };
  const upstreamDir = join(work, 'upstream');
  const upstream = await startNginx(
    upstreamDir,
    upstreamConfig(upstreamDir, [ports.upstream]),
    ports.upstream,
  );
  killOnExit.push(upstream.pid);
  stoppers.push(() => upstream.stop());
  const blackhole = await startBlackhole();
  stoppers.push(() => blackhole.close());
  const sidecar = await startSidecar(work, cli, {
    outboundPort: ports.sidecar,
    adminPort: ports.admin,
    upstreamPort: ports.upstream,
    mirrorPort: blackhole.port,
  });
  killOnExit.push(sidecar.pid);
  stoppers.unshift(() => sidecar.stop());
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`http://127.0.0.1:${ports.admin}/ready`).catch(() => null);
    if (res?.ok) break;
    await sleep(100);
  }
  const dump = JSON.parse(await admin(ports.admin, '/config_dump'));
  const dumpedCap = findKey(dump.routeTable, 'maxInFlight');
  const cap = dumpedCap ?? DEFAULT_CAP;
  const idleRss = rssBytes(sidecar.pid);
  const loadBefore = loadAverage();
  console.log(
    `sidecar pid ${sidecar.pid} on 127.0.0.1:${ports.sidecar} (admin ${ports.admin}) → nginx ${ports.upstream}, ` +
      `mirror 100 % → blackhole ${blackhole.port}; cap ${cap} (${dumpedCap === undefined ? 'documented default' : 'from /config_dump'})`,
  );
  console.log(
    `load: ${RATE} req/s fixed rate over ≤ ${CONNECTIONS} keep-alive connections, ${WARMUP_S} s warm-up, then ${SLICES} × ${SLICE_S} s; load average ${loadBefore}`,
  );

  const slices = Array.from({ length: SLICES }, () => ({
    sent: 0,
    errors: 0,
    latencies: [],
    inFlightMax: 0,
    inFlightSamples: [],
  }));
  let tStart = Number.POSITIVE_INFINITY;
  const sliceOf = (now) => Math.floor((now - tStart) / (SLICE_S * 1000));
  const load = startLoad(ports.sidecar, slices, sliceOf);
  await sleep(WARMUP_S * 1000);
  tStart = performance.now();
  /** Every second: in-flight copies (sum over mirror targets) and the sidecar's RSS. */
  const samples = [];
  let samplerErrors = 0;
  const sampler = setInterval(async () => {
    const t = (performance.now() - tStart) / 1000;
    try {
      const text = await admin(ports.admin, '/stats/prometheus');
      const inFlight = promSum(text, 'shadowmesh_mirror_in_flight');
      const s = { t, inFlight, rss: rssBytes(sidecar.pid), blackholeOpen: blackhole.open() };
      samples.push(s);
      const slice = slices[Math.min(SLICES - 1, Math.floor(t / SLICE_S))];
      slice.inFlightMax = Math.max(slice.inFlightMax, inFlight);
      slice.inFlightSamples.push(inFlight);
    } catch {
      samplerErrors++;
    }
  }, 1000);

  const rows = [];
  let outcomes0 = promSum(
    await admin(ports.admin, '/stats/prometheus'),
    'shadowmesh_mirror_requests_total',
    'outcome',
  );
  let accepted0 = blackhole.accepted();
  for (let k = 0; k < SLICES; k++) {
    const endAt = tStart + (k + 1) * SLICE_S * 1000;
    await sleep(Math.max(0, endAt - performance.now()));
    const text = await admin(ports.admin, '/stats/prometheus');
    const outcomes = promSum(text, 'shadowmesh_mirror_requests_total', 'outcome');
    const delta = Object.fromEntries(
      Object.entries(outcomes)
        .map(([o, n]) => [o, n - (outcomes0[o] ?? 0)])
        .filter(([, n]) => n > 0),
    );
    outcomes0 = outcomes;
    const accepted = blackhole.accepted() - accepted0;
    accepted0 = blackhole.accepted();
    rows.push({
      slice: k + 1,
      rss: rssBytes(sidecar.pid),
      fds: fdCount(sidecar.pid),
      mirrorOutcomes: delta,
      blackholeAccepted: accepted,
      load: loadAverage(),
    });
    // Requests of this slice may still be in flight: the figures are taken when the next slice starts.
    console.log(
      `slice ${k + 1}/${SLICES}: rss ${mib(rows[k].rss)} MiB, fds ${rows[k].fds}, in flight max ${slices[k].inFlightMax}, ` +
        `sent ${slices[k].sent}, copies ${JSON.stringify(delta)}, load ${rows[k].load}`,
    );
  }
  await load.stop();
  clearInterval(sampler);
  const endRss = rssBytes(sidecar.pid);

  for (let k = 0; k < SLICES; k++) {
    const s = slices[k];
    const sorted = Float64Array.from(s.latencies).sort();
    Object.assign(rows[k], {
      rps: Math.round((s.latencies.length + s.errors) / SLICE_S),
      p50: round2(percentile(sorted, 50)),
      p99: round2(percentile(sorted, 99)),
      max: round2(sorted.at(-1) ?? Number.NaN),
      errors: s.errors,
      inFlightMax: s.inFlightMax,
      inFlightMean: Math.round(
        s.inFlightSamples.reduce((a, b) => a + b, 0) / (s.inFlightSamples.length || 1),
      ),
    });
  }
  const rssAt = (t) => samples.reduce((best, s) => (Math.abs(s.t - t) < Math.abs(best.t - t) ? s : best)).rss;
  const rss = {
    idle: idleRss,
    start: rssAt(Math.min(10, DURATION_S / 6)),
    middle: rssAt(DURATION_S / 2),
    end: endRss,
    peak: Math.max(...samples.map((s) => s.rss)),
  };
  const inFlightMax = Math.max(...samples.map((s) => s.inFlight));
  const overCap = samples.filter((s) => s.inFlight > cap).length;
  const p99First = rows[0].p99;
  const p99Ratios = rows.slice(1).map((r) => round2(r.p99 / p99First));
  const checks = {
    rssPlateau: Math.abs(rss.end - rss.middle) / rss.middle <= RSS_PLATEAU,
    inFlightWithinCap: overCap === 0 && samples.length > 0,
    p99Stable: p99Ratios.every((r) => r <= 1 + P99_TOLERANCE),
    noErrors: rows.every((r) => r.errors === 0),
  };
  result = {
    date: new Date().toISOString(),
    node: process.version,
    minutes: MINUTES,
    rate: RATE,
    connections: CONNECTIONS,
    sliceSeconds: SLICE_S,
    warmupSeconds: WARMUP_S,
    warmupErrors: warmup.errors,
    cap,
    capSource: dumpedCap === undefined ? 'default' : 'config_dump',
    loadAverage: { before: loadBefore, after: loadAverage() },
    slices: rows,
    rss,
    inFlight: { max: inFlightMax, cap, samples: samples.length, samplesOverCap: overCap, samplerErrors },
    p99Ratios,
    checks,
    pass: checks.rssPlateau && checks.inFlightWithinCap && checks.p99Stable && checks.noErrors,
  };

  console.log(
    `\n## sidecar soak: ${MINUTES} min at ${RATE} req/s, mirror 100 % → blackhole (cap ${cap}), ${result.date}\n`,
  );
  console.log(
    table(
      [
        'slice',
        'req/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'p99 / first',
        'errors',
        'RSS MiB',
        'fds',
        'in flight max / mean',
        'copies started (accepted conns)',
        'copies by outcome',
        'load avg',
      ],
      rows.map((r, k) => [
        r.slice,
        r.rps,
        r.p50,
        r.p99,
        r.max,
        k === 0 ? '1.00' : p99Ratios[k - 1].toFixed(2),
        r.errors,
        mib(r.rss),
        r.fds,
        `${r.inFlightMax} / ${r.inFlightMean}`,
        r.blackholeAccepted,
        Object.entries(r.mirrorOutcomes)
          .map(([o, n]) => `${o} ${n}`)
          .join(', '),
        r.load,
      ]),
    ),
  );
  console.log(
    `\nRSS MiB: idle ${mib(rss.idle)}, start ${mib(rss.start)}, middle ${mib(rss.middle)}, end ${mib(rss.end)}, peak ${mib(rss.peak)}`,
  );
  console.log(
    `in-flight copies: max ${inFlightMax} over ${samples.length} one-second samples, cap ${cap}; samples over cap ${overCap}`,
  );
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  console.log(
    `${verdict(checks.rssPlateau)}  RSS plateau: end ${mib(rss.end)} MiB vs middle ${mib(rss.middle)} MiB = ${round2(((rss.end - rss.middle) / rss.middle) * 100)} % (limit ±${RSS_PLATEAU * 100} %)`,
  );
  console.log(
    `${verdict(checks.inFlightWithinCap)}  in-flight copies never above the cap (${inFlightMax} ≤ ${cap})`,
  );
  console.log(
    `${verdict(checks.p99Stable)}  p99 of every later slice within ${P99_TOLERANCE * 100} % of the first (${p99First} ms): ratios ${p99Ratios.join(', ') || 'n/a (one slice)'}`,
  );
  console.log(`${verdict(checks.noErrors)}  no client errors (${rows.reduce((n, r) => n + r.errors, 0)})`);
  console.log(
    `load average ${result.loadAverage.before} → ${result.loadAverage.after} on a shared 2-core machine${result.loadAverage.after > 2 ? ': p99 is sensitive to other work on the machine' : ''}`,
  );
  console.log(result.pass ? 'PASS' : 'FAIL');
  const out = join(root, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'sidecar-soak.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (!result.pass) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 2;
} finally {
  for (const stop of stoppers) await stop().catch(() => {});
  killOnExit.length = 0;
  rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
