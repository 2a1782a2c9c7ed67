// Proxy benchmark: direct to upstream, nginx (mirror module), and Shadowmesh, in one run, on this machine.
// Usage: node bench/proxy/run.mjs [--seconds 8]   (needs wrk and nginx: apt-get install -y wrk nginx)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deadPort, startHangingServer, startSlowServer } from './mirror-targets.mjs';
import { proxyConfig, startNginx, upstreamConfig } from './nginx.mjs';
import { watchProcess } from './process-stats.mjs';
import { startSidecar } from './shadowmesh.mjs';
import { postScript, runWrk } from './wrk.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const cli = join(repo, 'apps', 'cli', 'bin', 'shadowmesh.mjs');
const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 8;
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
async function measure(peer, mirror, url, headers, start) {
  for (const method of methods) {
    const proc = start ? await start() : null;
    await runWrk({ url, seconds: 1, script: method.script, headers }); // warm-up
    const watch = proc && peer === 'shadowmesh' ? watchProcess(proc.pid) : null;
    const r = await runWrk({ url, seconds, script: method.script, headers });
    const stats = watch?.stop();
    if (proc) await proc.stop();
    const requests = r.rps * seconds;
    const row = {
      peer,
      mirror,
      method: method.name,
      ...r,
      cpuPer1000: stats ? (stats.cpuSeconds / requests) * 1000 : null,
      rssMb: stats ? stats.peakRssBytes / 1024 / 1024 : null,
    };
    results.push(row);
    console.log(
      `${peer.padEnd(10)} mirror=${mirror.padEnd(7)} ${method.name.padEnd(10)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}` +
        (stats ? `  cpu ${row.cpuPer1000.toFixed(3)} s/1k  rss ${row.rssMb.toFixed(0)} MB` : ''),
    );
  }
}

try {
  await measure('direct', 'none', `http://127.0.0.1:${PORTS.upstream}/`);
  for (const mirror of ['none', 'healthy', 'slow', 'dead']) {
    const dir = join(work, `nginx-${mirror}`);
    const config = proxyConfig(dir, {
      listenPort: PORTS.nginx,
      upstreamPort: PORTS.upstream,
      mirrorPort: mirrorPorts[mirror],
    });
    await measure('nginx', mirror, `http://127.0.0.1:${PORTS.nginx}/`, undefined, () =>
      startNginx(dir, config, PORTS.nginx),
    );
  }
  for (const mirror of ['none', 'healthy', 'slow', 'hanging', 'dead']) {
    const start = () =>
      startSidecar(work, cli, {
        outboundPort: PORTS.sidecar,
        adminPort: PORTS.admin,
        upstreamPort: PORTS.upstream,
        mirrorPort: mirrorPorts[mirror],
      });
    await measure(
      'shadowmesh',
      mirror,
      `http://127.0.0.1:${PORTS.sidecar}/`,
      { host: 'upstream.bench' },
      start,
    );
  }
} finally {
  await upstream.stop();
  await slow.close();
  await hanging.close();
  rmSync(work, { recursive: true, force: true });
}

const find = (peer, mirror, method) =>
  results.find((r) => r.peer === peer && r.mirror === mirror && r.method === method);
const lines = [
  '| peer | mirror | method | req/s | p50 ms | p99 ms | errors | × nginx same mirror | × direct | CPU s / 1k req | peak RSS MB |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const r of results) {
  const nginx = find('nginx', r.mirror === 'hanging' ? 'slow' : r.mirror, r.method);
  const direct = find('direct', 'none', r.method);
  lines.push(
    `| ${r.peer} | ${r.mirror} | ${r.method} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} | ${r.peer === 'shadowmesh' && nginx ? (r.rps / nginx.rps).toFixed(2) : ''} | ${direct ? (r.rps / direct.rps).toFixed(2) : ''} | ${r.cpuPer1000?.toFixed(3) ?? ''} | ${r.rssMb?.toFixed(0) ?? ''} |`,
  );
}
const checks = [];
for (const method of methods.map((m) => m.name)) {
  const sm = (m) => find('shadowmesh', m, method);
  const ng = (m) => find('nginx', m, method);
  checks.push([
    `${method}: 100% mirror ≥ 1.0× nginx with mirror`,
    sm('healthy').rps / ng('healthy').rps,
    1.0,
  ]);
  checks.push([`${method}: no mirror ≥ 0.3× nginx`, sm('none').rps / ng('none').rps, 0.3]);
  for (const bad of ['slow', 'hanging', 'dead']) {
    checks.push([
      `${method}: ${bad} mirror ≥ 0.95× no-mirror throughput`,
      sm(bad).rps / sm('none').rps,
      0.95,
    ]);
    checks.push([`${method}: ${bad} mirror p99 ≤ 1.1× no-mirror p99`, sm('none').p99 / sm(bad).p99, 1 / 1.1]);
  }
}
const rss = Math.max(...results.filter((r) => r.rssMb !== null).map((r) => r.rssMb));
checks.push(['peak RSS ≤ 100 MB', 100 / rss, 1]);
lines.push('', '| target | measured ratio | threshold | met |', '|---|---|---|---|');
for (const [name, value, threshold] of checks)
  lines.push(
    `| ${name} | ${value.toFixed(2)} | ${threshold.toFixed(2)} | ${value >= threshold ? 'yes' : 'NO'} |`,
  );
const report = lines.join('\n');
console.log(`\n${report}`);
const out = join(repo, 'bench', 'out');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'proxy.md'), `${report}\n`);
writeFileSync(join(out, 'proxy.json'), JSON.stringify(results, null, 2));
