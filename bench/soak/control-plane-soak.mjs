// Control-plane soak: the control plane from compiled JavaScript in its own process (bench/soak/
// control-plane-child.mjs, which is dist/testing/child-server.js plus a memory probe over IPC), N simulated
// proxies as real `ws` WebSocket clients speaking the proxy protocol (hello, ACK every config snapshot, a
// compact telemetry delta every second with 50 edge keys, and a `flows` message with one sampled exchange —
// a primary and its mirror copy — every few seconds), while a writer applies a config change every few
// seconds (every one a new revision in the history and a snapshot pushed to every proxy). Every 10 s it
// samples the control plane's heap (as sampled and after a forced full GC), RSS, history size, flows held,
// telemetry store size and the store's files on disk.
// Run: ./node_modules/.bin/tsc -b && node bench/soak/control-plane-soak.mjs [--minutes 10] [--proxies 500]
//      [--write-every 3] [--flows-every 5] [--history-revisions N]                 (quick check: --minutes 1 --proxies 50)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { jsonBody, mirrorRecord, primaryRecord } from '../../apps/control-plane/dist/testing/flow-records.js';
import { proxyCompactTelemetry, proxyIdentity, TOPOLOGY } from '../telemetry/topology.mjs';
import { firstJsonLine, loadAverage, mib, parseArgs, rssBytes, sleep, table } from './common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const CHILD = join(here, 'control-plane-child.mjs');
const args = parseArgs();
const MINUTES = Number(args.minutes ?? 10);
const PROXIES = Number(args.proxies ?? 500);
const WRITE_EVERY_S = Number(args['write-every'] ?? 3);
const FLOWS_EVERY_S = Number(args['flows-every'] ?? 5);
const SAMPLE_EVERY_S = 10;
const DURATION_S = Math.round(MINUTES * 60);
const PROTOCOL_VERSION = 1;
const KEY_REFRESH_SECONDS = 30;
const VARIANTS = 4;
const HEAP_PLATEAU = 0.15;
/** Documented bounds (apps/control-plane/README.md): the flow ring, the telemetry store. */
const FLOW_RING_EXCHANGES = 5000;
const TELEMETRY_MAX_BYTES = 512 * 1024 * 1024;
const TELEMETRY_MAX_SERIES = 50_000;
/** `--history-revisions N` is passed to the control plane (its own default otherwise: 10,000). */
const HISTORY_REVISIONS = args['history-revisions'] ? Number(args['history-revisions']) : null;

if (!existsSync(join(root, 'apps/control-plane/dist/server.js'))) {
  console.error('apps/control-plane/dist is missing: build first with ./node_modules/.bin/tsc -b');
  process.exit(2);
}

