import { describe, expect, it } from 'vitest';
import { backendHost, mirrorFilterPercentage, ruleView } from './gatewayRuleView';
import { readMirrors } from './routeMirrors';
import { describeMatch, nonForwardingReason, routeTitle } from './routeSummary';
import { effectiveWeights } from './routeWeights';
import { handWrittenRule, redirectRule } from './testHttpRoute';

describe('ruleView', () => {
  it('shows backendRefs as weighted destinations and mirror filters as mirrors, in order', () => {
    const view = ruleView(handWrittenRule(), 'default');
    expect(effectiveWeights(view)).toEqual([70, 30, 0]);
    expect(view.route?.map((d) => d.destination)).toEqual([
      { host: 'reviews-v1', port: { number: 9080 } },
      { host: 'reviews-v2', port: { number: 9080 } },
      { host: 'reviews-v3', port: { number: 9080 } },
    ]);
    expect(readMirrors(view)).toEqual([
      { destination: { host: 'reviews-v3', port: { number: 9080 } }, percentage: 10 },
      { destination: { host: 'reviews-v4', port: { number: 9080 } }, percentage: 33.3333 },
    ]);
    expect(routeTitle(view, 0, 'Rule')).toBe('Rule 1: split');
    expect(describeMatch(view)).toBe('uri prefix /api, header end-user = jason');
    expect(nonForwardingReason(view)).toBeNull();
  });

  it('gives an unweighted backend the Gateway API default weight 1', () => {
    const view = ruleView(
      {
        backendRefs: [
          { name: 'a', port: 80 },
          { name: 'b', port: 80 },
        ],
      },
      'default',
    );
    expect(effectiveWeights(view)).toEqual([1, 1]);
  });

  it('says why a redirecting rule or one without backends has nothing to weight', () => {
    expect(nonForwardingReason(ruleView(redirectRule(), 'default'))).toMatch(/redirect/);
    expect(nonForwardingReason(ruleView({}, 'default'))).toMatch(/no destinations/);
    expect(
      describeMatch(ruleView({ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }, 'default')),
    ).toBe('all requests');
  });

  it('names a backend in another namespace name.namespace', () => {
    expect(backendHost({ name: 'ratings', namespace: 'shop' }, 'default')).toBe('ratings.shop');
    expect(backendHost({ name: 'ratings', namespace: 'default' }, 'default')).toBe('ratings');
  });
});

describe('mirrorFilterPercentage', () => {
  it.each([
    [{ percent: 25 }, 25],
    [{ fraction: { numerator: 5 } }, 5],
    [{ fraction: { numerator: 1, denominator: 3 } }, 33.3333],
    [{ fraction: { numerator: 1, denominator: 0 } }, 0],
    [{}, 100],
  ])('%j → %d', (fields, want) => {
    expect(mirrorFilterPercentage({ backendRef: { name: 'x' }, ...fields })).toBe(want);
  });
});
