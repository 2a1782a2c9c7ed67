// Load (issue 12): 200 proxies reconnecting at once. A real control plane (compiled JS, its own process,
// the tutorials applied) and 200 real WebSocket proxy clients speaking the proxy protocol — 100 sidecars
// with inbound addresses (so every snapshot carries 100 endpoints), 50 client-only sidecars, 50 gateways.
// Then every one of them reconnects at once, the worst case: no back-off, no jitter, all in one tick —
// (a) after the control plane is SIGKILLed and started again on the same port and data directory, and
// (b) after all 200 sockets are dropped at once. Each time: within 10 s of the storm starting (the control
// plane listening again; the drop) every proxy is listed exactly once,
// connected and SYNCED; the control plane's CPU time and RSS (from /proc) stay under bounds; and a change
// applied after the storm reaches (is ACKed by) all 200.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ProxyIdentity, ProxyStatus } from '@shadowmesh/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildControlPlane, startChild } from '../../testing/child-process.js';
import { waitUntil } from '../../testing/mesh/wait-until.js';
import { tempDir } from '../../testing/test-app.js';
import { type FleetProxy, ProxyFleet, processFigures } from '../../testing/ws-proxy-fleet.js';

const PROXIES = 200;
/** The requirement: every proxy SYNCED this long after the storm starts. */
const SYNCED_WITHIN_MS = 10_000;
// Bounds, from measurement (3 runs idle and 3 with both cores of a 2-core machine kept busy by other
// processes, figures printed by each case), with a ~3× margin: they catch a storm that goes quadratic
// (every reconnect pushing a snapshot to everyone) or leaks, not a slow machine. CPU time is not wall
// time, so a loaded host inflates it only a little.
/** (a) CPU seconds of the restarted control plane from its start to all SYNCED (start-up included): measured 1.04–1.73 s, of which 0.12–0.23 s after listening. */
const MAX_RESTART_CPU_SECONDS = 5;
/** (b) CPU seconds of the control plane from the drop to all SYNCED: measured 0.19–0.44 s. */
const MAX_DROP_CPU_SECONDS = 1.5;
/** Peak RSS of the control plane (the higher of VmRSS sampled every 20 ms and VmHWM): measured 101–112 MB. */
const MAX_RSS_MB = 400;

const tutorialsDir = join(import.meta.dirname, '../../../../../tutorials');

/** The fleet: workloads of the tutorials' apps, each instance at its own (unused) address. */
function identities(): ProxyIdentity[] {
  const apps = [
    { workload: 'httpbin-v1', namespace: 'default', labels: { app: 'httpbin', version: 'v1' } },
    { workload: 'httpbin-v2', namespace: 'default', labels: { app: 'httpbin', version: 'v2' } },
    { workload: 'istioapp-v1', namespace: 'default', labels: { app: 'istioapp', version: 'v1' } },
    { workload: 'istioapp-v2', namespace: 'default', labels: { app: 'istioapp', version: 'v2' } },
    { workload: 'back-v1', namespace: 'music', labels: { app: 'back', version: 'v1' } },
    { workload: 'back-v2', namespace: 'music', labels: { app: 'back', version: 'v2' } },
    { workload: 'back-v3', namespace: 'music', labels: { app: 'back', version: 'v3' } },
    { workload: 'front', namespace: 'music', labels: { app: 'front', version: 'v1' } },
  ];
  const base = { inbound: null, outbound: null, admin: null } as const;
  const out: ProxyIdentity[] = [];
  for (let i = 0; i < PROXIES; i++) {
    const tag = `${String(i).padStart(3, '0')}${process.pid}`;
    if (i < 100) {
      const app = apps[i % apps.length]!;
      out.push({
        ...base,
        ...app,
        id: `${app.workload}.${app.namespace}-s${tag}`,
        kind: 'sidecar',
        inbound: `127.0.0.1:${20_000 + i}`,
        outbound: `127.0.0.1:${21_000 + i}`,
      });
    } else if (i < 150) {
      out.push({
        ...base,
        id: `sleep.default-c${tag}`,
        kind: 'sidecar',
        workload: 'sleep',
        namespace: 'default',
        labels: { app: 'sleep' },
        outbound: `127.0.0.1:${21_000 + i}`,
      });
    } else {
      out.push({
        ...base,
        id: `ingressgateway.music-g${tag}`,
        kind: 'gateway',
        workload: 'ingressgateway',
        namespace: 'music',
        labels: { istio: 'ingressgateway' },
        listen: `127.0.0.1:${22_000 + i}`,
      });
    }
  }
  return out;
}

/**
 * A free port below the kernel's ephemeral range. The clients hammer the port while the control plane
 * is down; a port inside the range could be picked as the source port of one of those connects, which
 * then connects to itself (TCP simultaneous open) and holds the port the restart needs.
 */
