// The proxy benchmark's report: per-scenario medians over rounds, ratios (median of per-round ratios),
// and issue 16's targets (with the steady-rate scenario's figures when given). Writes bench/out/proxy.md
// and bench/out/proxy.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const fixed = (x, digits) => (Number.isFinite(x) ? x.toFixed(digits) : '');
const mb = (bytes) => (bytes / 1048576).toFixed(1);
/** The round with the median RSS peak: its /memory sample taken at the peak (null from a build without it). */
function memoryAtMedianPeak(rs) {
  const withMemory = rs.filter((r) => r.memory).sort((a, b) => a.rssMb - b.rssMb);
  return withMemory[Math.floor((withMemory.length - 1) / 2)]?.memory ?? null;
}
function heapAtPeak(rs) {
  const m = memoryAtMedianPeak(rs);
  return m
    ? `${mb(m.heapUsedBytes)} / ${mb(m.heapTotalBytes)} (${mb(m.spaces.new_space?.sizeBytes ?? 0)})`
    : '';
}
function externalAtPeak(rs) {
  const m = memoryAtMedianPeak(rs);
  return m ? mb(m.externalBytes) : '';
}

/** `steady`: the steady-rate scenario ({ rate, figures, table } from steady-rate.mjs), or null. */
export function writeReport(results, { methods, rounds, seconds, out, steady = null }) {
  const rows = (peer, mirror, method) =>
    results.filter((r) => r.peer === peer && r.mirror === mirror && r.method === method);
  const at = (round, peer, mirror, method) =>
    results.find((r) => r.round === round && r.peer === peer && r.mirror === mirror && r.method === method);
  /** Median over rounds of f(round), where f may be undefined for a round. */
  const perRound = (f) => median([...Array(rounds).keys()].map((i) => f(i + 1) ?? Number.NaN));
  const nginxMirror = (mirror) => (mirror === 'hanging' ? 'slow' : mirror);

  const order = (list, x) => list.indexOf(x);
  const PEERS = ['direct', 'nginx', 'shadowmesh'];
  const MIRRORS = ['none', 'healthy', 'slow', 'hanging', 'dead'];
  const scenarios = [];
  for (const r of results)
    if (!scenarios.some((s) => s.peer === r.peer && s.mirror === r.mirror && s.method === r.method))
      scenarios.push({ peer: r.peer, mirror: r.mirror, method: r.method });
  scenarios.sort(
    (a, b) =>
      order(PEERS, a.peer) - order(PEERS, b.peer) ||
      order(MIRRORS, a.mirror) - order(MIRRORS, b.mirror) ||
      order(methods, a.method) - order(methods, b.method),
  );

  const lines = [
    `${rounds} round(s) of ${seconds} s per scenario; medians over rounds${rounds > 1 ? ' (req/s range in brackets)' : ''}; ratios are medians of per-round ratios.`,
    '',
    '| peer | mirror | method | req/s | p50 ms | p99 ms | errors | × nginx same mirror | × direct | CPU s / 1k req | peak RSS MB (anon) | heap used / total MB (young gen) at peak | external MB | syscalls / req |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of scenarios) {
    const rs = rows(s.peer, s.mirror, s.method);
    const rps = median(rs.map((r) => r.rps));
    const range =
      rounds > 1
        ? ` (${Math.min(...rs.map((r) => r.rps)).toFixed(0)}–${Math.max(...rs.map((r) => r.rps)).toFixed(0)})`
        : '';
    const vsNginx =
      s.peer === 'shadowmesh'
        ? perRound((i) => {
            const ng = at(i, 'nginx', nginxMirror(s.mirror), s.method);
            const sm = at(i, s.peer, s.mirror, s.method);
            return ng && sm ? sm.rps / ng.rps : undefined;
          })
        : Number.NaN;
    const vsDirect = perRound((i) => {
      const d = at(i, 'direct', 'none', s.method);
      const x = at(i, s.peer, s.mirror, s.method);
      return d && x ? x.rps / d.rps : undefined;
    });
    lines.push(
      `| ${s.peer} | ${s.mirror} | ${s.method} | ${rps.toFixed(0)}${range} | ${fixed(median(rs.map((r) => r.p50)), 2)} | ${fixed(median(rs.map((r) => r.p99)), 2)} | ${rs.reduce((n, r) => n + r.errors, 0)} | ${fixed(vsNginx, 2)} | ${fixed(vsDirect, 2)} | ${fixed(median(rs.map((r) => r.cpuPer1000)), 3)} | ${fixed(median(rs.map((r) => r.rssMb)), 0)}${rs[0]?.anonMb ? ` (${fixed(median(rs.map((r) => r.anonMb)), 0)})` : ''} | ${heapAtPeak(rs)} | ${externalAtPeak(rs)} | ${fixed(median(rs.map((r) => r.syscallsPerRequest)), 2)} |`,
    );
  }

  // Issue 16's targets. Each row: name, measured, operator, threshold, met (null: reported only), detail.
  const checks = [];
  /** Per-round ratios (rounds where both ran). */
  const ratios = (num, den, field = 'rps') =>
    [...Array(rounds).keys()]
      .map((i) => {
        const a = at(i + 1, ...num);
        const b = at(i + 1, ...den);
        return a && b ? a[field] / b[field] : undefined;
      })
      .filter((x) => x !== undefined);
  const ratio = (num, den, field = 'rps') => median(ratios(num, den, field));
  const check = (name, value, op, threshold, detail = '') => {
    const met = op === '≥' ? value >= threshold : value <= threshold;
    checks.push([name, value, `${op} ${threshold.toFixed(2)}`, Number.isFinite(value) ? met : false, detail]);
  };
  const get = methods.find((m) => m.startsWith('GET'));
  const post = methods.find((m) => m.startsWith('POST'));
  if (post)
    check(
      `${post}: no mirror vs nginx`,
      ratio(['shadowmesh', 'none', post], ['nginx', 'none', post]),
      '≥',
      0.4,
    );
  if (get) {
    check(
      `${get}: no mirror vs nginx`,
      ratio(['shadowmesh', 'none', get], ['nginx', 'none', get]),
      '≥',
      0.55,
    );
    check(
      `${get}: 100% mirror vs nginx with mirror`,
      ratio(['shadowmesh', 'healthy', get], ['nginx', 'healthy', get]),
      '≥',
      1.6,
    );
  }
  for (const m of methods) {
    for (const bad of ['slow', 'hanging', 'dead']) {
      // In every round: the worst round is the measured value.
      const rps = ratios(['shadowmesh', bad, m], ['shadowmesh', 'none', m]);
      const p99 = ratios(['shadowmesh', bad, m], ['shadowmesh', 'none', m], 'p99');
      const rpsOk = rps.filter((x) => x >= 0.97).length;
      const p99Ok = p99.filter((x) => x <= 1.1).length;
      check(
        `${m}: ${bad} mirror throughput vs no mirror (worst round)`,
        rps.length > 0 ? Math.min(...rps) : Number.NaN,
        '≥',
        0.97,
        `${rpsOk}/${rps.length} rounds; ${rps.map((x) => x.toFixed(2)).join(', ')}`,
      );
      check(
        `${m}: ${bad} mirror p99 vs no mirror (worst round)`,
        p99.length > 0 ? Math.max(...p99) : Number.NaN,
        '≤',
        1.1,
        `${p99Ok}/${p99.length} rounds; ${p99.map((x) => x.toFixed(2)).join(', ')}`,
      );
    }
  }
  const smScenarios = scenarios.filter((s) => s.peer === 'shadowmesh');
  const peaks = smScenarios.map((s) => median(rows(s.peer, s.mirror, s.method).map((r) => r.rssMb)));
  const worst = smScenarios[peaks.indexOf(Math.max(...peaks))];
  const anyRun = Math.max(...results.filter((r) => r.peer === 'shadowmesh').map((r) => r.rssMb));
  check(
    'peak RSS under load, MB (largest scenario median)',
    Math.max(...peaks),
    '≤',
    80,
    worst ? `${worst.mirror} ${worst.method}; largest single run ${anyRun.toFixed(0)} MB` : '',
  );
  const anonPeaks = smScenarios.map((s) => median(rows(s.peer, s.mirror, s.method).map((r) => r.anonMb)));
  if (anonPeaks.every(Number.isFinite))
    checks.push([
      "peak anonymous RSS, MB (without the node binary's file pages, which sidecars on a host share)",
      Math.max(...anonPeaks),
      'reported',
      null,
      'what one more sidecar costs a host',
    ]);
  if (steady) {
    const f = steady.figures;
    check(
      'vCPU per 1,000 req/s, 100% mirror, full telemetry (Envoy: 0.20, Istio docs)',
      f.fullTelemetryVcpuPer1000,
      '≤',
      0.2,
      `RSS ${f.fullTelemetryRssMb.toFixed(0)} MB (Envoy: 60 MB)`,
    );
    checks.push([
      'vCPU at 1,000 req/s: no mirror / 100% mirror (nginx: same)',
      f.noneVcpuPer1000,
      'reported',
      null,
      `${f.noneVcpuPer1000.toFixed(3)} / ${f.mirrorVcpuPer1000.toFixed(3)} (nginx ${f.nginxNoneVcpuPer1000.toFixed(3)} / ${f.nginxMirrorVcpuPer1000.toFixed(3)})`,
    ]);
  }
  lines.push('', '| target | measured | threshold | met | detail |', '|---|---|---|---|---|');
  for (const [name, value, threshold, met, detail] of checks) {
    const shown = Number.isFinite(value) ? value.toFixed(value >= 10 ? 1 : 3) : 'n/a';
    lines.push(
      `| ${name} | ${shown} | ${threshold} | ${met === null ? '' : met ? 'yes' : 'NO'} | ${detail} |`,
    );
  }
  if (steady) lines.push('', `Steady rate (${steady.rate} req/s, open loop):`, '', steady.table);
  const report = lines.join('\n');
  writeFileSync(join(out, 'proxy.md'), `${report}\n`);
  writeFileSync(join(out, 'proxy.json'), JSON.stringify({ results, steady }, null, 2));
  return report;
}
