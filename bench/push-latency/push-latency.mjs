// Push latency: 100 real WebSocket proxy clients connected to a real control plane (compiled JS,
// its own process). Each measured write goes over HTTP; the figure is the time from sending the
// write until every proxy has received a config snapshot containing it and sent its ACK.
// Run: ./node_modules/.bin/tsc -b apps/control-plane && node bench/push-latency/push-latency.mjs
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { firstJsonLine } from '../soak/common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const CHILD = join(root, 'apps/control-plane/dist/testing/child-server.js');
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((a) => a.replace(/^--/, '').split('='))
    .map(([k, v]) => [k, v ?? 'true']),
);
const PROXIES = Number(args.proxies ?? 100);
const WRITES = Number(args.writes ?? 200);
const WARMUP = Number(args.warmup ?? 20);
const TARGET_P99_MS = 50;
const PROTOCOL_VERSION = 1;

if (!existsSync(CHILD)) {
  console.error(`${CHILD} is missing: build first with ./node_modules/.bin/tsc -b apps/control-plane`);
  process.exit(2);
}

const dataDir = mkdtempSync(join(tmpdir(), 'shadowmesh-bench-push-'));
const cp = spawn(process.execPath, [CHILD, '--data', dataDir, '--listen', '127.0.0.1:0', '--auth', 'none'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const { url } = await firstJsonLine(cp);

/** seq of the bench object each proxy has ACKed, and when each proxy first ACKed each seq. */
const ackedAt = new Map(); // seq -> array of ms timestamps
let waiter = null;

function connectProxy(i) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/proxies/connect`);
    let seen = -1;
    ws.on('open', () => {
      ws.send(
        JSON.stringify({
          type: 'hello',
          protocolVersion: PROTOCOL_VERSION,
          proxy: {
            id: `bench-${i}.default-${process.pid}`,
            kind: 'sidecar',
            workload: `bench-${i % 10}`,
            namespace: 'default',
            labels: { app: `bench-${i % 10}`, version: `v${i % 3}` },
            inbound: `127.0.0.1:${30000 + i}`,
            outbound: null,
            admin: null,
          },
        }),
      );
    });
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'welcome') return resolve(ws);
      if (message.type !== 'config') return;
      const now = performance.now();
      const bench = message.snapshot.resources.find((r) => r.metadata.name === 'push-bench');
      ws.send(JSON.stringify({ type: 'ack', version: message.snapshot.version }));
      const seq = Number(bench?.metadata.labels?.seq ?? -1);
      if (seq > seen) {
        seen = seq;
        const list = ackedAt.get(seq) ?? [];
        list.push(now);
        ackedAt.set(seq, list);
        if (waiter && list.length === PROXIES && waiter.seq === seq) waiter.resolve();
      }
    });
    ws.once('error', reject);
  });
}

async function write(seq) {
  const body = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'push-bench', labels: { seq: String(seq) } },
    spec: {
      hosts: ['bench-0'],
      http: [
        {
          route: [
            { destination: { host: 'bench-0', subset: 'v1' }, weight: 100 - (seq % 100) },
            { destination: { host: 'bench-0', subset: 'v2' }, weight: seq % 100 },
          ],
        },
      ],
    },
  };
  const res = await fetch(`${url}/api/v1/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shadowmesh-client': 'api' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`write ${seq} failed: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

async function baseConfig() {
  const docs = [];
  for (let i = 0; i < 10; i++) {
    docs.push(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `bench-${i}` },
        spec: { selector: { app: `bench-${i}` }, ports: [{ name: 'http', port: 8000 }] },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: `bench-${i}` },
        spec: {
          host: `bench-${i}`,
          subsets: [0, 1, 2].map((v) => ({ name: `v${v}`, labels: { version: `v${v}` } })),
        },
      },
    );
  }
  const res = await fetch(`${url}/api/v1/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(docs),
  });
  if (!res.ok) throw new Error(`base config failed: ${res.status} ${await res.text()}`);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

let exitCode = 0;
const sockets = [];
try {
  await baseConfig();
  for (let i = 0; i < PROXIES; i++) sockets.push(await connectProxy(i));
  const latencies = [];
  for (let seq = 1; seq <= WARMUP + WRITES; seq++) {
    const done = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`write ${seq}: not every proxy ACKed within 10 s`)),
        10_000,
      );
      waiter = {
        seq,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
    const start = performance.now();
    await write(seq);
    await done;
    const last = Math.max(...ackedAt.get(seq));
    if (seq > WARMUP) latencies.push(last - start);
    ackedAt.delete(seq);
  }
  const status = await (await fetch(`${url}/api/v1/proxy-status`)).json();
  const synced = status.filter((s) => s.status === 'SYNCED').length;
  latencies.sort((a, b) => a - b);
  const result = {
    proxies: PROXIES,
    writes: WRITES,
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
    maxMs: Number(latencies.at(-1).toFixed(2)),
    meanMs: Number((latencies.reduce((a, b) => a + b, 0) / latencies.length).toFixed(2)),
    targetP99Ms: TARGET_P99_MS,
    syncedAtEnd: synced,
    node: process.version,
    date: new Date().toISOString(),
  };
  console.log(
    `push latency: write → all ${PROXIES} proxies ACKed, over ${WRITES} writes (after ${WARMUP} warm-up)`,
  );
  console.log(
    `  p50 ${result.p50Ms} ms   p99 ${result.p99Ms} ms   max ${result.maxMs} ms   mean ${result.meanMs} ms`,
  );
  console.log(
    `  target p99 < ${TARGET_P99_MS} ms: ${result.p99Ms < TARGET_P99_MS ? 'met' : 'NOT met'}; ${synced}/${PROXIES} SYNCED at the end`,
  );
  const outDir = join(root, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'push-latency.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (result.p99Ms >= TARGET_P99_MS || synced !== PROXIES) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  for (const ws of sockets) ws.terminate();
  cp.kill('SIGTERM');
  await new Promise((resolve) => cp.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
