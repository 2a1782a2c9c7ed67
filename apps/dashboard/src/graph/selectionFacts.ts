// The facts the side panel lists for a node or an edge, as term/value pairs of text.
import type { GraphEdge } from '@shadowmesh/api';
import { formatMs, formatPercent, formatRps } from './graphFormat';
import { activeBadges } from './graphLabels';
import { KIND_NAMES, type Selection } from './selection';

export type Fact = [term: string, value: string];

const HEALTH_NAMES = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  failure: 'Failure',
  idle: 'Idle (no requests)',
};

function responseCodes(edge: GraphEdge): string {
  const entries = Object.entries(edge.traffic.responseCodes).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return '–';
  return entries.map(([code, count]) => `${code === '0' ? 'no answer' : code}: ${count}`).join(', ');
}

export function selectionFacts(selection: Selection): Fact[] {
  if (selection.kind === 'node') {
    const { node } = selection;
    const facts: Fact[] = [
      ['Kind', KIND_NAMES[node.kind]],
      ['Namespace', node.namespace],
    ];
    if (node.service) facts.push(['Service', node.service]);
    if (node.app) facts.push(['App', node.app]);
    if (node.version) facts.push(['Version', node.version]);
    if (node.workload) facts.push(['Workload', node.workload]);
    facts.push(['Health', HEALTH_NAMES[node.health]]);
    if (node.kind !== 'box') {
      facts.push(['Requests in', `${formatRps(node.inRps)} rps`]);
      facts.push(['Requests out', `${formatRps(node.outRps)} rps`]);
      facts.push(['Errors in', formatPercent(node.errorRatio)]);
    }
    const badges = activeBadges(node.badges);
    if (badges.length > 0) facts.push(['Config', badges.map((b) => `${b.glyph} ${b.name}`).join(', ')]);
    return facts;
  }
  const { edge } = selection;
  const { traffic } = edge;
  const facts: Fact[] = [
    ['Traffic', edge.mirror ? 'Mirror copies (fire-and-forget)' : 'Primary requests'],
    ['Protocol', edge.protocol.toUpperCase()],
    ['Health', HEALTH_NAMES[edge.health]],
    ['Rate', `${formatRps(traffic.rps)} rps (${traffic.requests} requests)`],
    ['Errors', `${formatPercent(traffic.errorRatio)} (${traffic.errors})`],
    [
      'Latency p50 / p95 / p99',
      `${formatMs(traffic.p50Ms)} / ${formatMs(traffic.p95Ms)} / ${formatMs(traffic.p99Ms)}`,
    ],
  ];
  if (edge.mirror) {
    if (edge.mirrorPercentage !== undefined) facts.push(['Mirror percentage', `${edge.mirrorPercentage}%`]);
  } else {
    facts.push(['Share of source traffic', formatPercent(traffic.share)]);
    if (edge.configuredWeight !== undefined) facts.push(['Configured weight', `${edge.configuredWeight}%`]);
  }
  facts.push(['Response codes', responseCodes(edge)]);
  return facts;
}
