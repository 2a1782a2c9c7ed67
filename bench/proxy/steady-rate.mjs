// Steady-rate scenario of the proxy benchmark: a fixed, open-loop 1,000 req/s (bench/soak/open-loop-load.mjs,
// as wrk2 would; Debian has no wrk2) through nginx and through a Shadowmesh sidecar, without and with 100 %
// mirroring, and the sidecar once more with full telemetry: connected to a control plane (telemetry deltas
// every second, flows sampled at MeshConfig's default 10 %) and its /stats/prometheus scraped every second.
// Reports each proxy's CPU share (vCPU = CPU seconds per wall second, and per 1,000 req/s) and RSS at that
// rate, beside Envoy's published figure (Istio, "Performance and Scalability": 0.20 vCPU and 60 MB per
// 1,000 req/s through the proxy).
//
// Usage: node bench/proxy/steady-rate.mjs [--rate 1000] [--seconds 20] [--rounds 1] [--connections 32]
//          [--cpu-prof DIR] (each sidecar run writes a V8 CPU profile there)
// Writes bench/out/steady-rate.{md,json}. run.mjs runs it too (after its rounds) for its targets table.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstJsonLine, parseArgs, percentile, rssBytes } from '../soak/common.mjs';
import { startOpenLoad } from '../soak/open-loop-load.mjs';
import { proxyConfig, startNginx, upstreamConfig } from './nginx.mjs';
import { watchProcess } from './process-stats.mjs';
import { median } from './report.mjs';
import { meshConfigYaml, startSidecar } from './shadowmesh.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');

/** Istio's published sidecar figure: 0.20 vCPU and 60 MB per 1,000 req/s (istio.io, Performance and Scalability). */
export const ENVOY = { vcpuPer1000: 0.2, memoryMb: 60 };

const PORTS = { upstream: 18481, mirror: 18482, nginx: 18490, sidecar: 18500, admin: 18501 };

const children = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};

