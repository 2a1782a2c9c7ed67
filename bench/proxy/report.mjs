// The proxy benchmark's report: per-scenario medians over rounds, ratios (median of per-round ratios),
// and the targets. Writes bench/out/proxy.md and bench/out/proxy.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const fixed = (x, digits) => (Number.isFinite(x) ? x.toFixed(digits) : '');

export function writeReport(results, { methods, rounds, seconds, out }) {
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
    '| peer | mirror | method | req/s | p50 ms | p99 ms | errors | × nginx same mirror | × direct | CPU s / 1k req | peak RSS MB | syscalls / req |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
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
      `| ${s.peer} | ${s.mirror} | ${s.method} | ${rps.toFixed(0)}${range} | ${fixed(median(rs.map((r) => r.p50)), 2)} | ${fixed(median(rs.map((r) => r.p99)), 2)} | ${rs.reduce((n, r) => n + r.errors, 0)} | ${fixed(vsNginx, 2)} | ${fixed(vsDirect, 2)} | ${fixed(median(rs.map((r) => r.cpuPer1000)), 3)} | ${fixed(median(rs.map((r) => r.rssMb)), 0)} | ${fixed(median(rs.map((r) => r.syscallsPerRequest)), 2)} |`,
    );
  }

  const checks = [];
  const ratio = (num, den, field = 'rps') =>
    perRound((i) => {
      const a = at(i, ...num);
      const b = at(i, ...den);
      return a && b ? a[field] / b[field] : undefined;
    });
  for (const m of methods) {
    checks.push([
      `${m}: 100% mirror vs nginx with mirror`,
      ratio(['shadowmesh', 'healthy', m], ['nginx', 'healthy', m]),
      '≥',
      1.0,
    ]);
    checks.push([
      `${m}: no mirror vs nginx`,
      ratio(['shadowmesh', 'none', m], ['nginx', 'none', m]),
      '≥',
      0.3,
    ]);
    for (const bad of ['slow', 'hanging', 'dead']) {
      checks.push([
        `${m}: ${bad} mirror throughput vs no mirror`,
        ratio(['shadowmesh', bad, m], ['shadowmesh', 'none', m]),
        '≥',
        0.95,
      ]);
      checks.push([
        `${m}: ${bad} mirror p99 vs no mirror`,
        ratio(['shadowmesh', bad, m], ['shadowmesh', 'none', m], 'p99'),
        '≤',
        1.1,
      ]);
    }
  }
  const peaks = scenarios
    .filter((s) => s.peer === 'shadowmesh')
    .map((s) => median(rows(s.peer, s.mirror, s.method).map((r) => r.rssMb)));
  checks.push(['peak RSS under load, MB (largest scenario median)', Math.max(...peaks), '≤', 100]);
  lines.push('', '| target | measured | threshold | met |', '|---|---|---|---|');
  for (const [name, value, op, threshold] of checks) {
    const met = op === '≥' ? value >= threshold : value <= threshold;
    lines.push(`| ${name} | ${value.toFixed(2)} | ${op} ${threshold.toFixed(2)} | ${met ? 'yes' : 'NO'} |`);
  }
  const report = lines.join('\n');
  writeFileSync(join(out, 'proxy.md'), `${report}\n`);
  writeFileSync(join(out, 'proxy.json'), JSON.stringify(results, null, 2));
  return report;
}
