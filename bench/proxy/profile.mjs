// One Shadowmesh scenario of the proxy benchmark, optionally under the V8 profiler, for finding hot spots.
// Usage: node bench/proxy/profile.mjs [--mirror none|healthy|slow|hanging|dead] [--post] [--seconds 8]
//          [--cpu-prof DIR] [--node-flag=--max-semi-space-size=4 ...] [--repeat N]
// Prints req/s, p50/p99, CPU s/1k req and peak RSS (and, with --cpu-prof, the top functions by self time).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deadPort, startHangingServer, startSlowServer } from './mirror-targets.mjs';
import { startNginx, upstreamConfig } from './nginx.mjs';
import { watchProcess } from './process-stats.mjs';
import { startSidecar } from './shadowmesh.mjs';
import { postScript, runWrk } from './wrk.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', '..', 'apps', 'cli', 'bin', 'shadowmesh.mjs');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const mirror = arg('--mirror', 'none');
const seconds = Number(arg('--seconds', '8'));
const repeat = Number(arg('--repeat', '1'));
const profDir = arg('--cpu-prof', null);
const post = process.argv.includes('--post');
const nodeFlags = process.argv.filter((a) => a.startsWith('--node-flag=')).map((a) => a.slice(12));
const work = mkdtempSync(join(tmpdir(), 'shadowmesh-prof-'));
const PORTS = { upstream: 18181, mirror: 18182, sidecar: 18200, admin: 18201 };

const upstream = await startNginx(
  join(work, 'upstream'),
  upstreamConfig(join(work, 'upstream'), [PORTS.upstream, PORTS.mirror]),
  PORTS.upstream,
);
const slow = mirror === 'slow' ? await startSlowServer(500) : null;
const hanging = mirror === 'hanging' ? await startHangingServer() : null;
const mirrorPort = {
  none: undefined,
  healthy: PORTS.mirror,
  slow: slow?.port,
  hanging: hanging?.port,
  dead: mirror === 'dead' ? await deadPort() : undefined,
}[mirror];
const script = post ? postScript(work, 16 * 1024) : undefined;
const flags = [...nodeFlags];
if (profDir !== null) flags.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);

try {
  for (let i = 0; i < repeat; i++) {
    const proc = await startSidecar(work, cli, {
      outboundPort: PORTS.sidecar,
      adminPort: PORTS.admin,
      upstreamPort: PORTS.upstream,
      mirrorPort,
      nodeFlags: flags,
    });
    const url = `http://127.0.0.1:${PORTS.sidecar}/`;
    const headers = { host: 'upstream.bench' };
    await runWrk({ url, seconds: 1, script, headers });
    const watch = watchProcess(proc.pid);
    const r = await runWrk({ url, seconds, script, headers });
    const stats = watch.stop();
    await proc.stop();
    const cpu = (stats.cpuSeconds / (r.rps * seconds)) * 1000;
    console.log(
      `mirror=${mirror} ${post ? 'POST 16KiB' : 'GET'} ${r.rps.toFixed(0)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}  cpu ${cpu.toFixed(3)} s/1k  syscalls/req ${(stats.syscalls / (r.rps * seconds)).toFixed(2)}  rss ${(stats.peakRssBytes / 1048576).toFixed(0)} MB (anon ${(stats.peakAnonBytes / 1048576).toFixed(0)})`,
    );
  }
  if (profDir !== null) summarize(profDir);
} finally {
  await upstream.stop();
  await slow?.close();
  await hanging?.close();
  rmSync(work, { recursive: true, force: true });
}

/** Self time per function (and per file) of the newest .cpuprofile in `dir`. */
function summarize(dir) {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .at(-1);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  const ticks = new Map();
  for (let i = 0; i < profile.samples.length; i++)
    ticks.set(profile.samples[i], (ticks.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
  let total = 0;
  for (const [id, us] of ticks) {
    const n = byId.get(id);
    const cf = n.callFrame;
    const where = cf.url ? cf.url.replace(/^.*\/(node_modules|apps|packages)\//, '$1/') : '';
    const key = `${cf.functionName || '(anonymous)'} ${where}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
    total += us;
  }
  const idle = [...self].filter(([k]) => k.startsWith('(idle)')).reduce((n, [, v]) => n + v, 0);
  console.log(
    `\nprofile ${file}: ${(total / 1e6).toFixed(1)} s sampled, ${((idle / total) * 100).toFixed(1)}% idle`,
  );
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`${((us / (total - idle)) * 100).toFixed(1).padStart(5)}%  ${k}`);
}
