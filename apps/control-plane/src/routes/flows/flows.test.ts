import type { ApiErrorBody, DivergenceResponse, FlowExchange, FlowListResponse } from '@shadowmesh/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowsPayload, jsonBody, mirrorRecord, primaryRecord } from '../../testing/flow-records.js';
import { type TestApp, testApp } from '../../testing/test-app.js';
import { identityOf } from '../../testing/test-proxy.js';

describe('/api/v1/flows and /api/v1/divergence', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    const p1 = primaryRecord('req-1', { startTime: 1000, path: '/json', responseBody: jsonBody({ a: 1 }) });
    const p2 = primaryRecord('req-2', { startTime: 2000, path: '/status/503', status: 503, copies: 0 });
    const payload = flowsPayload([p1, mirrorRecord(p1, { responseBody: jsonBody({ a: 2 }) }), p2]);
    expect(t.app.flows.flows.ingest(identityOf({ id: 'sleep-1', workload: 'sleep' }), payload)).toBe(true);
  });
  afterAll(() => t.close());

  const get = async <T>(url: string, status = 200): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };

  it('lists exchanges newest first with the held count', async () => {
    const list = await get<FlowListResponse>('/api/v1/flows');
    expect(list.items.map((i) => i.requestId)).toEqual(['req-2', 'req-1']);
    expect(list.held).toBe(3);
    expect(list.items[1]?.comparisons[0]).toMatchObject({ result: 'divergent', fields: ['$.a'] });
  });

  it.each([
    ['status=5xx', ['req-2']],
    ['status=200', ['req-1']],
    ['path=/js', ['req-1']],
    ['service=httpbin.default', ['req-2', 'req-1']],
    ['service=reviews', []],
    ['type=mirror', ['req-1']],
    ['workload=httpbin-v2', ['req-1']],
    ['method=get', ['req-2', 'req-1']],
    ['since=1500', ['req-2']],
    [`since=${new Date(1500).toISOString()}`, ['req-2']],
    ['limit=1', ['req-2']],
  ])('filters by %s', async (query, expected) => {
    const list = await get<FlowListResponse>(`/api/v1/flows?${query}`);
    expect(list.items.map((i) => i.requestId)).toEqual(expected);
  });

  it.each([
    ['status=6xx', 'query.status'],
    ['type=copy', 'query.type'],
    ['limit=0', 'query.limit'],
    ['limit=1001', 'query.limit'],
    ['limit=ten', 'query.limit'],
    ['since=yesterday', 'query.since'],
    ['path=', 'query.path'],
    ['service=a&service=b', 'query.service'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const body = await get<ApiErrorBody>(`/api/v1/flows?${query}`, 400);
    expect(body.code).toBe('CP_ERR_BAD_REQUEST');
    expect(body.details?.field).toBe(field);
  });

  it('returns one exchange with bodies and comparisons', async () => {
    const exchange = await get<FlowExchange>('/api/v1/flows/req-1');
    expect(exchange.primary?.responseBody?.data).toBe('{"a":1}');
    expect(exchange.copies).toHaveLength(1);
    expect(exchange.comparisons[0]?.differences.find((d) => d.field === '$.a')).toMatchObject({
      primary: 1,
      shadow: 2,
    });
  });

  it('answers 404 for an unknown request id', async () => {
    const body = await get<ApiErrorBody>('/api/v1/flows/nope', 404);
    expect(body.details?.field).toBe('params.id');
  });

  it('reports divergence per mirror edge, filtered by service and namespace', async () => {
    const all = await get<DivergenceResponse>('/api/v1/divergence');
    expect(all.items).toHaveLength(1);
    expect(all.items[0]).toMatchObject({ compared: 1, divergent: 1, ratio: 1 });
    const example = all.items[0]?.fields[0]?.examples[0] ?? '';
    expect(all.items[0]?.fields[0]).toMatchObject({ field: '$.a' });
    // An exchange id, which /api/v1/flows/{id} opens.
    expect(example).toMatch(/^req-1~[0-9a-f]{8}$/);
    expect((await get<FlowExchange>(`/api/v1/flows/${encodeURIComponent(example)}`)).requestId).toBe('req-1');
    expect((await get<DivergenceResponse>('/api/v1/divergence?service=httpbin')).items).toHaveLength(1);
    expect((await get<DivergenceResponse>('/api/v1/divergence?namespace=other')).items).toHaveLength(0);
    const bad = await get<ApiErrorBody>('/api/v1/divergence?namespace=', 400);
    expect(bad.details?.field).toBe('query.namespace');
  });

  it('needs a credential to read when auth is on and the bind is not loopback', async () => {
    const secured = await testApp({ auth: 'token', listen: '0.0.0.0:20001' });
    try {
      for (const url of ['/api/v1/flows', '/api/v1/flows/req-1', '/api/v1/divergence']) {
        const res = await secured.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(401);
      }
    } finally {
      await secured.close();
    }
  });
});
