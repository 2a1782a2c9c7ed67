// The control plane's ingestion code alone, version 1 against version 2 deltas of the same traffic, in
// one process: each message as the proxy session handles it (`parseProxyMessage` of the text, then
// `TelemetryService.ingest`), no WebSocket. Rounds of one second of the benchmark mesh (500 proxies ×
// 50 edges) alternate between the versions, so outside load weighs on both alike; CPU time per round.
// Run: node scripts/build.mjs && node bench/telemetry/ingest-cpu.mjs [--rounds=30]
import { parseProxyMessage } from '../../apps/control-plane/dist/services/push/proxy-messages.js';
import { TelemetryService } from '../../apps/control-plane/dist/services/telemetry/telemetry-service.js';
import { proxyCompactTelemetry, proxyIdentity, proxyTelemetry, TOPOLOGY } from './topology.mjs';

const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 30);
const VARIANTS = 4;

export function measureIngestCpu({ rounds = ROUNDS, proxies = TOPOLOGY.proxies } = {}) {
  const now = Date.now();
  const text = (payload) => JSON.stringify({ type: 'telemetry', payload });
  const v1 = Array.from({ length: proxies }, (_, i) =>
    Array.from({ length: VARIANTS }, (_, v) => text(proxyTelemetry(i, v, now))),
  );
  const v2 = Array.from({ length: proxies }, (_, i) => {
    const { keyed, plain } = proxyCompactTelemetry(i, VARIANTS, now);
    return { keyed: text(keyed), plain: plain.map(text) };
  });
  let ms = now;
  const services = {
    v1: new TelemetryService({ now: () => ms }),
    v2: new TelemetryService({ now: () => ms }),
  };
  // One identity object per simulated connection, as the proxy session passes it.
  const identities = Array.from({ length: proxies }, (_, i) => proxyIdentity(i));
  const ingest = (service, message, i) => {
    const parsed = parseProxyMessage(message);
    if (!parsed.ok || !service.ingest(identities[i], parsed.message.payload)) throw new Error('refused');
  };
  for (let i = 0; i < proxies; i++) ingest(services.v2, v2[i].keyed, i);
  const cpu = { v1: [], v2: [] };
  for (let round = -3; round < rounds; round++) {
    ms += 1000;
    for (const version of round % 2 === 0 ? ['v1', 'v2'] : ['v2', 'v1']) {
      const c0 = process.cpuUsage();
      for (let i = 0; i < proxies; i++) {
        ingest(services[version], version === 'v1' ? v1[i][round & 3] : v2[i].plain[round & 3], i);
      }
      const c = process.cpuUsage(c0);
      if (round >= 0) cpu[version].push((c.user + c.system) / 1000);
    }
  }
  for (const s of Object.values(services)) s.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bytes = (list) => list.reduce((sum, m) => sum + Buffer.byteLength(m), 0) / list.length;
  return {
    proxies,
    v1: {
      cpuMsPerSecondOfTraffic: round(median(cpu.v1)),
      messageBytes: Math.round(bytes(v1.map((v) => v[0]))),
    },
    v2: {
      cpuMsPerSecondOfTraffic: round(median(cpu.v2)),
      messageBytes: Math.round(bytes(v2.map((v) => v.plain[0]))),
    },
  };
}

function round(x) {
  return Math.round(x * 10) / 10;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureIngestCpu();
  for (const version of ['v1', 'v2']) {
    const { cpuMsPerSecondOfTraffic, messageBytes } = r[version];
    console.log(
      `${version}: ${messageBytes} bytes a message; parse + ingest of one second of ${r.proxies} proxies: ` +
        `${cpuMsPerSecondOfTraffic} ms CPU (${round(cpuMsPerSecondOfTraffic / 10)} % of a core), median of ${ROUNDS}`,
    );
  }
}