/** The control plane (compiled, as the soak starts it), without auth; resolves with its URL. */
async function startControlPlane(dir) {
  const child = spawn(
    process.execPath,
    [
      join(repo, 'bench', 'soak', 'control-plane-child.mjs'),
      '--data',
      dir,
      '--listen',
      '127.0.0.1:0',
      '--auth',
      'none',
    ],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  const { url } = await firstJsonLine(child);
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

async function waitReady(adminPort, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`http://127.0.0.1:${adminPort}/ready`).catch(() => null);
    if (res?.ok) return;
    await res?.arrayBuffer();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sidecar admin ${adminPort}: not ready within ${timeoutMs} ms`);
}

/** `/memory` of the sidecar (heap by space, external), or null from a build without it. */
async function memoryOf(adminPort) {
  const res = await fetch(`http://127.0.0.1:${adminPort}/memory`).catch(() => null);
  if (!res?.ok) return null;
  return res.json();
}

/**
 * Runs the steady-rate scenarios; resolves with one result per (round, scenario). `cli`: the shadowmesh
 * bin to start the sidecar with. `log`: progress lines.
 */
export async function measureSteadyRate({
  cli = join(repo, 'apps', 'cli', 'bin', 'shadowmesh.mjs'),
  rate = 1000,
  seconds = 20,
  warmupSeconds = 3,
  rounds = 1,
  connections = 32,
  cpuProfDir = null,
  log = console.log,
} = {}) {
  const nodeFlags = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const work = mkdtempSync(join(tmpdir(), 'shadowmesh-steady-'));
  const upstream = await startNginx(
    join(work, 'upstream'),
    upstreamConfig(join(work, 'upstream'), [PORTS.upstream, PORTS.mirror]),
    PORTS.upstream,
  );
  const results = [];
  const headers = { host: 'upstream.bench' };

  async function run(round, peer, mirror, telemetry, start) {
    const proc = await start();
    const pids = peer === 'nginx' ? [proc.pid, ...children(proc.pid)] : [proc.pid];
    const buckets = {
      warm: { sent: 0, errors: 0, latencies: [] },
      measured: { sent: 0, errors: 0, latencies: [] },
    };
    let measuring = false;
    const load = startOpenLoad({ port: proc.port, headers: proc.headers, rate, connections }, () =>
      measuring ? buckets.measured : buckets.warm,
    );
    await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
    measuring = true;
    const t0 = performance.now();
    const watch = watchProcess(pids);
    let rssSum = 0;
    let rssN = 0;
    let peakMemory = null;
    let scrapes = 0;
    // Every second: the sidecar's RSS and heap (/memory), and with full telemetry a Prometheus scrape.
    const sampler = setInterval(async () => {
      const rss = pids.reduce((n, p) => n + rssBytes(p), 0);
      rssSum += rss;
      rssN++;
      if (peer !== 'shadowmesh') return;
      if (telemetry) {
        const res = await fetch(`http://127.0.0.1:${PORTS.admin}/stats/prometheus`).catch(() => null);
        if (res?.ok) scrapes++;
        await res?.arrayBuffer();
      }
      const m = await memoryOf(PORTS.admin);
      if (m !== null && (peakMemory === null || m.rssBytes > peakMemory.rssBytes)) peakMemory = m;
    }, 1000);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    measuring = false;
    clearInterval(sampler);
    const stats = watch.stop();
    const wall = (performance.now() - t0) / 1000;
    await load.stop();
    await proc.stop();
    const m = buckets.measured;
    const lat = m.latencies.sort((a, b) => a - b);
    const vcpu = stats.cpuSeconds / wall;
    const row = {
      round,
      peer,
      mirror,
      telemetry,
      rate,
      achievedRps: m.sent / wall,
      errors: m.errors,
      p50: percentile(lat, 50),
      p99: percentile(lat, 99),
      vcpu,
      vcpuPer1000: (vcpu * 1000) / rate,
      cpuMsPerRequest: (stats.cpuSeconds / Math.max(1, m.sent)) * 1000,
      rssPeakMb: stats.peakRssBytes / 1048576,
      anonPeakMb: stats.peakAnonBytes / 1048576,
      rssMeanMb: rssN > 0 ? rssSum / rssN / 1048576 : Number.NaN,
      scrapes,
      memory: peakMemory,
    };
    results.push(row);
    log(
      `#${round} ${peer.padEnd(10)} mirror=${mirror.padEnd(7)} ${telemetry ? 'telemetry ' : ''}${row.achievedRps.toFixed(0)} req/s  p50 ${row.p50.toFixed(2)} ms  p99 ${row.p99.toFixed(2)} ms  errors ${row.errors}  ${row.vcpu.toFixed(3)} vCPU (${row.vcpuPer1000.toFixed(3)} per 1k req/s)  RSS peak ${row.rssPeakMb.toFixed(0)} MB (anon ${row.anonPeakMb.toFixed(0)}) mean ${row.rssMeanMb.toFixed(0)} MB`,
    );
  }

  const nginx = (mirror) => async () => {
    const dir = join(work, `nginx-${mirror}`);
    const config = proxyConfig(dir, {
      listenPort: PORTS.nginx,
      upstreamPort: PORTS.upstream,
      mirrorPort: mirror === 'healthy' ? PORTS.mirror : undefined,
    });
    const n = await startNginx(dir, config, PORTS.nginx);
    return { ...n, port: PORTS.nginx, headers: undefined };
  };
  const sidecar = (mirror, telemetry) => async () => {
    const mirrorPort = mirror === 'healthy' ? PORTS.mirror : undefined;
    let cp = null;
    if (telemetry) {
      cp = await startControlPlane(mkdtempSync(join(work, 'cp-')));
      const res = await fetch(`${cp.url}/api/v1/apply`, {
        method: 'POST',
        headers: { 'content-type': 'application/yaml', 'x-shadowmesh-client': 'api' },
        body: meshConfigYaml({ upstreamPort: PORTS.upstream, mirrorPort }),
      });
      if (!res.ok) throw new Error(`apply: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
    const s = await startSidecar(work, cli, {
      outboundPort: PORTS.sidecar,
      adminPort: PORTS.admin,
      upstreamPort: PORTS.upstream,
      mirrorPort,
      controlPlane: cp?.url ?? null,
      nodeFlags,
    });
    await waitReady(PORTS.admin);
    await memoryOf(PORTS.admin); // starts its GC counters
    return {
      pid: s.pid,
      port: PORTS.sidecar,
      headers,
      stop: async () => {
        await s.stop();
        await cp?.stop();
      },
    };
  };

  try {
    for (let round = 1; round <= rounds; round++) {
      await run(round, 'nginx', 'none', false, nginx('none'));
      await run(round, 'shadowmesh', 'none', false, sidecar('none', false));
      await run(round, 'nginx', 'healthy', false, nginx('healthy'));
      await run(round, 'shadowmesh', 'healthy', false, sidecar('healthy', false));
      await run(round, 'shadowmesh', 'healthy', true, sidecar('healthy', true));
    }
  } finally {
    await upstream.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

const mb = (bytes) => (bytes / 1048576).toFixed(1);

/** Medians over rounds per scenario, as a Markdown table (with the sidecar's heap at its RSS peak). */
export function steadyRateTable(results) {
  const keys = [];
  for (const r of results) {
    const key = `${r.peer}|${r.mirror}|${r.telemetry}`;
    if (!keys.includes(key)) keys.push(key);
  }
  const lines = [
    '| peer | mirror | telemetry | req/s | p50 ms | p99 ms | errors | vCPU | vCPU per 1k req/s | CPU ms / req | RSS peak MB | RSS mean MB | heap used / total MB (young gen) | external MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const key of keys) {
    const rs = results.filter((r) => `${r.peer}|${r.mirror}|${r.telemetry}` === key);
    const [peer, mirror, telemetry] = key.split('|');
    const m = (f) => median(rs.map(f));
    const mem = rs.at(-1).memory;
    const heap = mem
      ? `${mb(mem.heapUsedBytes)} / ${mb(mem.heapTotalBytes)} (${mb(mem.spaces.new_space?.sizeBytes ?? 0)})`
      : '';
    lines.push(
      `| ${peer} | ${mirror} | ${telemetry === 'true' ? 'control plane + 1 s scrape' : peer === 'nginx' ? '—' : 'standalone'} | ${m((r) => r.achievedRps).toFixed(0)} | ${m((r) => r.p50).toFixed(2)} | ${m((r) => r.p99).toFixed(2)} | ${rs.reduce((n, r) => n + r.errors, 0)} | ${m((r) => r.vcpu).toFixed(3)} | ${m((r) => r.vcpuPer1000).toFixed(3)} | ${m((r) => r.cpuMsPerRequest).toFixed(3)} | ${m((r) => r.rssPeakMb).toFixed(0)} | ${m((r) => r.rssMeanMb).toFixed(0)} | ${heap} | ${mem ? mb(mem.externalBytes) : ''} |`,
    );
  }
  lines.push(
    '',
    `Envoy (Istio's published figure): ${ENVOY.vcpuPer1000.toFixed(2)} vCPU and ${ENVOY.memoryMb} MB per 1,000 req/s.`,
  );
  return lines.join('\n');
}

/** The scenario's median vCPU per 1,000 req/s (and RSS) for the targets table. */
export function steadyRateFigures(results) {
  const pick = (peer, mirror, telemetry) =>
    results.filter((r) => r.peer === peer && r.mirror === mirror && r.telemetry === telemetry);
  const at = (rs, f) => median(rs.map(f));
  const full = pick('shadowmesh', 'healthy', true);
  return {
    fullTelemetryVcpuPer1000: at(full, (r) => r.vcpuPer1000),
    fullTelemetryRssMb: at(full, (r) => r.rssPeakMb),
    mirrorVcpuPer1000: at(pick('shadowmesh', 'healthy', false), (r) => r.vcpuPer1000),
    noneVcpuPer1000: at(pick('shadowmesh', 'none', false), (r) => r.vcpuPer1000),
    nginxNoneVcpuPer1000: at(pick('nginx', 'none', false), (r) => r.vcpuPer1000),
    nginxMirrorVcpuPer1000: at(pick('nginx', 'healthy', false), (r) => r.vcpuPer1000),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = parseArgs();
  const results = await measureSteadyRate({
    rate: Number(args.rate ?? 1000),
    seconds: Number(args.seconds ?? 20),
    rounds: Number(args.rounds ?? 1),
    connections: Number(args.connections ?? 32),
    cpuProfDir: args['cpu-prof'] ?? null,
  });
  const table = steadyRateTable(results);
  const out = join(repo, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'steady-rate.md'), `${table}\n`);
  writeFileSync(join(out, 'steady-rate.json'), JSON.stringify(results, null, 2));
  console.log(`\n${table}`);
}
