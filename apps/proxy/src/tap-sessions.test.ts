import type { FlowRecord } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { recordMatches, serviceMatches, statusMatches, TapSessions } from './tap-sessions.js';

const HOST = 'httpbin.default.svc.cluster.local';

function rec(over: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id: 'p/1',
    requestId: 'r1',
    type: 'primary',
    reason: 'tap',
    startTime: 0,
    durationMs: 1,
    source: { workload: 'sleep', namespace: 'default' },
    destination: { service: HOST, namespace: 'default', workload: 'httpbin-v1' },
    method: 'GET',
    authority: 'httpbin:8000',
    path: '/status/200',
    status: 200,
    flags: '-',
    requestHeaders: {},
    responseHeaders: {},
    requestBytes: 0,
    responseBytes: 0,
    requestBody: null,
    responseBody: null,
    ...over,
  };
}

describe('FlowFilter matching', () => {
  it.each([
    ['httpbin', HOST, true],
    ['httpbin.default', HOST, true],
    [HOST, HOST, true],
    ['httpbin.other', HOST, false],
    ['http', HOST, false],
    ['api.example.com', 'api.example.com', true],
  ])('service %s names %s: %s', (service, host, expected) => {
    expect(serviceMatches(service, host)).toBe(expected);
  });

  it.each([
    ['503', 503, true],
    ['503', 500, false],
    ['5xx', 503, true],
    ['5xx', 404, false],
    ['2xx', 200, true],
    ['0', 0, true],
    ['0', 200, false],
  ])('status %s against %d: %s', (filter, status, expected) => {
    expect(statusMatches(filter, status)).toBe(expected);
  });

  it('matches every present field: namespace, workload (source or destination), method, path prefix, type', () => {
    expect(recordMatches({}, rec())).toBe(true);
    expect(recordMatches({ namespace: 'default', path: '/status' }, rec())).toBe(true);
    expect(recordMatches({ namespace: 'other' }, rec())).toBe(false);
    expect(recordMatches({ workload: 'sleep' }, rec())).toBe(true);
    expect(recordMatches({ workload: 'httpbin-v1' }, rec())).toBe(true);
    expect(recordMatches({ workload: 'httpbin-v2' }, rec())).toBe(false);
    expect(recordMatches({ method: 'get' }, rec())).toBe(true);
    expect(recordMatches({ method: 'POST' }, rec())).toBe(false);
    expect(recordMatches({ path: '/headers' }, rec())).toBe(false);
    expect(recordMatches({ type: 'mirror' }, rec())).toBe(false);
    expect(recordMatches({ type: 'mirror' }, rec({ type: 'mirror' }))).toBe(true);
  });
});

describe('TapSessions', () => {
  it('takes at most ratePerSecond records a second per session (a token bucket), counting the rest as over rate', () => {
    let now = 0;
    const taps = new TapSessions(() => now);
    expect(taps.replace([{ id: 's', filter: { service: 'httpbin' }, ratePerSecond: 3 }])).toEqual([]);
    const takes = () => Array.from({ length: 10 }, () => taps.take(rec()));
    let round = takes();
    expect(round.filter((m) => m.ids !== null)).toHaveLength(3);
    expect(round.filter((m) => m.overRate)).toHaveLength(7);
    now += 1000;
    round = takes();
    expect(round.filter((m) => m.ids !== null)).toHaveLength(3);
    now += 500; // half a second: 1.5 tokens
    expect(takes().filter((m) => m.ids !== null)).toHaveLength(1);
    expect(taps.take(rec({ path: '/x', destination: { service: 'other', namespace: 'default' } }))).toEqual({
      ids: null,
      overRate: false,
    });
  });

  it('names every session a record matches; a session sent again keeps its bucket', () => {
    const now = 0;
    const taps = new TapSessions(() => now);
    taps.replace([
      { id: 'a', filter: { status: '5xx' }, ratePerSecond: 1 },
      { id: 'b', filter: { path: '/status' }, ratePerSecond: 1 },
    ]);
    expect(taps.take(rec({ status: 503 })).ids).toEqual(['a', 'b']);
    taps.replace([{ id: 'a', filter: { status: '5xx' }, ratePerSecond: 1 }]);
    expect(taps.take(rec({ status: 503 }))).toEqual({ ids: null, overRate: true });
  });

  it('knows before the answer whether a request may match (method, path, service, namespace)', () => {
    const taps = new TapSessions();
    expect(taps.active).toBe(false);
    taps.replace([
      { id: 'a', filter: { service: 'httpbin', path: '/tap', status: '5xx' }, ratePerSecond: 1 },
    ]);
    const probe = { method: 'GET', path: '/tap/1', service: HOST, namespace: 'default' };
    expect(taps.mayMatch(probe)).toBe(true);
    expect(taps.mayMatch({ ...probe, path: '/other' })).toBe(false);
    expect(taps.mayMatch({ ...probe, service: 'reviews.default.svc.cluster.local' })).toBe(false);
    taps.replace([]);
    expect(taps.active).toBe(false);
  });

  it('skips invalid sessions, naming the field', () => {
    const taps = new TapSessions();
    const errors = taps.replace([
      { id: 'ok', filter: {}, ratePerSecond: 5 },
      { id: '', filter: {}, ratePerSecond: 5 },
      { id: 'r', filter: {}, ratePerSecond: 0 },
      { id: 's', filter: { status: '600' }, ratePerSecond: 1 },
      { id: 'f', filter: { color: 'red' }, ratePerSecond: 1 },
      'nope',
    ]);
    expect(errors).toEqual([
      'sessions[1].id: expected a string of 1 to 300 characters',
      'sessions[2].ratePerSecond: expected a number > 0',
      'sessions[3].filter.status: expected a code (503), a class (5xx) or 0',
      'sessions[4].filter.color: unknown field',
      'sessions[5]: expected an object',
    ]);
    expect(taps.active).toBe(true);
    expect(taps.replace('x')).toEqual(['sessions: expected an array']);
    expect(taps.active).toBe(false);
  });
});