const dataDir = mkdtempSync(join(tmpdir(), 'shadowmesh-soak-cp-'));
const cp = spawn(
  process.execPath,
  [
    '--expose-gc',
    CHILD,
    '--data',
    dataDir,
    '--listen',
    '127.0.0.1:0',
    '--auth',
    'none',
    ...(HISTORY_REVISIONS ? ['--history-revisions', String(HISTORY_REVISIONS)] : []),
  ],
  { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
);
process.on('exit', () => cp.kill('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
/** The history's documented retention (`--history-revisions`), as the control plane reports it; null: none. */
const { url, historyRevisions: HISTORY_RETENTION } = await firstJsonLine(cp);

function memory() {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no memory answer within 10 s')), 10_000);
    const onMessage = (m) => {
      if (m?.type !== 'memory') return;
      clearTimeout(timer);
      cp.off('message', onMessage);
      resolve(m);
    };
    cp.on('message', onMessage);
    cp.send('memory');
  });
}

async function getJson(path) {
  const res = await fetch(`${url}${path}`);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function metrics(names) {
  const text = await (await fetch(`${url}/metrics?${names.map((n) => `name=${n}`).join('&')}`)).text();
  const out = Object.fromEntries(names.map((n) => [n, 0]));
  for (const line of text.split('\n')) {
    const name = line.match(/^([a-z_]+)[{ ]/)?.[1];
    if (name && name in out) out[name] += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return out;
}

/** Revisions the history holds: every page of GET /api/v1/history, and the head revision. */
async function historySize() {
  let count = 0;
  let before = '';
  let head = 0;
  for (;;) {
    const page = await getJson(`/api/v1/history?limit=1000${before}`);
    head = head || page.headRevision;
    count += page.items.length;
    if (page.items.length < 1000) break;
    before = `&before=${page.items.at(-1).revision}`;
  }
  return { count, head };
}

const dirBytes = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );

const json = (body) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-shadowmesh-client': 'api' },
  body: JSON.stringify(body),
});

async function baseConfig() {
  const docs = [];
  for (let s = 0; s < TOPOLOGY.services; s++) {
    docs.push(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `svc-${s}`, namespace: 'bench' },
        spec: { selector: { app: `svc-${s}` }, ports: [{ name: 'http', port: 8000 }] },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: `svc-${s}`, namespace: 'bench' },
        spec: {
          host: `svc-${s}`,
          subsets: [1, 2, 3].map((v) => ({ name: `v${v}`, labels: { version: `v${v}` } })),
        },
      },
    );
  }
  const res = await fetch(`${url}/api/v1/apply`, json(docs));
  if (!res.ok) throw new Error(`base config failed: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/** One config change: a VirtualService of one of 10 services, weights moved, mirroring to v3. */
let writes = 0;
let writeErrors = 0;
async function write() {
  const seq = ++writes;
  const s = seq % 10;
  const body = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: `svc-${s}`, namespace: 'bench', labels: { seq: String(seq) } },
    spec: {
      hosts: [`svc-${s}`],
      http: [
        {
          route: [
            { destination: { host: `svc-${s}`, subset: 'v1' }, weight: 100 - (seq % 100) },
            { destination: { host: `svc-${s}`, subset: 'v2' }, weight: seq % 100 },
          ],
          mirror: { host: `svc-${s}`, subset: 'v3' },
          mirrorPercentage: { value: seq % 100 },
        },
      ],
    },
  };
  const res = await fetch(`${url}/api/v1/apply`, json(body)).catch(() => null);
  if (!res?.ok) writeErrors++;
  await res?.arrayBuffer();
}

const sockets = [];
let configsReceived = 0;
let closedUnexpectedly = 0;
let stopping = false;
function connect(i) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/proxies/connect`);
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, proxy: proxyIdentity(i) })),
    );
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'welcome') resolve(ws);
      if (message.type === 'config') {
        configsReceived++;
        ws.send(JSON.stringify({ type: 'ack', version: message.snapshot.version }));
      }
    });
    ws.on('close', () => {
      if (!stopping) closedUnexpectedly++;
    });
    ws.once('error', reject);
  });
}

/** One sampled exchange of proxy `i`: its primary to svc v1 and the mirror copy to v3 (JSON bodies). */
let flowSeq = 0;
function flowsMessage(i) {
  const seq = ++flowSeq;
  const id = proxyIdentity(i);
  const s = (i * TOPOLOGY.servicesPerClient + (seq % TOPOLOGY.servicesPerClient)) % TOPOLOGY.services;
  const requestId = `soak-${process.pid}-${seq}`;
  const destination = (v) => ({
    service: `svc-${s}.bench.svc.cluster.local`,
    namespace: 'bench',
    subset: `v${v}`,
    workload: `svc-${s}-v${v}`,
    app: `svc-${s}`,
    version: `v${v}`,
    address: `127.0.0.1:${20000 + s}`,
  });
  const now = Date.now();
  const primary = primaryRecord(requestId, {
    id: `${id.id}/${seq}`,
    startTime: now,
    source: { workload: id.workload, namespace: id.namespace, app: id.labels.app },
    destination: destination(1),
    route: `svc-${s}.bench`,
    authority: `svc-${s}:8000`,
    path: `/items/${seq % 50}?page=${seq % 3}`,
    requestHeaders: { host: `svc-${s}:8000`, 'x-request-id': requestId },
    responseBody: jsonBody({ id: seq % 50, price: 10, items: Array.from({ length: 10 }, (_, k) => k) }),
  });
  const mirror = mirrorRecord(primary, {
    id: `${id.id}/${seq}m`,
    destination: destination(3),
    authority: `svc-${s}-shadow:8000`,
    responseBody: jsonBody({ id: seq % 50, price: seq % 4 === 0 ? 11 : 10, items: [0, 1, 2] }),
  });
  return JSON.stringify({ type: 'flows', payload: { version: 1, flows: [primary, mirror], dropped: 0 } });
}

