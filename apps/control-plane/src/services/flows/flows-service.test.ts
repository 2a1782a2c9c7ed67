import type { ProxyIdentity } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { flowsPayload, jsonBody, mirrorRecord, primaryRecord } from '../../testing/flow-records.js';
import { identityOf } from '../../testing/test-proxy.js';
import { silentLogger } from '../service-logger.js';
import type { HeldExchange } from './exchange-ring.js';
import { FlowsService } from './flows-service.js';
import { fixedFlowSettings } from './shadow-settings-source.js';

const SLEEP: ProxyIdentity = identityOf({ id: 'sleep-1', workload: 'sleep' });

function service(options: { waitMs?: number; maxExchanges?: number } = {}) {
  let now = 1_000_000;
  const flows = new FlowsService({
    now: () => now,
    sweepMs: 0,
    settings: fixedFlowSettings(options.waitMs ?? 15_000),
    ...(options.maxExchanges ? { maxExchanges: options.maxExchanges } : {}),
  });
  const changes: string[] = [];
  flows.onChange((e: HeldExchange) => changes.push(e.requestId));
  return {
    flows,
    changes,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('FlowsService pairing', () => {
  it('compares a copy that arrives after its primary', () => {
    const { flows, changes } = service();
    const primary = primaryRecord('a', { responseBody: jsonBody({ x: 1 }) });
    expect(flows.ingest(SLEEP, flowsPayload([primary]))).toBe(true);
    expect(flows.list({ filter: {} }, 10).items[0]?.pendingCopies).toBe(1);
    const copy = mirrorRecord(primary, { responseBody: jsonBody({ x: 2 }) });
    flows.ingest(SLEEP, flowsPayload([copy]));
    const exchange = flows.exchange('a')!;
    expect(exchange.pendingCopies).toBe(0);
    expect(exchange.comparisons).toHaveLength(1);
    expect(exchange.comparisons[0]?.result).toBe('divergent');
    expect(exchange.comparisons[0]?.differences.map((d) => d.field)).toContain('$.x');
    expect(changes).toEqual(['a', 'a']);
    const [edge] = flows.divergence().items;
    expect(edge).toMatchObject({ compared: 1, divergent: 1, ratio: 1 });
  });

  it('keeps each hop of one request id apart (front → back and back → store share x-request-id)', () => {
    const { flows } = service();
    const BACK: ProxyIdentity = identityOf({ id: 'back-1', workload: 'back' });
    const front = primaryRecord('chain', {
      source: { workload: 'sleep', namespace: 'default' },
      responseBody: jsonBody({ bitrate: 320 }),
    });
    const shadow = mirrorRecord(front, { responseBody: jsonBody({ bitrate: '320kbps' }) });
    // The back → store call, sent by another workload with the same request id and path shape.
    const store = primaryRecord('chain', {
      source: { workload: 'back', namespace: 'default' },
      route: undefined,
      destination: { service: 'store.default.svc.cluster.local', namespace: 'default' },
      responseBody: jsonBody({ rows: [] }),
      copies: 0,
    });
    flows.ingest(SLEEP, flowsPayload([front]));
    flows.ingest(BACK, flowsPayload([store]));
    flows.ingest(SLEEP, flowsPayload([shadow]));
    const items = flows.list({ filter: {} }, 10).items;
    expect(items).toHaveLength(2);
    expect(new Set(items.map((i) => i.id)).size).toBe(2);
    expect(items.every((i) => i.id.startsWith('chain~'))).toBe(true);
    const frontHop = items.find((i) => i.primary?.source.workload === 'sleep')!;
    expect(flows.exchange(frontHop.id)?.comparisons[0]?.differences.map((d) => d.field)).toContain(
      '$.bitrate',
    );
    // A bare request id finds its newest exchange (as logs and `shadowmesh tap` show ids).
    expect(flows.exchange('chain')?.requestId).toBe('chain');
    expect(flows.divergence().items[0]).toMatchObject({ compared: 1, divergent: 1 });
  });

  it('holds a copy that arrives first and compares it when the primary comes', () => {
    const { flows } = service();
    const primary = primaryRecord('b', { responseBody: jsonBody({ x: 1 }) });
    const copy = mirrorRecord(primary, { responseBody: jsonBody({ x: 1 }) });
    flows.ingest(SLEEP, flowsPayload([copy]));
    const waiting = flows.exchange('b')!;
    expect(waiting.primary).toBeNull();
    expect(waiting.copies).toHaveLength(1);
    expect(waiting.comparisons).toEqual([]);
    flows.ingest(SLEEP, flowsPayload([primary]));
    const summary = flows.list({ filter: {} }, 10).items[0]!;
    expect(summary.comparisons).toEqual([{ copyId: copy.id, result: 'equal', fields: [] }]);
    expect(flows.divergence().items[0]).toMatchObject({ compared: 1, divergent: 0, ratio: 0 });
  });

  it('pairs a primary and its copy sent in one message in either order', () => {
    for (const reversed of [false, true]) {
      const { flows } = service();
      const primary = primaryRecord('c');
      const copy = mirrorRecord(primary);
      flows.ingest(SLEEP, flowsPayload(reversed ? [copy, primary] : [primary, copy]));
      expect(flows.exchange('c')?.comparisons).toHaveLength(1);
      expect(flows.divergence().items[0]?.compared).toBe(1);
    }
  });

  it('stops awaiting copies after the wait and tells listeners', () => {
    const { flows, changes, advance } = service({ waitMs: 10_000 });
    flows.ingest(SLEEP, flowsPayload([primaryRecord('d', { copies: 2 })]));
    expect(flows.exchange('d')?.pendingCopies).toBe(2);
    advance(9_999);
    expect(flows.sweep()).toBe(0);
    expect(flows.exchange('d')?.pendingCopies).toBe(2);
    advance(1);
    expect(flows.exchange('d')?.pendingCopies).toBe(0);
    expect(flows.sweep()).toBe(1);
    expect(changes).toEqual(['d', 'd']);
    expect(flows.sweep()).toBe(0);
  });

  it('compares again on request, with the volatile fields learned since', () => {
    const { flows } = service();
    const first = primaryRecord('v1', { responseBody: jsonBody({ uuid: 'a', x: 1 }) });
    flows.ingest(
      SLEEP,
      flowsPayload([first, mirrorRecord(first, { responseBody: jsonBody({ uuid: 'b', x: 1 }) })]),
    );
    const uuidOf = (id: string) =>
      flows.exchange(id)?.comparisons[0]?.differences.find((d) => d.field === '$.uuid');
    expect(uuidOf('v1')?.ignored).toBeUndefined();
    // A second primary of the same shape answers another uuid: uuid is volatile from now on.
    flows.ingest(SLEEP, flowsPayload([primaryRecord('v2', { responseBody: jsonBody({ uuid: 'c', x: 1 }) })]));
    expect(uuidOf('v1')?.ignored).toBe('volatile');
    expect(flows.exchange('v1')?.comparisons[0]?.result).toBe('equal');
  });

  it('ignores duplicate records and a second primary', () => {
    const { flows } = service();
    const primary = primaryRecord('e');
    const copy = mirrorRecord(primary);
    flows.ingest(SLEEP, flowsPayload([primary, copy, copy, primaryRecord('e')]));
    expect(flows.counters.duplicates).toBe(2);
    expect(flows.counters.records).toBe(2);
    expect(flows.exchange('e')?.copies).toHaveLength(1);
  });
});

describe('FlowsService ingestion', () => {
  it.each<[string, unknown, string]>([
    ['not an object', 'nope', 'payload'],
    ['a wrong version', { version: 2, flows: [], dropped: 0 }, 'payload.version'],
    [
      'a record without requestId',
      { version: 1, flows: [{ ...primaryRecord('x'), requestId: undefined }], dropped: 0 },
      'payload.flows[0].requestId',
    ],
    [
      'a bad status',
      { version: 1, flows: [{ ...primaryRecord('x'), status: 1000 }], dropped: 0 },
      'payload.flows[0].status',
    ],
    ['an unknown field', { version: 1, flows: [], dropped: 0, extra: 1 }, 'payload.extra'],
  ])('refuses %s, naming the field at debug, and counts it, keeping nothing', (_what, payload, field) => {
    const logged: unknown[] = [];
    const flows = new FlowsService({
      sweepMs: 0,
      log: { ...silentLogger, debug: (obj) => logged.push((obj as { field?: string }).field) },
    });
    expect(flows.ingest(SLEEP, payload)).toBe(false);
    expect(flows.counters.rejected).toBe(1);
    expect(flows.ring.records).toBe(0);
    expect(logged).toEqual([field]);
  });

  it('refuses primaries that speak for another workload', () => {
    const { flows } = service();
    const other = primaryRecord('f', { source: { workload: 'reviews', namespace: 'default' } });
    expect(flows.ingest(SLEEP, flowsPayload([other, primaryRecord('g')]))).toBe(true);
    expect(flows.counters.foreign).toBe(1);
    expect(flows.exchange('f')).toBeNull();
    expect(flows.exchange('g')).not.toBeNull();
  });

  it('counts what proxies dropped and what the ring evicted', () => {
    const { flows } = service({ maxExchanges: 2 });
    flows.ingest(SLEEP, flowsPayload([primaryRecord('h1'), primaryRecord('h2'), primaryRecord('h3')], 7));
    const list = flows.list({ filter: {} }, 10);
    expect(list.held).toBe(2);
    expect(list.dropped).toBe(8);
    expect(list.items.map((i) => i.requestId)).toEqual(['h3', 'h2']);
  });
});

describe('FlowsService list', () => {
  it('filters, orders newest first and limits', () => {
    const { flows } = service();
    const records = [
      primaryRecord('l1', { startTime: 100, path: '/status/500', status: 500 }),
      primaryRecord('l2', { startTime: 300, path: '/get' }),
      primaryRecord('l3', { startTime: 200, path: '/get', method: 'POST' }),
    ];
    flows.ingest(SLEEP, flowsPayload(records));
    const ids = (filter: Parameters<FlowsService['list']>[0], limit = 10) =>
      flows.list(filter, limit).items.map((i) => i.requestId);
    expect(ids({ filter: {} })).toEqual(['l2', 'l3', 'l1']);
    expect(ids({ filter: {} }, 1)).toEqual(['l2']);
    expect(ids({ filter: { path: '/get' } })).toEqual(['l2', 'l3']);
    expect(ids({ filter: { status: '5xx' } })).toEqual(['l1']);
    expect(ids({ filter: { method: 'POST' } })).toEqual(['l3']);
    expect(ids({ filter: {}, since: 200 })).toEqual(['l2', 'l3']);
    const summary = flows.list({ filter: {} }, 1).items[0]!;
    expect(summary.primary).not.toHaveProperty('responseBody');
    expect(summary.primary).not.toHaveProperty('requestHeaders');
  });
});