async function freeListenPort(): Promise<number> {
  const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  const top = Math.min(low! - 1, 32_767);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 23_000 + Math.floor(Math.random() * (top - 23_000));
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port below the ephemeral range');
}

describe('200 proxies reconnecting at once', () => {
  const dir = tempDir('shadowmesh-mass-reconnect-');
  const ids = identities();
  let listen = '';
  let cp: ChildControlPlane | null = null;
  let fleet: ProxyFleet | null = null;
  let url = '';

  const start = async () => {
    cp = await startChild(['--data', dir.path, '--listen', listen, '--auth', 'none']);
    url = cp.url;
    return cp;
  };

  async function apply(yaml: string): Promise<void> {
    const res = await fetch(`${url}/api/v1/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', 'x-shadowmesh-client': 'cli' },
      body: yaml,
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`apply failed: ${res.status} ${body}`);
  }

  /** A VirtualService whose `seq` label each fleet proxy reports: a change to watch arrive. */
  const marker = (seq: string) => `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: storm-marker, labels: { seq: "${seq}" } }
spec:
  hosts: [httpbin]
  http:
  - route:
    - destination: { host: httpbin, subset: v1 }
`;

  async function proxyStatus(): Promise<ProxyStatus[]> {
    const res = await fetch(`${url}/api/v1/proxy-status`);
    if (res.status !== 200) throw new Error(`proxy-status: ${res.status}`);
    return (await res.json()) as ProxyStatus[];
  }

  /**
   * Waits until every fleet proxy has ACKed one snapshot (and passes `test`), then until proxy-status
   * lists exactly the fleet, each once, connected and SYNCED on that version. Client side is checked
   * first (cheap) so polling proxy-status adds little to the control plane's load during a storm.
   */
  async function allSynced(what: string, timeoutMs: number, test?: (p: FleetProxy) => boolean) {
    const deadline = Date.now() + timeoutMs;
    return waitUntil(
      async () => {
        const version = fleet!.converged(test);
        if (version === null) return false;
        const statuses = await proxyStatus();
        if (statuses.length !== PROXIES) return false;
        const ok = statuses.every((s) => s.connected && s.status === 'SYNCED' && s.ackedVersion === version);
        return ok && fleet!.converged(test) === version ? { statuses, version } : false;
      },
      what,
      Math.max(0, deadline - Date.now()),
      10,
    );
  }

  /** Samples the control plane's RSS every 20 ms until stopped; returns the highest seen (MB). */
  function sampleRss(pid: number): () => number {
    let peak = 0;
    const read = () => {
      try {
        peak = Math.max(peak, processFigures(pid).rssMb);
      } catch {
        // The process is gone: the figures already taken stand.
      }
    };
    read();
    const timer = setInterval(read, 20);
    return () => {
      clearInterval(timer);
      read();
      return peak;
    };
  }

  function expectListedOnce(statuses: ProxyStatus[]): void {
    const listed = statuses.map((s) => s.proxy.id);
    expect(new Set(listed).size, 'no proxy listed twice').toBe(listed.length);
    expect([...listed].sort()).toEqual(ids.map((i) => i.id).sort());
    expect(statuses.filter((s) => s.connected)).toHaveLength(PROXIES);
    for (const p of fleet!.proxies) expect(p.errors, p.identity.id).toEqual([]);
  }

  /** Applies a change and waits until all 200 have ACKed the snapshot carrying it. */
  async function changeReachesAll(seq: string): Promise<number> {
    const t0 = performance.now();
    await apply(marker(seq));
    const { statuses, version } = await allSynced(
      `all ${PROXIES} to ACK change ${seq}`,
      10_000,
      (p) => p.marker === seq,
    );
    expectListedOnce(statuses);
    for (const p of fleet!.proxies) expect(p.version).toBe(version);
    return performance.now() - t0;
  }

  beforeAll(async () => {
    listen = `127.0.0.1:${await freeListenPort()}`;
    await start();
    for (const file of readdirSync(tutorialsDir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      await apply(readFileSync(join(tutorialsDir, file), 'utf8'));
    }
    await apply(marker('base'));
    fleet = new ProxyFleet({ url, identities: ids, retryMs: 50 });
    fleet.connectAll();
    const { statuses } = await allSynced(
      `all ${PROXIES} SYNCED at start`,
      20_000,
      (p) => p.marker === 'base',
    );
    expectListedOnce(statuses);
    // Half the fleet are sidecars with an inbound address: every snapshot carries their endpoints.
    for (const p of fleet.proxies) expect(p.endpoints).toBe(100);
  }, 40_000);

  afterAll(async () => {
    fleet?.close();
    if (cp && cp.process.exitCode === null && cp.process.signalCode === null) {
      cp.process.kill('SIGKILL');
      await cp.exited;
    }
    dir.remove();
  });

  it('(a) control plane SIGKILLed and restarted: all 200 reconnect at once and are SYNCED within 10 s', async () => {
    const welcomes = fleet!.proxies.map((p) => p.welcomes);
    const attempts = fleet!.proxies.map((p) => p.attempts);
    const old = cp!;
    cp = null;
    const killedAt = performance.now();
    old.process.kill('SIGKILL');
    await old.exited;
    // Every client sees its socket die and retries at once, then every 50 ms, all in one tick.
    await waitUntil(
      () => fleet!.welcomedCount() === 0,
      'every client to notice the control plane gone',
      5_000,
      5,
    );
    const restartAt = performance.now();
    const child = await start();
    const pid = child.process.pid!;
    const listening = performance.now();
    const atListen = processFigures(pid).cpuSeconds;
    const stopRss = sampleRss(pid);
    let statuses: ProxyStatus[];
    try {
      ({ statuses } = await allSynced(
        `all ${PROXIES} SYNCED after the restart`,
        SYNCED_WITHIN_MS,
        (p) => p.welcomes > welcomes[fleet!.proxies.indexOf(p)]!,
      ));
    } finally {
      stopRss();
    }
    const syncedAt = performance.now();
    const figures = processFigures(pid);
    const peakRss = Math.max(stopRss(), figures.peakRssMb);
    const retries = fleet!.proxies.reduce((n, p, i) => n + p.attempts - attempts[i]!, 0);
    const changeMs = await changeReachesAll('after-restart');
    console.log(
      `mass reconnect (a) control-plane restart: ${PROXIES} proxies SYNCED ${(syncedAt - listening).toFixed(0)} ms after ` +
        `listening again (${(syncedAt - restartAt).toFixed(0)} ms after the restart, ${(listening - restartAt).toFixed(0)} ms to listening, down ${(restartAt - killedAt).toFixed(0)} ms, ` +
        `${retries} connect attempts); CPU ${figures.cpuSeconds.toFixed(2)} s from start to SYNCED ` +
        `(${(figures.cpuSeconds - atListen).toFixed(2)} s after listening); peak RSS ${peakRss.toFixed(0)} MB; ` +
        `change after the storm ACKed by all in ${changeMs.toFixed(0)} ms`,
    );
    // The storm starts when the control plane listens again (until then every connect is refused).
    expect(syncedAt - listening).toBeLessThan(SYNCED_WITHIN_MS);
    expectListedOnce(statuses);
    // Counted from the process's start: includes its own start-up, an upper bound of the storm's cost.
    expect(figures.cpuSeconds).toBeLessThan(MAX_RESTART_CPU_SECONDS);
    expect(peakRss).toBeLessThan(MAX_RSS_MB);
  }, 30_000);

  it('(b) all 200 sockets dropped and reopened at once: SYNCED within 10 s', async () => {
    if (!cp) await start();
    await allSynced('the fleet SYNCED before the drop', 10_000);
    const pid = cp!.process.pid!;
    const welcomes = fleet!.proxies.map((p) => p.welcomes);
    const configs = fleet!.proxies.reduce((n, p) => n + p.configs, 0);
    const before = processFigures(pid);
    const stopRss = sampleRss(pid);
    const droppedAt = performance.now();
    fleet!.dropAll(true);
    let statuses: ProxyStatus[];
    try {
      ({ statuses } = await allSynced(
        `all ${PROXIES} SYNCED after the drop`,
        SYNCED_WITHIN_MS,
        (p) => p.welcomes > welcomes[fleet!.proxies.indexOf(p)]!,
      ));
    } finally {
      stopRss();
    }
    const syncedAt = performance.now();
    const after = processFigures(pid);
    const peakRss = Math.max(stopRss(), after.peakRssMb);
    const cpu = after.cpuSeconds - before.cpuSeconds;
    const snapshots = fleet!.proxies.reduce((n, p) => n + p.configs, 0) - configs;
    const changeMs = await changeReachesAll('after-drop');
    console.log(
      `mass reconnect (b) all sockets dropped: ${PROXIES} proxies SYNCED ${(syncedAt - droppedAt).toFixed(0)} ms after ` +
        `the drop; CPU ${cpu.toFixed(2)} s during the storm; peak RSS ${peakRss.toFixed(0)} MB; ` +
        `${snapshots} snapshots received by the fleet; change after the storm ACKed by all in ${changeMs.toFixed(0)} ms`,
    );
    expect(syncedAt - droppedAt).toBeLessThan(SYNCED_WITHIN_MS);
    expectListedOnce(statuses);
    expect(cpu).toBeLessThan(MAX_DROP_CPU_SECONDS);
    expect(peakRss).toBeLessThan(MAX_RSS_MB);
  }, 30_000);
});
