// A/B of two builds of the Shadowmesh sidecar in one run: this checkout against another one (e.g. a
// `git worktree` of an older commit, built with `npx tsc -b apps/cli`).
// Usage: node bench/proxy/ab.mjs --baseline /path/to/other/checkout [--seconds 8] [--rounds 3]
//          [--only none-GET,none-POST,healthy-GET,healthy-POST,slow-GET,hanging-GET,dead-GET]
// Each scenario runs both builds back to back, in alternating order by round, so that the drifting load
// of a shared machine hits both alike. Prints medians per build and the median of per-round ratios.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deadPort, startHangingServer, startSlowServer } from './mirror-targets.mjs';
import { startNginx, upstreamConfig } from './nginx.mjs';
import { watchProcess } from './process-stats.mjs';
import { startSidecar } from './shadowmesh.mjs';
import { postScript, runWrk } from './wrk.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const baselineRoot = arg('--baseline', null);
if (!baselineRoot) {
  console.error('usage: node bench/proxy/ab.mjs --baseline DIR [--seconds 8] [--rounds 3]');
  process.exit(2);
}
const seconds = Number(arg('--seconds', '8'));
const rounds = Number(arg('--rounds', '3'));
const only = arg('--only', null)?.split(',') ?? null;
const cliOf = (root) => join(root, 'apps', 'cli', 'bin', 'shadowmesh.mjs');
const builds = [
  { name: 'this', cli: cliOf(join(here, '..', '..')) },
  { name: 'baseline', cli: cliOf(resolve(baselineRoot)) },
];
const work = mkdtempSync(join(tmpdir(), 'shadowmesh-ab-'));
const PORTS = { upstream: 18281, mirror: 18282, sidecar: 18300, admin: 18301 };

const upstream = await startNginx(
  join(work, 'upstream'),
  upstreamConfig(join(work, 'upstream'), [PORTS.upstream, PORTS.mirror]),
  PORTS.upstream,
);
const slow = await startSlowServer(500);
const hanging = await startHangingServer();
const post = postScript(work, 16 * 1024);
const scenarios = [
  ['none', undefined, undefined],
  ['none', undefined, post],
  ['healthy', PORTS.mirror, undefined],
  ['healthy', PORTS.mirror, post],
  ['slow', slow.port, undefined],
  ['hanging', hanging.port, undefined],
  ['dead', await deadPort(), undefined],
]
  .map(([mirror, mirrorPort, script]) => ({
    id: `${mirror}-${script ? 'POST' : 'GET'}`,
    key: `${mirror.padEnd(7)} ${script ? 'POST 16KiB' : 'GET       '}`,
    mirrorPort,
    script,
  }))
  .filter((s) => only === null || only.includes(s.id));

async function once(build, scenario) {
  const proc = await startSidecar(work, build.cli, {
    outboundPort: PORTS.sidecar,
    adminPort: PORTS.admin,
    upstreamPort: PORTS.upstream,
    mirrorPort: scenario.mirrorPort,
  });
  const url = `http://127.0.0.1:${PORTS.sidecar}/`;
  const headers = { host: 'upstream.bench' };
  await runWrk({ url, seconds: 1, script: scenario.script, headers });
  const watch = watchProcess(proc.pid);
  const r = await runWrk({ url, seconds, script: scenario.script, headers });
  const stats = watch.stop();
  await proc.stop();
  return {
    ...r,
    cpuPer1000: (stats.cpuSeconds / (r.rps * seconds)) * 1000,
    rssMb: stats.peakRssBytes / 1048576,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = new Map(scenarios.map((s) => [s.key, []]));
try {
  for (let round = 1; round <= rounds; round++) {
    for (const scenario of scenarios) {
      const order = round % 2 ? builds : [...builds].reverse();
      const result = {};
      for (const build of order) {
        result[build.name] = await once(build, scenario);
        const r = result[build.name];
        console.log(
          `#${round} ${scenario.key} ${build.name.padEnd(8)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}  cpu ${r.cpuPer1000.toFixed(3)} s/1k  rss ${r.rssMb.toFixed(0)} MB`,
        );
      }
      rows.get(scenario.key).push(result);
    }
  }
} finally {
  await upstream.stop();
  await slow.close();
  await hanging.close();
  rmSync(work, { recursive: true, force: true });
}

console.log(
  `\n${rounds} round(s) of ${seconds} s; medians; ratios are medians of per-round ratios (this ÷ baseline)`,
);
console.log(
  '| scenario | this req/s | baseline req/s | req/s ratio | this p99 ms | baseline p99 ms | p99 ratio | CPU/1k ratio | this RSS MB | baseline RSS MB |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const [key, results] of rows) {
  const m = (build, field) => median(results.map((r) => r[build][field]));
  const ratio = (field) => median(results.map((r) => r.this[field] / r.baseline[field]));
  console.log(
    `| ${key.trim()} | ${m('this', 'rps').toFixed(0)} | ${m('baseline', 'rps').toFixed(0)} | ${ratio('rps').toFixed(2)} | ${m('this', 'p99').toFixed(2)} | ${m('baseline', 'p99').toFixed(2)} | ${ratio('p99').toFixed(2)} | ${ratio('cpuPer1000').toFixed(2)} | ${m('this', 'rssMb').toFixed(0)} | ${m('baseline', 'rssMb').toFixed(0)} |`,
  );
}
