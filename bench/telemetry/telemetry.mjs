// Telemetry ingestion and graph benchmark: 500 simulated proxies (real WebSocket clients speaking the
// proxy protocol: hello, then one telemetry delta a second) × 50 edge keys each, against a control
// plane started from compiled JavaScript in its own process. Measures the control plane's CPU (share of
// one core, from /proc) and RSS over the run, and the time to compute the 1,000-node graph.
// Run: node scripts/build.mjs && node bench/telemetry/telemetry.mjs [--proxies=500] [--seconds=30]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { watchProcess } from '../proxy/process-stats.mjs';
import { firstJsonLine } from '../soak/common.mjs';
import { measureGraphCompute } from './graph-compute.mjs';
import { proxyCompactTelemetry, proxyIdentity, proxyTelemetry, TOPOLOGY } from './topology.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const CHILD = join(root, 'apps/control-plane/dist/testing/child-server.js');
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((a) => a.replace(/^--/, ''))
    .map((a) => [
      a.slice(0, a.includes('=') ? a.indexOf('=') : a.length),
      a.includes('=') ? a.slice(a.indexOf('=') + 1) : 'true',
    ]),
);
const PROXIES = Number(args.proxies ?? TOPOLOGY.proxies);
const SECONDS = Number(args.seconds ?? 30);
const WARMUP_SECONDS = Number(args.warmup ?? 8);
const GRAPH_SAMPLES = 15;
const TARGET_CPU_PERCENT = 25;
const TARGET_GRAPH_MS = 100;
const PROTOCOL_VERSION = 1;
// `--delta=v1` sends version 1 deltas (proxies of the previous version); v2 (default) compact ones.
const DELTA = args.delta === 'v1' ? 'v1' : 'v2';
/** A compact sender resends its keys this often (TelemetryRecorder's default key refresh, 30 s). */
const KEY_REFRESH_SECONDS = 30;

if (!existsSync(CHILD)) {
  console.error(`${CHILD} is missing: build first with node scripts/build.mjs`);
  process.exit(2);
}

const dataDir = mkdtempSync(join(tmpdir(), 'shadowmesh-bench-telemetry-'));
// --node-args="--cpu-prof --cpu-prof-dir=DIR" profiles the control plane.
const nodeArgs = args['node-args'] ? String(args['node-args']).split(' ') : [];
const cp = spawn(
  process.execPath,
  [...nodeArgs, CHILD, '--data', dataDir, '--listen', '127.0.0.1:0', '--auth', 'none'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
// Never leave the control plane running, whatever happens here.
process.on('exit', () => cp.kill('SIGKILL'));
const { url } = await firstJsonLine(cp);

function connect(i) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/proxies/connect`);
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, proxy: proxyIdentity(i) })),
    );
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'welcome') resolve(ws);
      if (message.type === 'config')
        ws.send(JSON.stringify({ type: 'ack', version: message.snapshot.version }));
    });
    ws.once('error', reject);
  });
}

async function metric(name) {
  const text = await (await fetch(`${url}/metrics?name=${name}`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

async function graphOnce() {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/v1/graph?duration=60s&graphType=versionedApp`);
  const body = await res.json();
  const wallMs = performance.now() - t0;
  const serverMs = Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN);
  return { wallMs, serverMs, nodes: body.nodes.length, edges: body.edges.length };
}

/** The 1-minute load average: figures from a busy machine (other benchmarks, e2e) are not comparable. */
const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const loadBefore = loadAverage();
// Messages are serialized before the run, so that this process (sharing the machine with the control
// plane) only writes them: VARIANTS seconds of different latencies per proxy, sent in turn. (The
// window timestamps inside go stale; the control plane places deltas by arrival and only checks them.)
const VARIANTS = 4;
const telemetryMessage = (payload) => JSON.stringify({ type: 'telemetry', payload });
const payloads = Array.from({ length: PROXIES }, (_, i) => {
  if (DELTA === 'v1') {
    const plain = Array.from({ length: VARIANTS }, (_, v) =>
      telemetryMessage(proxyTelemetry(i, v, Date.now())),
    );
    return { keyed: plain[0], plain };
  }
  const { keyed, plain } = proxyCompactTelemetry(i, VARIANTS, Date.now());
  return { keyed: telemetryMessage(keyed), plain: plain.map(telemetryMessage) };
});
const messageBytes = Math.round(
  payloads.reduce((sum, p) => sum + p.plain.reduce((s, m) => s + Buffer.byteLength(m), 0), 0) /
    (PROXIES * VARIANTS),
);
console.log(
  `control plane ${url} (pid ${cp.pid}); load average ${loadBefore}; connecting ${PROXIES} proxies…`,
);
const sockets = [];
for (let i = 0; i < PROXIES; i += 50) {
  sockets.push(
    ...(await Promise.all(Array.from({ length: Math.min(50, PROXIES - i) }, (_, k) => connect(i + k)))),
  );
}

// Each proxy sends once a second at its own phase, as real proxies (started at different times) do.
let second = 0;
let sent = 0;
const timers = sockets.map((ws, i) =>
  setTimeout(
    () => {
      // The first message of the connection carries the keys, and again every key refresh.
      let n = 0;
      const send = () => {
        if (ws.readyState !== WebSocket.OPEN) return;
        const p = payloads[i];
        ws.send(n++ % KEY_REFRESH_SECONDS === 0 ? p.keyed : p.plain[second % VARIANTS]);
        sent++;
      };
      send();
      timers[i] = setInterval(send, 1000);
    },
    (1000 * i) / sockets.length,
  ),
);
const clock = setInterval(() => second++, 1000);

