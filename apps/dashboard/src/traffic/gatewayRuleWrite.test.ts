import type { GatewayHTTPRoute, HTTPRouteRule } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { createMergePatch } from '../resources/mergePatch';
import { ruleView } from './gatewayRuleView';
import { MIRROR_FRACTION_DENOMINATOR, mirrorPercentFields, withRuleView } from './gatewayRuleWrite';
import { handWrittenRule, redirectRule, testHttpRoute } from './testHttpRoute';
import { initialTrafficState, type TrafficAction, trafficReducer } from './trafficEditorState';

const reviews = () => testHttpRoute([handWrittenRule(), redirectRule()]);

/** The state after `actions`, and the edited copy they started from (for identity checks). */
function run(route: GatewayHTTPRoute, ...actions: TrafficAction<GatewayHTTPRoute>[]) {
  const start = initialTrafficState(route);
  return { ...actions.reduce(trafficReducer<GatewayHTTPRoute>, start), start: start.edited };
}

/** The base with `edit` applied to a copy: what the edited object must be, field order included. */
function expected(base: GatewayHTTPRoute, edit: (rule: HTTPRouteRule) => void): GatewayHTTPRoute {
  const copy = structuredClone(base);
  const rule = copy.spec.rules?.[0];
  if (!rule) throw new Error('no rule');
  edit(rule);
  return copy;
}

const ruleOf = (route: GatewayHTTPRoute, i = 0) => route.spec.rules?.[i];

describe('withRuleView', () => {
  it('returns the rule itself when the view is unchanged', () => {
    const rule = handWrittenRule();
    expect(withRuleView(rule, 'default', ruleView(rule, 'default'))).toBe(rule);
  });
});

