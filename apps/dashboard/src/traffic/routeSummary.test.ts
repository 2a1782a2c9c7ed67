import { describe, expect, it } from 'vitest';
import { describeMatch, nonForwardingReason, routeTitle, weightRowLabel } from './routeSummary';

describe('describeMatch', () => {
  it('describes matches', () => {
    expect(describeMatch({})).toBe('all requests');
    expect(
      describeMatch({
        match: [
          { uri: { prefix: '/api' }, headers: { 'end-user': { exact: 'jason' } } },
          { method: { exact: 'GET' } },
        ],
      }),
    ).toBe('uri prefix /api, header end-user = jason or method = GET');
    expect(describeMatch({ match: [{}] })).toBe('everything');
  });
});

describe('routeTitle / nonForwardingReason', () => {
  it('names routes and explains the ones that do not forward', () => {
    expect(routeTitle({ name: 'canary' }, 0)).toBe('Route 1: canary');
    expect(routeTitle({}, 2)).toBe('Route 3');
    expect(nonForwardingReason({ redirect: { uri: '/x' } })).toMatch(/redirect/);
    expect(nonForwardingReason({ route: [{ destination: { host: 'a' } }] })).toBeNull();
  });
});

describe('weightRowLabel', () => {
  const fqdn = 'httpbin.default.svc.cluster.local';
  it('names subsets of the edited service by subset, others by host', () => {
    expect(weightRowLabel({ host: 'httpbin', subset: 'v1' }, fqdn, 'default')).toBe('subset v1');
    expect(weightRowLabel({ host: 'httpbin.default.svc.cluster.local', subset: 'v2' }, fqdn, 'default')).toBe(
      'subset v2',
    );
    expect(weightRowLabel({ host: 'httpbin' }, fqdn, 'default')).toBe('httpbin');
    expect(weightRowLabel({ host: 'reviews', subset: 'v2' }, fqdn, 'default')).toBe('reviews v2');
  });
});
