import type { ProxyStatus } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { labelsText, sortProxies } from './proxyRows';

const status = (id: string, s: ProxyStatus['status'], connected = true, workload = id): ProxyStatus => ({
  proxy: {
    id,
    kind: 'sidecar',
    workload,
    namespace: 'default',
    labels: {},
    inbound: null,
    outbound: null,
    admin: null,
  },
  connected,
  sentVersion: null,
  ackedVersion: null,
  status: s,
  lastSeen: '2026-01-01T00:00:00Z',
});

describe('sortProxies', () => {
  it('puts problems first and disconnected proxies last', () => {
    const sorted = sortProxies([
      status('a', 'SYNCED'),
      status('b', 'NACKED'),
      status('c', 'SYNCED', false),
      status('d', 'STALE'),
    ]);
    expect(sorted.map((s) => s.proxy.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('labelsText', () => {
  it('joins labels', () => {
    expect(labelsText({ app: 'httpbin', version: 'v1' })).toBe('app=httpbin, version=v1');
  });
});
