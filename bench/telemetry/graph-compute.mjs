// Graph computation on its own (no HTTP, no JSON): the benchmark topology's 1,000-node graph over a 60 s
// window, computed from a telemetry service filled in-process with 65 s of the same deltas the proxies
// send. Reports wall time and CPU time per computation (CPU time is steadier on a busy machine).
// Run: node scripts/build.mjs && node bench/telemetry/graph-compute.mjs [--runs=20]
import { buildConfigView } from '../../apps/control-plane/dist/services/telemetry/graph/config-view.js';
import { TelemetryService } from '../../apps/control-plane/dist/services/telemetry/telemetry-service.js';
import { proxyIdentity, proxyTelemetry, TOPOLOGY } from './topology.mjs';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 20);

/** Fills a telemetry service (on a simulated clock) and measures graph computations over it. */
export function measureGraphCompute({ runs = RUNS, seconds = 65, durationSeconds = 60 } = {}) {
  let ms = 1_700_000_000_000;
  const service = new TelemetryService({ now: () => ms });
  const identities = Array.from({ length: TOPOLOGY.proxies }, (_, i) => proxyIdentity(i));
  for (let second = 0; second < seconds; second++) {
    for (let i = 0; i < TOPOLOGY.proxies; i++) {
      // Through JSON, as over the wire: the service gets plain parsed objects.
      service.ingest(identities[i], JSON.parse(JSON.stringify(proxyTelemetry(i, second, ms))));
    }
    ms += 1000;
  }
  const mesh = { config: buildConfigView([]), gateways: new Set(), workloadLabels: new Map() };
  const query = { graphType: 'versionedApp', namespaces: [], durationSeconds };
  const wall = [];
  const cpu = [];
  let graph;
  // Warm-up (not counted): the first computation also summarizes the window's ten-second blocks.
  for (let run = 0; run < 5; run++) service.graph(query, mesh);
  for (let run = 0; run < runs; run++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    graph = service.graph(query, mesh);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  service.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    series: service.registry.size,
    wallMsMedian: Math.round(median(wall) * 10) / 10,
    cpuMsMedian: Math.round(median(cpu) * 10) / 10,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureGraphCompute();
  console.log(
    `graph compute (versionedApp, 60 s): ${r.nodes} nodes, ${r.edges} edges from ${r.series} series: ` +
      `${r.wallMsMedian} ms wall, ${r.cpuMsMedian} ms CPU (median of ${RUNS})`,
  );
}