describe('HTTPRoute through the traffic reducer', () => {
  it('writes weights 70/30/0 → 80/20/0, keeping every other field byte-for-byte', () => {
    const base = reviews();
    const { edited, start } = run(base, { type: 'setWeight', route: 0, destination: 0, value: 80 });
    const want = expected(base, (rule) => {
      rule.backendRefs![0]!.weight = 80;
      rule.backendRefs![1]!.weight = 20;
    });
    expect(JSON.stringify(edited)).toBe(JSON.stringify(want));
    // Untouched parts are the very same objects (nothing rebuilt that did not change).
    expect(ruleOf(edited)?.filters).toBe(ruleOf(start)?.filters);
    expect(ruleOf(edited)?.backendRefs?.[2]).toBe(ruleOf(start)?.backendRefs?.[2]);
    expect(ruleOf(edited, 1)).toBe(ruleOf(start, 1));
    // What Apply sends: only the backendRefs (arrays are replaced whole by a merge patch).
    expect(createMergePatch(base, edited)).toEqual({
      spec: { rules: want.spec.rules },
    });
  });

  it('keeps a backend set to weight 0 as a backendRef with weight 0', () => {
    const { edited } = run(reviews(), { type: 'setWeight', route: 0, destination: 1, value: 0 });
    expect(ruleOf(edited)?.backendRefs?.map((r) => [r.name, r.weight])).toEqual([
      ['reviews-v1', 100],
      ['reviews-v2', 0],
      ['reviews-v3', 0],
    ]);
    expect(ruleOf(edited)?.backendRefs?.[1]?.filters).toEqual(handWrittenRule().backendRefs?.[1]?.filters);
  });

  it('writes explicit weights over defaulted ones only where they change', () => {
    const base = testHttpRoute([
      {
        backendRefs: [
          { name: 'reviews-v1', port: 9080 },
          { name: 'reviews-v2', port: 9080 },
        ],
      },
    ]);
    const { edited } = run(base, { type: 'setWeight', route: 0, destination: 0, value: 99 });
    expect(ruleOf(edited)?.backendRefs).toEqual([
      { name: 'reviews-v1', port: 9080, weight: 99 },
      { name: 'reviews-v2', port: 9080 },
    ]);
  });

  it('moves a mirror slider: a whole percentage stays `percent`, other filters untouched', () => {
    const base = reviews();
    const { edited, start } = run(base, { type: 'setMirrorPercentage', route: 0, mirror: 0, value: 40 });
    const want = expected(base, (rule) => {
      rule.filters![0]!.requestMirror!.percent = 40;
    });
    expect(JSON.stringify(edited)).toBe(JSON.stringify(want));
    expect(ruleOf(edited)?.filters?.[1]).toBe(ruleOf(start)?.filters?.[1]);
    expect(ruleOf(edited)?.filters?.[2]).toBe(ruleOf(start)?.filters?.[2]);
  });

  it('writes a fractional percentage as a fraction over 10000, in place of `percent`', () => {
    const { edited } = run(reviews(), { type: 'setMirrorPercentage', route: 0, mirror: 0, value: 12.3 });
    expect(ruleOf(edited)?.filters?.[0]).toEqual({
      type: 'RequestMirror',
      requestMirror: {
        backendRef: { name: 'reviews-v3', port: 9080 },
        fraction: { numerator: 1230, denominator: 10000 },
      },
    });
    expect(Object.keys(ruleOf(edited)?.filters?.[0]?.requestMirror ?? {})).toEqual([
      'backendRef',
      'fraction',
    ]);
  });

  it('shows a `fraction` mirror as its percentage and rewrites it as `percent` when dragged to a whole one', () => {
    const base = reviews();
    const state = initialTrafficState(base);
    expect(state.edited.spec.rules?.[0]?.filters?.[2]?.requestMirror?.fraction).toEqual({
      numerator: 1,
      denominator: 3,
    });
    const whole = run(base, { type: 'setMirrorPercentage', route: 0, mirror: 1, value: 50 }).edited;
    expect(ruleOf(whole)?.filters?.[2]?.requestMirror).toEqual({
      backendRef: { kind: 'Service', name: 'reviews-v4', port: 9080 },
      percent: 50,
    });
    const part = run(base, { type: 'setMirrorPercentage', route: 0, mirror: 1, value: 50.5 }).edited;
    expect(ruleOf(part)?.filters?.[2]?.requestMirror?.fraction).toEqual({
      numerator: 5050,
      denominator: 10000,
    });
    expect(ruleOf(part)?.filters?.[2]?.requestMirror?.percent).toBeUndefined();
  });

  it('leaves an untouched `fraction` mirror as written when another mirror changes', () => {
    const base = reviews();
    const { edited, start } = run(base, {
      type: 'setMirrorTarget',
      route: 0,
      mirror: 0,
      destination: { host: 'reviews-v2', port: { number: 9080 } },
    });
    expect(ruleOf(edited)?.filters?.[0]?.requestMirror?.backendRef).toEqual({
      name: 'reviews-v2',
      port: 9080,
    });
    expect(ruleOf(edited)?.filters?.[2]).toBe(ruleOf(start)?.filters?.[2]);
  });

  it('adds a mirror from the editor as a RequestMirror filter with `percent`, after the others', () => {
    const base = reviews();
    const { edited } = run(base, {
      type: 'addMirror',
      route: 0,
      mirror: { destination: { host: 'reviews-v2', port: { number: 9080 } }, percentage: 10 },
    });
    const filters = ruleOf(edited)?.filters ?? [];
    expect(filters.slice(0, 3)).toEqual(ruleOf(base)?.filters);
    expect(filters[3]).toEqual({
      type: 'RequestMirror',
      requestMirror: { backendRef: { name: 'reviews-v2', port: 9080 }, percent: 10 },
    });
  });

  it('removes one of several mirrors, keeping the others and the header filter as written', () => {
    const base = reviews();
    const { edited } = run(base, { type: 'removeMirror', route: 0, mirror: 0 });
    expect(ruleOf(edited)?.filters).toEqual([ruleOf(base)?.filters?.[1], ruleOf(base)?.filters?.[2]]);
    const none = run(edited, { type: 'removeMirror', route: 0, mirror: 0 }).edited;
    expect(ruleOf(none)?.filters).toEqual([ruleOf(base)?.filters?.[1]]);
    const only = testHttpRoute([
      {
        filters: [
          { type: 'RequestMirror', requestMirror: { backendRef: { name: 'reviews-v2', port: 9080 } } },
        ],
        backendRefs: [{ name: 'reviews-v1', port: 9080 }],
      },
    ]);
    const cleared = run(only, { type: 'removeMirror', route: 0, mirror: 0 }).edited;
    expect(ruleOf(cleared)).toEqual({ backendRefs: [{ name: 'reviews-v1', port: 9080 }] });
  });

  it('adds a backend (the lone one gets its explicit 100 first) and removes one', () => {
    const base = testHttpRoute([{ backendRefs: [{ name: 'reviews-v1', port: 9080 }] }]);
    const added = run(base, {
      type: 'addDestination',
      route: 0,
      destination: { host: 'reviews-v2', port: { number: 9080 } },
    }).edited;
    expect(ruleOf(added)?.backendRefs).toEqual([
      { name: 'reviews-v1', port: 9080, weight: 100 },
      { name: 'reviews-v2', port: 9080, weight: 0 },
    ]);
    const removed = run(added, { type: 'removeDestination', route: 0, destination: 1 }).edited;
    expect(ruleOf(removed)?.backendRefs).toEqual([{ name: 'reviews-v1', port: 9080 }]);
  });

  it('writes a target in another namespace with its namespace', () => {
    const { edited } = run(reviews(), {
      type: 'setMirrorTarget',
      route: 0,
      mirror: 0,
      destination: { host: 'ratings.shop.svc.cluster.local', port: { number: 9080 } },
    });
    expect(ruleOf(edited)?.filters?.[0]?.requestMirror?.backendRef).toEqual({
      name: 'ratings',
      port: 9080,
      namespace: 'shop',
    });
  });

  it('finds its locks by backend and leaves a redirect rule alone', () => {
    const state = run(
      reviews(),
      { type: 'toggleLock', route: 0, destination: 2 },
      { type: 'setWeight', route: 0, destination: 0, value: 10 },
    );
    expect(ruleOf(state.edited)?.backendRefs?.map((r) => r.weight)).toEqual([10, 90, 0]);
    expect(run(reviews(), { type: 'evenly', route: 1 }).edited).toEqual(reviews());
  });
});

describe('mirrorPercentFields', () => {
  it.each([
    [10, { percent: 10, fraction: undefined }],
    [100, { percent: 100, fraction: undefined }],
    [0, { percent: 0, fraction: undefined }],
    [0.5, { percent: undefined, fraction: { numerator: 50, denominator: MIRROR_FRACTION_DENOMINATOR } }],
    [
      33.3333,
      { percent: undefined, fraction: { numerator: 3333, denominator: MIRROR_FRACTION_DENOMINATOR } },
    ],
    // Below the fraction's resolution a value rounds to the whole percentage it is.
    [12.004, { percent: 12, fraction: undefined }],
  ])('%d%%', (value, want) => {
    expect(mirrorPercentFields(value)).toEqual(want);
  });
});