console.log(
  `${sockets.length} proxies sending ${TOPOLOGY.keysPerProxy} edge keys each per second; warming up ${WARMUP_SECONDS} s…`,
);
await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
const messages0 = await metric('shadowmesh_telemetry_messages_total');
const sent0 = sent;
const watch = watchProcess(cp.pid);
const t0 = performance.now();
await new Promise((r) => setTimeout(r, SECONDS * 1000));
const { cpuSeconds, peakRssBytes } = watch.stop();
const wallSeconds = (performance.now() - t0) / 1000;
const messages = (await metric('shadowmesh_telemetry_messages_total')) - messages0;
const sentPerSecond = Math.round((sent - sent0) / wallSeconds);
const rejected = await metric('shadowmesh_telemetry_rejected_total');
const series = await metric('shadowmesh_telemetry_series');
const storeBytes = await metric('shadowmesh_telemetry_store_bytes');

// The graph while the load runs (its CPU is not part of the ingestion figure above).
const samples = [];
for (let i = 0; i < GRAPH_SAMPLES; i++) samples.push(await graphOnce());
const last = samples.at(-1);
const computeMs = samples.map((s) => s.serverMs);

for (const t of timers) clearInterval(t);
clearInterval(clock);
for (const ws of sockets) ws.close();
cp.kill('SIGTERM');
await new Promise((r) => cp.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const loadAfter = loadAverage();
// What JSON.parse alone costs for one second of these messages (the proxy protocol's encoding), for
// comparison with the control plane's CPU.
const parse0 = process.cpuUsage();
for (let round = 0; round < 5; round++) for (const p of payloads) JSON.parse(p.plain[round % VARIANTS]);
const parseUsage = process.cpuUsage(parse0);
const jsonParsePercent = (parseUsage.user + parseUsage.system) / 1000 / 5 / 10;
// The same graph computed in this process without ingestion running beside it (pure compute).
const alone = measureGraphCompute({ runs: 10 });
const cpuPercent = (100 * cpuSeconds) / wallSeconds;
const result = {
  date: new Date().toISOString(),
  node: process.version,
  proxies: sockets.length,
  delta: DELTA,
  messageBytes,
  keysPerProxy: TOPOLOGY.keysPerProxy,
  seconds: Math.round(wallSeconds * 10) / 10,
  messagesPerSecond: Math.round(messages / wallSeconds),
  sentPerSecond,
  edgeDeltasPerSecond: Math.round((messages * TOPOLOGY.keysPerProxy) / wallSeconds),
  rejected,
  series,
  loadAverage: {
    before: loadBefore,
    after: loadAfter,
    cores: (await import('node:os')).availableParallelism(),
  },
  controlPlane: {
    cpuPercentOfOneCore: Math.round(cpuPercent * 10) / 10,
    peakRssMiB: Math.round(peakRssBytes / 1048576),
    storeMiB: Math.round((storeBytes / 1048576) * 10) / 10,
    jsonParseOfMessagesPercent: Math.round(jsonParsePercent * 10) / 10,
  },
  graph: {
    durationSeconds: 60,
    graphType: 'versionedApp',
    nodes: last.nodes,
    edges: last.edges,
    computeMsMedian: round(quantile(computeMs, 0.5)),
    computeMsMin: round(Math.min(...computeMs)),
    computeMsMax: round(Math.max(...computeMs)),
    httpMsMedian: round(
      quantile(
        samples.map((s) => s.wallMs),
        0.5,
      ),
    ),
    aloneWallMsMedian: alone.wallMsMedian,
    aloneCpuMsMedian: alone.cpuMsMedian,
  },
  targets: { cpuPercentOfOneCore: TARGET_CPU_PERCENT, graphComputeMs: TARGET_GRAPH_MS },
};
result.pass =
  result.controlPlane.cpuPercentOfOneCore < TARGET_CPU_PERCENT &&
  result.graph.computeMsMedian < TARGET_GRAPH_MS;

mkdirSync(join(root, 'bench/out'), { recursive: true });
writeFileSync(join(root, 'bench/out/telemetry.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`
telemetry ingestion: ${result.proxies} proxies × ${result.keysPerProxy} keys at 1 Hz, ${DELTA} deltas of ${messageBytes} bytes (${result.edgeDeltasPerSecond} edge deltas/s, ${result.messagesPerSecond} messages/s, ${rejected} rejected)
  control plane CPU  ${result.controlPlane.cpuPercentOfOneCore} % of one core   (target < ${TARGET_CPU_PERCENT} %); JSON.parse of the same messages alone: ${result.controlPlane.jsonParseOfMessagesPercent} %
  control plane RSS  ${result.controlPlane.peakRssMiB} MiB peak; time series ${result.controlPlane.storeMiB} MiB for ${series} series
graph (${result.graph.graphType}, 60 s window): ${result.graph.nodes} nodes, ${result.graph.edges} edges
  compute            ${result.graph.computeMsMedian} ms median (${result.graph.computeMsMin}–${result.graph.computeMsMax}) while ingesting   (target < ${TARGET_GRAPH_MS} ms)
  compute alone      ${alone.wallMsMedian} ms median (${alone.cpuMsMedian} ms CPU), same graph, nothing else running in that process
  HTTP round trip    ${result.graph.httpMsMedian} ms median (JSON included)
load average ${loadBefore} → ${loadAfter} on ${result.loadAverage.cores} cores${loadBefore > 1.5 ? '  (busy machine: figures are inflated)' : ''}
${result.pass ? 'PASS' : 'FAIL'} — written to bench/out/telemetry.json`);
process.exit(result.pass ? 0 : 1);

function round(x) {
  return Math.round(x * 10) / 10;
}
