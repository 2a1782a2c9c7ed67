import type { FlowRecord } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { type CompareRules, NO_RULES } from './compare-rules.js';
import { DivergenceTracker } from './divergence-tracker.js';
import { capturedJson, type FlowFixture, makePair, randomUuid, seededRandom } from './test-support.js';

/** What the flows service does per exchange: learn from the primary, compare and count the copy. */
function feed(
  tracker: DivergenceTracker,
  primary: FlowRecord,
  copy: FlowRecord,
  rules: CompareRules = NO_RULES,
) {
  tracker.observePrimary(primary);
  const comparison = tracker.compare(primary, copy, rules);
  tracker.record(primary, copy, comparison);
  return comparison;
}

function v1v2(random: () => number, v2: Record<string, unknown> = {}, fixture: FlowFixture = {}) {
  return makePair(
    { ...fixture, body: capturedJson({ uuid: randomUuid(random), version: 'v1', n: 7 }) },
    { ...fixture, body: capturedJson({ uuid: randomUuid(random), version: 'v1', n: 7, ...v2 }) },
  );
}

describe('DivergenceTracker', () => {
  it('names the differing field with ratio 1.0 and never reports a random uuid', () => {
    const tracker = new DivergenceTracker();
    const random = seededRandom(7);
    const n = 200;
    for (let i = 0; i < n; i++) {
      const { primary, mirror } = v1v2(random, { version: 'v2' });
      feed(tracker, primary, mirror);
    }
    const [summary, ...rest] = tracker.summaries();
    expect(rest).toEqual([]);
    expect(summary).toMatchObject({
      namespace: 'default',
      service: 'httpbin.default.svc.cluster.local',
      source: { workload: 'sleep', namespace: 'default' },
      target: { service: 'httpbin.default.svc.cluster.local', namespace: 'default', subset: 'v2' },
      compared: n,
      divergent: n,
      ratio: 1,
      incomparable: 0,
    });
    expect(summary!.fields).toHaveLength(1);
    expect(summary!.fields[0]).toMatchObject({ kind: 'body', field: '$.version', count: n, ratio: 1 });
    expect(summary!.fields[0]!.examples).toHaveLength(5);
    expect(summary!.volatileFields).toEqual(['body:$.uuid']);
  });

  it('stops reporting a field retroactively once two primaries show it is volatile', () => {
    const tracker = new DivergenceTracker();
    const random = seededRandom(11);
    const first = v1v2(random);
    expect(feed(tracker, first.primary, first.mirror).result).toBe('divergent');
    expect(tracker.summaries()[0]).toMatchObject({ divergent: 1, fields: [{ field: '$.uuid', count: 1 }] });
    const second = v1v2(random);
    const c = feed(tracker, second.primary, second.mirror);
    expect(c.result).toBe('equal');
    expect(c.differences).toContainEqual(expect.objectContaining({ field: '$.uuid', ignored: 'volatile' }));
    expect(tracker.summaries()[0]).toMatchObject({ compared: 2, divergent: 0, ratio: 0, fields: [] });
  });

  it('learns noise per destination service: another service answering the same path teaches nothing', () => {
    // One x-request-id crosses front → back → store; the store's answer to /songs/1 differs from back's in
    // every field, which must not make back's fields volatile.
    const tracker = new DivergenceTracker();
    const random = seededRandom(3);
    for (let i = 0; i < 20; i++) {
      const back = v1v2(random, { version: 'v2' }, { path: '/songs/1' });
      feed(tracker, back.primary, back.mirror);
      const store = makePair(
        { path: '/songs/1', service: 'store.default.svc.cluster.local', body: capturedJson({ version: i }) },
        { path: '/songs/1', service: 'store.default.svc.cluster.local', body: capturedJson({ version: i }) },
      );
      tracker.observePrimary(store.primary);
    }
    const [summary] = tracker.summaries({ service: 'httpbin' });
    expect(summary).toMatchObject({ compared: 20, divergent: 20, ratio: 1 });
    expect(summary!.fields.map((f) => f.field)).toEqual(['$.version']);
    expect(summary!.volatileFields).toEqual(['body:$.uuid']);
  });

  it('learns noise per answering version: a canary v2 answering differently is not noise for v1', () => {
    // Primaries alternate between v1 and v2 (a weighted route); v2 answers `tier` differently on purpose.
    // Mirror copies go to v3, which answers like v2: the difference from v1 must still be counted.
    const tracker = new DivergenceTracker();
    for (let i = 0; i < 20; i++) {
      const v = i % 2 === 0 ? 'v1' : 'v2';
      const { primary, mirror } = makePair(
        { subset: v, body: capturedJson({ tier: v === 'v1' ? 'gold' : 'silver' }) },
        { subset: 'v3', body: capturedJson({ tier: 'silver' }) },
      );
      feed(tracker, primary, mirror);
    }
    const [summary] = tracker.summaries();
    expect(summary).toMatchObject({ compared: 20, divergent: 10 });
    // The body's length differs with it (counted beside a counted body difference).
    expect(summary!.fields.map((f) => f.field)).toEqual(['$.tier', 'content-length']);
    expect(summary!.volatileFields).toEqual([]);
  });

  it('drops content-length with the volatile field that explained it, retroactively', () => {
    const tracker = new DivergenceTracker();
    const pair = (p: string, m: string) =>
      makePair({ body: capturedJson({ ts: p, v: 1 }) }, { body: capturedJson({ ts: m, v: 1 }) });
    const first = pair('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.5Z');
    feed(tracker, first.primary, first.mirror);
    expect(tracker.summaries()[0]!.fields.map((f) => f.field)).toEqual(['$.ts', 'content-length']);
    const second = pair('2024-01-01T00:00:01.25Z', '2024-01-01T00:00:01Z');
    feed(tracker, second.primary, second.mirror);
    expect(tracker.summaries()[0]).toMatchObject({ compared: 2, divergent: 0, fields: [] });
  });

  it('keeps learned noise for an edge after the learner forgot the shape', () => {
    const tracker = new DivergenceTracker({ maxShapes: 1, maxShapesPerEdge: 5 });
    const random = seededRandom(5);
    for (let i = 0; i < 2; i++) {
      const { primary, mirror } = v1v2(random, {}, { path: '/a' });
      feed(tracker, primary, mirror);
    }
    const other = v1v2(random, {}, { path: '/b' });
    feed(tracker, other.primary, other.mirror); // evicts /a from the learner
    const again = v1v2(random, {}, { path: '/a' });
    feed(tracker, again.primary, again.mirror);
    const [s] = tracker.summaries();
    expect(s).toMatchObject({ compared: 4 });
    expect(s!.fields.every((f) => f.count <= 1)).toBe(true); // only /b's first pair, /a stays volatile
    expect(s!.volatileFields).toEqual(['body:$.uuid']);
  });

  it('finds 0 divergent over 1,000 identical answers that echo the -shadow Host', () => {
    const tracker = new DivergenceTracker();
    for (let i = 0; i < 1_000; i++) {
      const { primary, mirror } = makePair(
        {
          body: capturedJson({
            headers: { Host: 'httpbin:8000', Accept: '*/*' },
            url: 'http://httpbin:8000/get',
          }),
        },
        {
          body: capturedJson({
            headers: { Host: 'httpbin-shadow:8000', Accept: '*/*' },
            url: 'http://httpbin-shadow:8000/get',
          }),
        },
      );
      feed(tracker, primary, mirror);
    }
    expect(tracker.summaries()).toEqual([
      expect.objectContaining({ compared: 1_000, divergent: 0, ratio: 0, fields: [], volatileFields: [] }),
    ]);
  });

  it('measures a partial divergence within a 4-sigma band', () => {
    const tracker = new DivergenceTracker();
    const random = seededRandom(2024);
    const n = 2_000;
    const p = 0.3;
    for (let i = 0; i < n; i++) {
      const { primary, mirror } = v1v2(random, random() < p ? { n: 8 } : {});
      feed(tracker, primary, mirror);
    }
    const [s] = tracker.summaries();
    const sigma = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(s!.ratio - p)).toBeLessThan(4 * sigma);
    expect(s!.fields.map((f) => f.field)).toEqual(['$.n']);
  });

  it('learns noise from baseline copies', () => {
    const tracker = new DivergenceTracker();
    const baseline = makePair(
      { path: '/nonce', body: capturedJson({ nonce: 1 }) },
      { type: 'baseline', path: '/nonce', authority: 'httpbin:8000', body: capturedJson({ nonce: 2 }) },
    );
    feed(tracker, baseline.primary, baseline.mirror);
    expect(tracker.summaries()).toEqual([]);
    const mirrored = makePair(
      { path: '/nonce', body: capturedJson({ nonce: 3 }) },
      { path: '/nonce', body: capturedJson({ nonce: 4 }) },
    );
    expect(feed(tracker, mirrored.primary, mirrored.mirror).result).toBe('equal');
    expect(tracker.summaries()[0]).toMatchObject({
      compared: 1,
      divergent: 0,
      volatileFields: ['body:$.nonce'],
    });
  });

  it('counts incomparable copies apart, and applies rules given to compare', () => {
    const tracker = new DivergenceTracker();
    const lost = makePair({}, { status: 0, outcome: 'timed-out', body: null });
    feed(tracker, lost.primary, lost.mirror);
    const ruled = makePair({ body: capturedJson({ at: 1 }) }, { body: capturedJson({ at: 2 }) });
    feed(tracker, ruled.primary, ruled.mirror, { ignoreHeaders: [], ignoreJsonPaths: ['$.at'] });
    expect(tracker.summaries()[0]).toMatchObject({ compared: 1, divergent: 0, incomparable: 1 });
  });

  it('separates edges, filters and sorts them', () => {
    const tracker = new DivergenceTracker();
    for (const [service, subset] of [
      ['reviews.shop.svc.cluster.local', 'v3'],
      ['httpbin.default.svc.cluster.local', 'v2'],
      ['reviews.shop.svc.cluster.local', 'v2'],
    ] as const) {
      const { primary, mirror } = makePair({ service }, { service, subset });
      if (service.includes('shop')) {
        primary.destination.namespace = 'shop';
        mirror.destination.namespace = 'shop';
      }
      feed(tracker, primary, mirror);
    }
    const all = tracker.summaries();
    expect(all.map((s) => `${s.namespace}/${s.target.subset}`)).toEqual(['default/v2', 'shop/v2', 'shop/v3']);
    expect(tracker.summaries({ namespace: 'shop' })).toHaveLength(2);
    expect(tracker.summaries({ service: 'reviews' })).toHaveLength(2);
    expect(tracker.summaries({ service: 'httpbin.default' })).toHaveLength(1);
    expect(tracker.summaries({ service: 'httpbin.default.svc.cluster.local', namespace: 'shop' })).toEqual(
      [],
    );
  });

  it('keeps the newest examples per field', () => {
    const tracker = new DivergenceTracker({ examples: 3 });
    for (let i = 0; i < 6; i++) {
      const { primary, mirror } = makePair(
        { body: capturedJson({ a: 1 }) },
        { body: capturedJson({ a: 2 }) },
        `r${i}`,
      );
      feed(tracker, primary, mirror);
    }
    // Exchange ids: the request id and a hash of the sending workload and route (the same hop here).
    const examples = tracker.summaries()[0]!.fields[0]!.examples;
    expect(examples.map((e) => e.split('~')[0])).toEqual(['r5', 'r4', 'r3']);
    expect(new Set(examples.map((e) => e.split('~')[1])).size).toBe(1);
  });

  it('stays bounded with many shapes, edges and signatures, and keeps totals', () => {
    const tracker = new DivergenceTracker({
      maxEdges: 20,
      maxShapes: 50,
      maxShapesPerEdge: 5,
      maxSignaturesPerShape: 3,
    });
    for (let i = 0; i < 2_000; i++) {
      const { primary, mirror } = makePair({ path: `/items/${i}` }, { path: `/items/${i}` });
      feed(tracker, primary, mirror);
    }
    expect(tracker.size.shapes).toBeLessThanOrEqual(50);
    expect(tracker.summaries()[0]!.compared).toBe(2_000);
    for (let i = 0; i < 500; i++) {
      const { primary, mirror } = makePair({ source: `client-${i}` }, { source: `client-${i}` });
      feed(tracker, primary, mirror);
    }
    expect(tracker.size.edges).toBeLessThanOrEqual(20);
    const signatures = new DivergenceTracker({ maxSignaturesPerShape: 3 });
    for (let i = 0; i < 10; i++) {
      const { primary, mirror } = makePair(
        { body: capturedJson({}) },
        { body: capturedJson({ [`f${i}`]: 1 }) },
      );
      feed(signatures, primary, mirror);
    }
    const [s] = signatures.summaries();
    expect(s).toMatchObject({ compared: 10, divergent: 10 });
    expect(s!.fields).toHaveLength(10);
  });
});
