// Proxy benchmark: direct to upstream, nginx (mirror module), and Shadowmesh, in one run, on this machine.
// Usage: node bench/proxy/run.mjs [--seconds 8] [--rounds 1] [--steady-seconds 20]
//   (needs wrk and nginx: apt-get install -y wrk nginx). After the rounds it runs the steady-rate scenario
//   (steady-rate.mjs: 1,000 req/s open loop; --steady-seconds 0 skips it) and prints issue 16's targets.
// With --rounds N every scenario runs N times (round by round, so that a noisy moment hits every peer
// alike); the table shows medians, and each ratio is the median of the per-round ratios.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deadPort, startHangingServer, startSlowServer } from './mirror-targets.mjs';
import { proxyConfig, startNginx, upstreamConfig } from './nginx.mjs';
import { watchProcess } from './process-stats.mjs';
import { writeReport } from './report.mjs';
import { startSidecar } from './shadowmesh.mjs';
import { measureSteadyRate, steadyRateFigures, steadyRateTable } from './steady-rate.mjs';
import { postScript, runWrk } from './wrk.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const cli = join(repo, 'apps', 'cli', 'bin', 'shadowmesh.mjs');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('--seconds', 8);
const rounds = arg('--rounds', 1);
const steadySeconds = arg('--steady-seconds', 20);
const work = mkdtempSync(join(tmpdir(), 'shadowmesh-bench-'));

const PORTS = { upstream: 18081, mirror: 18082, nginx: 18090, sidecar: 18100, admin: 18101 };
const methods = [
  { name: 'GET', script: undefined },
  { name: 'POST 16KiB', script: postScript(work, 16 * 1024) },
];

const upstream = await startNginx(
  join(work, 'upstream'),
  upstreamConfig(join(work, 'upstream'), [PORTS.upstream, PORTS.mirror]),
  PORTS.upstream,
);
const slow = await startSlowServer(500);
const hanging = await startHangingServer();
const mirrorPorts = {
  none: undefined,
  healthy: PORTS.mirror,
  slow: slow.port,
  hanging: hanging.port,
  dead: await deadPort(),
};

const results = [];
async function measure(round, peer, mirror, url, headers, start) {
  for (const method of methods) {
    const proc = start ? await start() : null;
    await runWrk({ url, seconds: 1, script: method.script, headers }); // warm-up
    const watch = proc && peer === 'shadowmesh' ? watchProcess(proc.pid) : null;
    // The sidecar's heap by space and its memory outside the heap (admin /memory), at its RSS peak.
    let memory = null;
    const sampler =
      peer === 'shadowmesh'
        ? setInterval(async () => {
            const res = await fetch(`http://127.0.0.1:${PORTS.admin}/memory`).catch(() => null);
            if (!res?.ok) return void (await res?.arrayBuffer());
            const m = await res.json();
            if (memory === null || m.rssBytes > memory.rssBytes) memory = m;
          }, 500)
        : null;
    const r = await runWrk({ url, seconds, script: method.script, headers });
    if (sampler) clearInterval(sampler);
    const stats = watch?.stop();
    if (proc) await proc.stop();
    const requests = r.rps * seconds;
    const row = {
      round,
      peer,
      mirror,
      method: method.name,
      ...r,
      cpuPer1000: stats ? (stats.cpuSeconds / requests) * 1000 : null,
      rssMb: stats ? stats.peakRssBytes / 1024 / 1024 : null,
      anonMb: stats ? stats.peakAnonBytes / 1024 / 1024 : null,
      syscallsPerRequest: stats ? stats.syscalls / requests : null,
      memory,
    };
    results.push(row);
    console.log(
      `#${round} ${peer.padEnd(10)} mirror=${mirror.padEnd(7)} ${method.name.padEnd(10)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}` +
        (stats
          ? `  cpu ${row.cpuPer1000.toFixed(3)} s/1k  rss ${row.rssMb.toFixed(0)} MB (anon ${row.anonMb.toFixed(0)})  syscalls ${row.syscallsPerRequest.toFixed(2)}/req`
          : ''),
    );
  }
}

const nginxAt = (round, mirror) => {
  const dir = join(work, `nginx-${mirror}`);
  const config = proxyConfig(dir, {
    listenPort: PORTS.nginx,
    upstreamPort: PORTS.upstream,
    mirrorPort: mirrorPorts[mirror],
  });
  return measure(round, 'nginx', mirror, `http://127.0.0.1:${PORTS.nginx}/`, undefined, () =>
    startNginx(dir, config, PORTS.nginx),
  );
};
const shadowmeshAt = (round, mirror) =>
  measure(round, 'shadowmesh', mirror, `http://127.0.0.1:${PORTS.sidecar}/`, { host: 'upstream.bench' }, () =>
    startSidecar(work, cli, {
      outboundPort: PORTS.sidecar,
      adminPort: PORTS.admin,
      upstreamPort: PORTS.upstream,
      mirrorPort: mirrorPorts[mirror],
    }),
  );

try {
  for (let round = 1; round <= rounds; round++) {
    await measure(round, 'direct', 'none', `http://127.0.0.1:${PORTS.upstream}/`);
    // The peers compared with each other run back to back (in alternating order by round), so that the
    // load of this shared machine drifts as little as possible between them.
    for (const mirror of ['none', 'healthy']) {
      const pair = [() => nginxAt(round, mirror), () => shadowmeshAt(round, mirror)];
      if (round % 2 === 0) pair.reverse();
      for (const peer of pair) await peer();
    }
    for (const mirror of ['slow', 'hanging', 'dead']) await shadowmeshAt(round, mirror);
    for (const mirror of ['slow', 'dead']) await nginxAt(round, mirror);
  }
} finally {
  await upstream.stop();
  await slow.close();
  await hanging.close();
  rmSync(work, { recursive: true, force: true });
}

let steady = null;
if (steadySeconds > 0) {
  const rate = 1000;
  const steadyResults = await measureSteadyRate({ cli, rate, seconds: steadySeconds, rounds: 1 });
  steady = {
    rate,
    results: steadyResults,
    figures: steadyRateFigures(steadyResults),
    table: steadyRateTable(steadyResults),
  };
}

const out = join(repo, 'bench', 'out');
mkdirSync(out, { recursive: true });
const report = writeReport(results, { methods: methods.map((m) => m.name), rounds, seconds, out, steady });
console.log(`\n${report}`);
