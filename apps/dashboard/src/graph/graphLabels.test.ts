import { describe, expect, it } from 'vitest';
import { formatMs, formatPercent, formatRps } from './graphFormat';
import { activeBadges, edgeLabel, nodeLabel, shareText } from './graphLabels';
import { NO_BADGES, testEdge, testNode } from './testGraph';

describe('formatting', () => {
  it.each([
    [0, '0'],
    [-1, '0'],
    [Number.NaN, '0'],
    [0.004, '<0.01'],
    [0.25, '0.25'],
    [1, '1'],
    [9.123, '9.12'],
    [12.34, '12.3'],
    [456.7, '457'],
  ])('rps %d → %s', (rps, text) => {
    expect(formatRps(rps)).toBe(text);
  });

  it.each([
    [0, '0%'],
    [0.00005, '<0.01%'],
    [0.0005, '0.05%'],
    [0.053, '5.3%'],
    [0.894, '89.4%'],
    [0.9, '90%'],
    [1, '100%'],
    [1.2, '100%'],
  ])('ratio %d → %s', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });

  it.each([
    [null, '–'],
    [0.42, '0.4ms'],
    [12.4, '12ms'],
    [999, '999ms'],
    [1250, '1.25s'],
    [2000, '2s'],
  ])('latency %s → %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});

describe('nodeLabel', () => {
  it('is the name alone without badges', () => {
    expect(nodeLabel(testNode('a', { label: 'httpbin v1' }))).toBe('httpbin v1');
  });

  it('adds a line of badge glyphs for a service', () => {
    const node = testNode('s', {
      kind: 'service',
      label: 'httpbin',
      badges: { ...NO_BADGES, mirror: true, faultInjection: true, retries: true },
    });
    expect(nodeLabel(node)).toBe('httpbin\n❐ ⚡ ↻');
    expect(activeBadges(node.badges).map((b) => b.name)).toEqual(['Mirroring', 'Fault injection', 'Retries']);
  });
});

describe('edgeLabel', () => {
  const plain = testEdge('a', 'b', { traffic: { rps: 12.34, share: 0.5, p95Ms: 1250 } });
  const failing = testEdge('a', 'b', { traffic: { rps: 2, errorRatio: 0.125 } });
  const weighted = testEdge('s', 'v1', { configuredWeight: 90, traffic: { share: 0.894 } });
  const mirror = testEdge('s', 'v2', {
    mirror: true,
    mirrorPercentage: 100,
    traffic: { rps: 4.2, errorRatio: 0.01, p95Ms: 40 },
  });

  it.each([
    [plain, 'rps', '12.3 rps'],
    [failing, 'rps', '2 rps\n12.5% err'],
    [plain, 'share', '50%'],
    [weighted, 'share', '90% / obs 89.4%'],
    [plain, 'p95', '1.25s'],
    [plain, 'errors', '0% err'],
    [plain, 'none', ''],
    [mirror, 'none', '❐ mirror 100%'],
    [mirror, 'rps', '❐ mirror 100%\n4.2 rps · 1% err · p95 40ms'],
    [mirror, 'share', '❐ mirror 100%\n4.2 rps · 1% err · p95 40ms'],
  ] as const)('%# %s', (edge, mode, text) => {
    expect(edgeLabel(edge, mode)).toBe(text);
  });

  it('shows how often a mirror edge’s copies diverge, once pairs were compared', () => {
    const with_ = (divergence: { compared: number; divergent: number; ratio: number }) =>
      edgeLabel({ ...mirror, divergence }, 'none');
    expect(with_({ compared: 0, divergent: 0, ratio: 0 })).toBe('❐ mirror 100%');
    expect(with_({ compared: 50, divergent: 0, ratio: 0 })).toBe('❐ mirror 100% · 0% diverge');
    expect(with_({ compared: 50, divergent: 6, ratio: 0.12 })).toBe('❐ mirror 100% · ⚠ 12% diverge');
    expect(edgeLabel({ ...mirror, divergence: { compared: 4, divergent: 4, ratio: 1 } }, 'rps')).toBe(
      '❐ mirror 100% · ⚠ 100% diverge\n4.2 rps · 1% err · p95 40ms',
    );
  });

  it('leaves p95 empty when no request completed', () => {
    expect(edgeLabel(testEdge('a', 'b', { traffic: { p95Ms: null } }), 'p95')).toBe('');
  });

  it('writes fractional weights with one decimal', () => {
    expect(shareText(testEdge('s', 'v', { configuredWeight: 33.333, traffic: { share: 0.3 } }))).toBe(
      '33.3% / obs 30%',
    );
  });
});
