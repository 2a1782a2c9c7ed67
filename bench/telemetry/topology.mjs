// The simulated mesh of the telemetry benchmark. 500 client workloads (namespace `bench`) each call 5 of
// 100 services; each service has 3 versions. Per client and second: for each (service, version) three
// response codes (200, 500, 503 UF), plus a mirror copy to each service's v3: 5 × 3 × 3 + 5 = 50 edge keys.
// In the versionedApp graph that is 500 clients + 100 services + 300 versions + 100 app boxes = 1,000
// nodes, and 2,500 + 300 + 100 = 2,900 edges.
import { TelemetryRecorder } from '../../packages/telemetry/dist/index.js';

export const TOPOLOGY = {
  proxies: 500,
  services: 100,
  versions: 3,
  servicesPerClient: 5,
  keysPerProxy: 50,
};

export function proxyIdentity(i) {
  return {
    id: `client-${i}.bench-${process.pid}`,
    kind: 'sidecar',
    workload: `client-${i}`,
    namespace: 'bench',
    labels: { app: `client-${i}` },
    // Client-only: no inbound, so connecting 500 proxies does not push 500 endpoint changes.
    inbound: null,
    outbound: null,
    admin: null,
  };
}

const keysOf = new Map();

function keys(i) {
  let list = keysOf.get(i);
  if (list) return list;
  list = [];
  const source = {
    reporter: 'source',
    sourceWorkload: `client-${i}`,
    sourceApp: `client-${i}`,
    sourceVersion: 'unknown',
    sourceNamespace: 'bench',
  };
  for (let k = 0; k < TOPOLOGY.servicesPerClient; k++) {
    const s = (i * TOPOLOGY.servicesPerClient + k) % TOPOLOGY.services;
    const destination = (v) => ({
      destinationService: `svc-${s}.bench.svc.cluster.local`,
      destinationWorkload: `svc-${s}-v${v}`,
      destinationApp: `svc-${s}`,
      destinationVersion: `v${v}`,
      destinationNamespace: 'bench',
      protocol: 'http',
    });
    for (let v = 1; v <= TOPOLOGY.versions; v++) {
      for (const [responseCode, responseFlags, n] of [
        [200, '-', 8],
        [500, '-', 1],
        [503, 'UF', 1],
      ]) {
        list.push({
          key: { ...source, ...destination(v), responseCode, responseFlags, requestType: 'primary' },
          n,
        });
      }
    }
    const mirror = { ...source, ...destination(TOPOLOGY.versions), responseCode: 200, responseFlags: '-' };
    list.push({ key: { ...mirror, requestType: 'mirror' }, n: 8 });
  }
  keysOf.set(i, list);
  return list;
}

/** mulberry32, seeded per proxy and second: the same run gives the same latencies. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Records proxy `i`'s traffic of one second (50 edges, latencies log-normal around 5 ms, seeded). */
function recordSecond(recorder, i, second) {
  const r = random(i * 100_003 + second);
  for (const { key, n } of keys(i)) {
    for (let k = 0; k < n; k++) {
      const durationMs = Math.exp(
        Math.log(5) + 0.6 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()),
      );
      recorder.record(key, { durationMs, requestBytes: 0, responseBytes: 200 + Math.floor(r() * 300) });
    }
  }
}

/** Proxy `i`'s version 1 delta for one second, as a proxy of the previous version sends it. */
export function proxyTelemetry(i, second, nowMs) {
  const recorder = new TelemetryRecorder(nowMs - 1000);
  recordSecond(recorder, i, second);
  return recorder.takeDelta(nowMs);
}

/**
 * Proxy `i`'s compact (version 2) deltas for `seconds` different seconds, from one recorder as a proxy
 * sends them on one connection: `keyed` (second 0 with every key: the first delta of a connection, and
 * each key refresh) and `plain[s]` (second s, keys already sent).
 */
export function proxyCompactTelemetry(i, seconds, nowMs) {
  const recorder = new TelemetryRecorder(nowMs - 1000);
  recordSecond(recorder, i, 0);
  const keyed = recorder.takeCompactDelta(nowMs, { fresh: true });
  const plain = [];
  for (let s = 0; s < seconds; s++) {
    recordSecond(recorder, i, s);
    plain.push(recorder.takeCompactDelta(nowMs));
  }
  return { keyed, plain };
}