let exitCode = 0;
const timers = [];
try {
  const loadBefore = loadAverage();
  await baseConfig();
  console.log(
    `control plane ${url} (pid ${cp.pid}); load average ${loadBefore}; connecting ${PROXIES} proxies…`,
  );
  for (let i = 0; i < PROXIES; i += 50) {
    sockets.push(
      ...(await Promise.all(Array.from({ length: Math.min(50, PROXIES - i) }, (_, k) => connect(i + k)))),
    );
  }
  // Telemetry messages serialized up front (as bench/telemetry does), so this process only sends them.
  const telemetry = Array.from({ length: PROXIES }, (_, i) => {
    const { keyed, plain } = proxyCompactTelemetry(i, VARIANTS, Date.now());
    const message = (payload) => JSON.stringify({ type: 'telemetry', payload });
    return { keyed: message(keyed), plain: plain.map(message) };
  });
  let sentTelemetry = 0;
  let sentFlows = 0;
  sockets.forEach((ws, i) => {
    // Each proxy at its own phase, once a second, as real proxies (started at different times) do.
    timers.push(
      setTimeout(
        () => {
          let n = 0;
          const send = () => {
            if (ws.readyState !== WebSocket.OPEN) return;
            ws.send(n % KEY_REFRESH_SECONDS === 0 ? telemetry[i].keyed : telemetry[i].plain[n % VARIANTS]);
            sentTelemetry++;
            if (n % FLOWS_EVERY_S === i % FLOWS_EVERY_S) {
              ws.send(flowsMessage(i));
              sentFlows++;
            }
            n++;
          };
          send();
          timers.push(setInterval(send, 1000));
        },
        (1000 * i) / sockets.length,
      ),
    );
  });
  timers.push(setInterval(write, WRITE_EVERY_S * 1000));
  console.log(
    `${sockets.length} proxies: telemetry (${TOPOLOGY.keysPerProxy} keys) every 1 s, one flow exchange every ${FLOWS_EVERY_S} s; a config write every ${WRITE_EVERY_S} s; ${MINUTES} min, samples every ${SAMPLE_EVERY_S} s`,
  );

  const samples = [];
  const t0 = performance.now();
  for (let k = 0; k <= DURATION_S / SAMPLE_EVERY_S; k++) {
    await sleep(Math.max(0, t0 + k * SAMPLE_EVERY_S * 1000 - performance.now()));
    const mem = await memory();
    const [history, flows, m] = await Promise.all([
      historySize(),
      getJson('/api/v1/flows?limit=1'),
      metrics([
        'shadowmesh_telemetry_store_bytes',
        'shadowmesh_telemetry_series',
        'shadowmesh_telemetry_messages_total',
        'shadowmesh_telemetry_rejected_total',
        'shadowmesh_flows_rejected_total',
        'shadowmesh_flows_evicted_total',
        'shadowmesh_config_pushes_total',
      ]),
    ]);
    const s = {
      t: Math.round((performance.now() - t0) / 1000),
      heapUsed: mem.sampled.heapUsed,
      heapAfterGc: mem.afterGc?.heapUsed ?? Number.NaN,
      gcMs: mem.afterGc?.gcMs ?? Number.NaN,
      external: mem.afterGc?.external ?? mem.sampled.external,
      rss: rssBytes(cp.pid),
      history: history.count,
      headRevision: history.head,
      flowsHeld: flows.held,
      flowsDropped: flows.dropped,
      flowsEvicted: m.shadowmesh_flows_evicted_total,
      storeBytes: m.shadowmesh_telemetry_store_bytes,
      series: m.shadowmesh_telemetry_series,
      telemetryMessages: m.shadowmesh_telemetry_messages_total,
      rejected: m.shadowmesh_telemetry_rejected_total + m.shadowmesh_flows_rejected_total,
      pushes: m.shadowmesh_config_pushes_total,
      diskBytes: dirBytes(dataDir),
      load: loadAverage(),
    };
    samples.push(s);
    console.log(
      `t=${s.t}s heap ${mib(s.heapUsed)} MiB (after GC ${mib(s.heapAfterGc)}, ${Math.round(s.gcMs)} ms), ` +
        `external ${mib(s.external)}, rss ${mib(s.rss)}, history ${s.history} (head ${s.headRevision}), ` +
        `flows held ${s.flowsHeld}, telemetry store ${mib(s.storeBytes)} MiB / ${s.series} series, disk ${mib(s.diskBytes)} MiB, load ${s.load}`,
    );
  }
  for (const t of timers) clearInterval(t);
  // The last write's snapshot is ACKed by every proxy before the status is read.
  await sleep(3000);
  const status = await getJson('/api/v1/proxy-status');
  const ours = status.filter((p) => p.connected);
  const synced = ours.filter((p) => p.status === 'SYNCED').length;

  const start = samples[Math.min(samples.length - 1, 1)];
  const middle = samples[Math.floor((samples.length - 1) / 2)];
  const end = samples.at(-1);
  const nearest = (t) => samples.reduce((best, s) => (Math.abs(s.t - t) < Math.abs(best.t - t) ? s : best));
  const perMinute = [
    ...new Set(Array.from({ length: Math.floor(end.t / 60) + 1 }, (_, m) => nearest(m * 60))),
  ];
  const heapChange = (end.heapAfterGc - middle.heapAfterGc) / middle.heapAfterGc;
  // The documented bound: the newest N revisions, plus the one that made each live object what it was at
  // the cut, pruned in steps of a tenth of N. Live objects: the base config and the writer's (up to 10).
  const liveObjects = 2 * TOPOLOGY.services + Math.min(writes, 10);
  const historyBound =
    HISTORY_RETENTION === null
      ? null
      : HISTORY_RETENTION + Math.max(1, Math.floor(HISTORY_RETENTION / 10)) + liveObjects;
  const checks = {
    heapPlateau: Math.abs(heapChange) <= HEAP_PLATEAU,
    flowsBounded: samples.every((s) => s.flowsHeld <= FLOW_RING_EXCHANGES * 2),
    telemetryBounded: samples.every(
      (s) => s.storeBytes <= TELEMETRY_MAX_BYTES && s.series <= TELEMETRY_MAX_SERIES,
    ),
    historyBounded: HISTORY_RETENTION !== null && samples.every((s) => s.history <= historyBound),
    allSynced: synced === PROXIES && ours.length === PROXIES && closedUnexpectedly === 0,
    nothingRejected: end.rejected === 0 && writeErrors === 0,
  };
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    minutes: MINUTES,
    proxies: PROXIES,
    writeEverySeconds: WRITE_EVERY_S,
    flowsEverySeconds: FLOWS_EVERY_S,
    historyRevisions: HISTORY_RETENTION,
    historyBound,
    writes,
    writeErrors,
    configsReceived,
    sentTelemetry,
    sentFlows,
    closedUnexpectedly,
    synced,
    connected: ours.length,
    loadAverage: { before: loadBefore, after: loadAverage() },
    samples,
    startMiddleEnd: { start, middle, end },
    heapChangeEndVsMiddle: heapChange,
    historyGrowthPerMinute: Math.round((end.history - middle.history) / ((end.t - middle.t) / 60 || 1)),
    checks,
    pass: Object.values(checks).every(Boolean),
  };

  const row = (label, s) => [
    label,
    s.t,
    mib(s.heapUsed),
    mib(s.heapAfterGc),
    mib(s.external),
    mib(s.rss),
    mib(s.rss - s.storeBytes),
    mib(s.storeBytes),
    s.series,
    s.history,
    s.flowsHeld,
    s.flowsEvicted,
    mib(s.diskBytes),
    s.load,
  ];
  const header = [
    '',
    't s',
    'heap MiB',
    'heap after GC MiB',
    'external MiB',
    'RSS MiB',
    'RSS − telemetry store MiB',
    'telemetry store MiB',
    'series',
    'history revisions',
    'flows held',
    'flows evicted',
    'data dir MiB',
    'load avg',
  ];
  console.log(`\n## control-plane soak: ${MINUTES} min, ${PROXIES} proxies, ${result.date}\n`);
  console.log(
    table(
      header,
      perMinute.map((s) => row(`${Math.round(s.t / 60)} min`, s)),
    ),
  );
  console.log('');
  console.log(table(header, [row('start', start), row('middle', middle), row('end', end)]));
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  console.log(
    `\n${verdict(checks.heapPlateau)}  heap after GC plateaus: end ${mib(end.heapAfterGc)} MiB vs middle ${mib(middle.heapAfterGc)} MiB = ${(heapChange * 100).toFixed(1)} % (limit ±${HEAP_PLATEAU * 100} %)`,
  );
  console.log(
    `${verdict(checks.flowsBounded)}  flows bounded: at most ${Math.max(...samples.map((s) => s.flowsHeld))} records held (ring: ${FLOW_RING_EXCHANGES} exchanges of primary + copy), ${end.flowsEvicted} evicted`,
  );
  console.log(
    `${verdict(checks.telemetryBounded)}  telemetry store within its documented bounds: ${mib(end.storeBytes)} MiB ≤ 512 MiB, ${end.series} ≤ ${TELEMETRY_MAX_SERIES} series (it grows by design over its 15 min / 6 h windows)`,
  );
  console.log(
    `${verdict(checks.historyBounded)}  history bounded: ${end.history} revisions at the end, ${result.historyGrowthPerMinute >= 0 ? '+' : ''}${result.historyGrowthPerMinute}/min in the second half, data dir ${mib(end.diskBytes)} MiB — ${HISTORY_RETENTION === null ? 'no documented retention setting exists: the store keeps every revision (product defect)' : `--history-revisions ${HISTORY_RETENTION}: bound ${historyBound} (N + N/10 + ${liveObjects} live objects), head revision ${end.headRevision}`}`,
  );
  console.log(
    `${verdict(checks.allSynced)}  ${synced}/${PROXIES} proxies SYNCED at the end (${ours.length} connected, ${closedUnexpectedly} closed unexpectedly; ${writes} writes, ${configsReceived} snapshots received)`,
  );
  console.log(
    `${verdict(checks.nothingRejected)}  nothing rejected: ${end.rejected} telemetry/flows messages refused, ${writeErrors} failed writes (${sentTelemetry} telemetry and ${sentFlows} flows messages sent)`,
  );
  console.log(
    `load average ${result.loadAverage.before} → ${result.loadAverage.after} on a shared 2-core machine`,
  );
  console.log(result.pass ? 'PASS' : 'FAIL');
  const out = join(root, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'control-plane-soak.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (!result.pass) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 2;
} finally {
  stopping = true;
  for (const t of timers) clearInterval(t);
  for (const ws of sockets) ws.terminate();
  cp.kill('SIGTERM');
  await Promise.race([new Promise((resolve) => cp.once('exit', resolve)), sleep(10_000)]);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
