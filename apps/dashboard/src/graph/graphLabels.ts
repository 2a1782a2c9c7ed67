// The text drawn on nodes and edges. Glyphs are ones common fonts (DejaVu, which headless Chromium
// on Debian has) can draw; the legend and the side panel spell each one out.
import type { GraphEdge, GraphNode, ServiceBadges } from '@shadowmesh/api';
import { formatMs, formatPercent, formatRps } from './graphFormat';
import type { EdgeLabelMode } from './graphView';

/** The shadow badge of mirror edges: a shadowed square, i.e. a copy. */
export const MIRROR_GLYPH = '❐';

export interface BadgeInfo {
  key: keyof ServiceBadges;
  glyph: string;
  name: string;
}

/** Service badges in the order they are drawn. */
export const BADGES: readonly BadgeInfo[] = [
  { key: 'mirror', glyph: MIRROR_GLYPH, name: 'Mirroring' },
  { key: 'weightedRouting', glyph: '⚖', name: 'Weighted routing' },
  { key: 'faultInjection', glyph: '⚡', name: 'Fault injection' },
  { key: 'timeout', glyph: '◷', name: 'Request timeout' },
  { key: 'retries', glyph: '↻', name: 'Retries' },
  { key: 'circuitBreaker', glyph: '⊘', name: 'Circuit breaker' },
];

/** The badges a service has, in drawing order. */
export function activeBadges(badges: ServiceBadges | undefined): BadgeInfo[] {
  return badges ? BADGES.filter((b) => badges[b.key]) : [];
}

/** A node's label: its name, and for services a second line with their badges. */
export function nodeLabel(node: GraphNode): string {
  const glyphs = activeBadges(node.badges).map((b) => b.glyph);
  return glyphs.length > 0 ? `${node.label}\n${glyphs.join(' ')}` : node.label;
}

/** `90% / obs 89.4%`: the configured weight beside the observed share of a weighted route. */
export function shareText(edge: GraphEdge): string {
  const observed = formatPercent(edge.traffic.share);
  return edge.configuredWeight === undefined
    ? observed
    : `${trimWeight(edge.configuredWeight)}% / obs ${observed}`;
}

function trimWeight(weight: number): string {
  return Number.isInteger(weight) ? String(weight) : weight.toFixed(1);
}

function errorText(edge: GraphEdge): string {
  return `${formatPercent(edge.traffic.errorRatio)} err`;
}

function rpsText(edge: GraphEdge): string {
  return `${formatRps(edge.traffic.rps)} rps`;
}

/** Marks a mirror edge whose copies answer differently from their primaries. */
export const DIVERGENCE_GLYPH = '⚠';

/**
 * A mirror edge's divergence, once pairs were compared: `⚠ 12% diverge` when copies answered
 * differently, `0% diverge` when none did; empty when nothing was compared yet.
 */
export function divergenceText(divergence: GraphEdge['divergence']): string {
  if (!divergence || divergence.compared <= 0) return '';
  if (divergence.divergent <= 0) return '0% diverge';
  return `${DIVERGENCE_GLYPH} ${formatPercent(divergence.ratio)} diverge`;
}

/**
 * An edge's label for the chosen mode. Mirror edges always carry their shadow badge with the
 * configured percentage and their divergence, and (unless labels are off) their own rate, errors
 * and p95 latency.
 */
export function edgeLabel(edge: GraphEdge, mode: EdgeLabelMode): string {
  if (edge.mirror) {
    const percentage = edge.mirrorPercentage === undefined ? '' : ` ${trimWeight(edge.mirrorPercentage)}%`;
    const divergence = divergenceText(edge.divergence);
    const badge = `${MIRROR_GLYPH} mirror${percentage}${divergence ? ` · ${divergence}` : ''}`;
    if (mode === 'none') return badge;
    return `${badge}\n${rpsText(edge)} · ${errorText(edge)} · p95 ${formatMs(edge.traffic.p95Ms)}`;
  }
  switch (mode) {
    case 'none':
      return '';
    case 'rps':
      return edge.traffic.errorRatio > 0 ? `${rpsText(edge)}\n${errorText(edge)}` : rpsText(edge);
    case 'share':
      return shareText(edge);
    case 'p95':
      return edge.traffic.p95Ms === null ? '' : formatMs(edge.traffic.p95Ms);
    case 'errors':
      return errorText(edge);
  }
}
