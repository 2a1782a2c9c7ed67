import type { FlowFilter } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { mirrorRecord, primaryRecord } from '../../testing/flow-records.js';
import { exchangeMatches, recordMatches, serviceMatches, statusMatches } from './flow-filter.js';

describe('flow filters', () => {
  const primary = primaryRecord('r', { method: 'POST', path: '/anything/x?y=1', status: 503 });
  const copy = mirrorRecord(primary, { status: 200 });

  it.each<[FlowFilter, boolean]>([
    [{}, true],
    [{ namespace: 'default' }, true],
    [{ namespace: 'other' }, false],
    [{ service: 'httpbin' }, true],
    [{ service: 'httpbin.default' }, true],
    [{ service: 'httpbin.default.svc.cluster.local' }, true],
    [{ service: 'httpbin.other' }, false],
    [{ service: 'reviews' }, false],
    [{ workload: 'sleep' }, true],
    [{ workload: 'httpbin-v1' }, true],
    [{ workload: 'httpbin-v2' }, false],
    [{ method: 'post' }, true],
    [{ method: 'GET' }, false],
    [{ path: '/anything' }, true],
    [{ path: '/get' }, false],
    [{ status: '503' }, true],
    [{ status: '5xx' }, true],
    [{ status: '2xx' }, false],
    [{ type: 'primary' }, true],
    [{ type: 'mirror' }, false],
    [{ service: 'httpbin', status: '5xx', path: '/any' }, true],
    [{ service: 'httpbin', status: '4xx' }, false],
  ])('a primary and %j → %s', (filter, expected) => {
    expect(recordMatches(filter, primary)).toBe(expected);
  });

  it('matches an exchange when one record matches every field', () => {
    expect(exchangeMatches({ type: 'mirror', workload: 'httpbin-v2' }, primary, [copy])).toBe(true);
    expect(exchangeMatches({ status: '2xx' }, primary, [copy])).toBe(true);
    // Fields must hold on the same record.
    expect(exchangeMatches({ type: 'mirror', status: '503' }, primary, [copy])).toBe(false);
    expect(exchangeMatches({ type: 'mirror' }, null, [])).toBe(false);
  });

  it('names services as Kubernetes does, other hosts only exactly', () => {
    expect(serviceMatches('httpbin.default.svc', 'httpbin.default.svc.cluster.local')).toBe(true);
    expect(serviceMatches('api.example.com', 'api.example.com')).toBe(true);
    expect(serviceMatches('api', 'api.example.com')).toBe(false);
  });

  it('matches status classes and no answer', () => {
    expect(statusMatches('0', 0)).toBe(true);
    expect(statusMatches('0', 200)).toBe(false);
    expect(statusMatches('1xx', 101)).toBe(true);
  });
});
