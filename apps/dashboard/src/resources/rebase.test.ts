import { describe, expect, it } from 'vitest';
import { diffOps, rebase } from './rebase';

interface Route {
  timeout?: string;
  route: Array<{ destination: { host: string; subset?: string }; weight?: number }>;
  mirror?: { host: string; subset?: string };
  mirrorPercentage?: { value: number };
}
interface Doc {
  metadata: { name: string; resourceVersion: string };
  spec: { hosts: string[]; http: Route[] };
}

const base: Doc = {
  metadata: { name: 'httpbin', resourceVersion: '3' },
  spec: {
    hosts: ['httpbin'],
    http: [
      {
        timeout: '5s',
        route: [
          { destination: { host: 'httpbin', subset: 'v1' }, weight: 50 },
          { destination: { host: 'httpbin', subset: 'v2' }, weight: 50 },
        ],
      },
    ],
  },
};

describe('diffOps', () => {
  it('descends into objects and equal-length arrays', () => {
    const mine = structuredClone(base);
    mine.spec.http[0]!.route[0]!.weight = 90;
    mine.spec.http[0]!.route[1]!.weight = 10;
    expect(diffOps(base, mine)).toEqual([
      { path: ['spec', 'http', 0, 'route', 0, 'weight'], op: 'set', value: 90 },
      { path: ['spec', 'http', 0, 'route', 1, 'weight'], op: 'set', value: 10 },
    ]);
  });

  it('sets arrays whose length changed and deletes removed members', () => {
    const mine = structuredClone(base);
    mine.spec.http[0]!.route = [{ destination: { host: 'httpbin', subset: 'v1' } }];
    delete mine.spec.http[0]!.timeout;
    expect(diffOps(base, mine)).toEqual([
      { path: ['spec', 'http', 0, 'timeout'], op: 'delete' },
      {
        path: ['spec', 'http', 0, 'route'],
        op: 'set',
        value: [{ destination: { host: 'httpbin', subset: 'v1' } }],
      },
    ]);
  });
});

describe('rebase', () => {
  it('keeps the server change and replays mine beside it', () => {
    const mine = structuredClone(base);
    mine.spec.http[0]!.route[0]!.weight = 90;
    mine.spec.http[0]!.route[1]!.weight = 10;
    const theirs = structuredClone(base);
    theirs.metadata.resourceVersion = '4';
    theirs.spec.http[0]!.timeout = '9s';
    const { merged, overlapping, dropped } = rebase(base, mine, theirs);
    expect(merged.spec.http[0]!.timeout).toBe('9s');
    expect(merged.spec.http[0]!.route.map((r) => r.weight)).toEqual([90, 10]);
    expect(merged.metadata.resourceVersion).toBe('4');
    expect(overlapping).toEqual([]);
    expect(dropped).toEqual([]);
  });

  it('reports fields both sides changed (mine wins)', () => {
    const mine = structuredClone(base);
    mine.spec.http[0]!.route[0]!.weight = 90;
    const theirs = structuredClone(base);
    theirs.spec.http[0]!.route[0]!.weight = 70;
    const { merged, overlapping } = rebase(base, mine, theirs);
    expect(merged.spec.http[0]!.route[0]!.weight).toBe(90);
    expect(overlapping).toEqual(['spec.http[0].route[0].weight']);
  });

  it('drops edits whose place is gone on the server', () => {
    const mine = structuredClone(base);
    mine.spec.http[0]!.route[1]!.weight = 10;
    const theirs = structuredClone(base);
    theirs.spec.http[0]!.route = [theirs.spec.http[0]!.route[0]!];
    const { merged, dropped } = rebase(base, mine, theirs);
    expect(merged).toEqual(theirs);
    expect(dropped).toEqual(['spec.http[0].route[1].weight']);
  });

  it('adds members the server does not have and ignores deletes of absent ones', () => {
    const mine = structuredClone(base);
    mine.spec.http[0]!.mirror = { host: 'httpbin', subset: 'v2' };
    mine.spec.http[0]!.mirrorPercentage = { value: 100 };
    delete mine.spec.http[0]!.timeout;
    const theirs = structuredClone(base);
    delete theirs.spec.http[0]!.timeout;
    const { merged, dropped } = rebase(base, mine, theirs);
    expect(merged.spec.http[0]).toMatchObject({
      mirror: { host: 'httpbin', subset: 'v2' },
      mirrorPercentage: { value: 100 },
    });
    expect(merged.spec.http[0]).not.toHaveProperty('timeout');
    expect(dropped).toEqual([]);
  });
});
