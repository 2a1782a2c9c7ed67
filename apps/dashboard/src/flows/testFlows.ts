// Flow records and exchanges for tests: a primary to httpbin v1 and its mirror copy to v2.
import type { FlowExchange, FlowExchangeSummary, FlowRecord } from '@shadowmesh/api';

export function flowRecord(overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id: 'client/1',
    requestId: 'req-1',
    type: 'primary',
    reason: 'sampled',
    startTime: 1_000,
    durationMs: 12,
    source: { workload: 'client', namespace: 'default', app: 'client', version: 'v1' },
    destination: {
      service: 'httpbin.default.svc.cluster.local',
      namespace: 'default',
      subset: 'v1',
      workload: 'httpbin-v1',
      app: 'httpbin',
      version: 'v1',
    },
    method: 'GET',
    authority: 'httpbin:8000',
    path: '/anything',
    status: 200,
    flags: '-',
    requestHeaders: { accept: '*/*', authorization: '[redacted]' },
    responseHeaders: { 'content-type': 'application/json', 'x-demo-version': 'v1' },
    requestBytes: 0,
    responseBytes: 40,
    requestBody: null,
    responseBody: null,
    copies: 1,
    ...overrides,
  };
}

export function mirrorRecord(overrides: Partial<FlowRecord> = {}): FlowRecord {
  return flowRecord({
    id: 'client/2',
    type: 'mirror',
    startTime: 1_001,
    durationMs: 20,
    authority: 'httpbin-shadow:8000',
    destination: {
      service: 'httpbin.default.svc.cluster.local',
      namespace: 'default',
      subset: 'v2',
      workload: 'httpbin-v2',
      app: 'httpbin',
      version: 'v2',
    },
    responseHeaders: { 'content-type': 'application/json', 'x-demo-version': 'v2' },
    copies: undefined,
    outcome: 'mirrored-ok',
    ...overrides,
  });
}

export function summary(requestId: string, startTime: number, status = 200): FlowExchangeSummary {
  const { requestHeaders, responseHeaders, requestBody, responseBody, ...primary } = flowRecord({
    requestId,
    startTime,
    status,
  });
  const id = `${requestId}~0000abcd`;
  return { id, requestId, startTime, primary, copies: [], comparisons: [], pendingCopies: 1 };
}

export function exchange(overrides: Partial<FlowExchange> = {}): FlowExchange {
  return {
    id: 'req-1~0000abcd',
    requestId: 'req-1',
    startTime: 1_000,
    primary: flowRecord(),
    copies: [mirrorRecord()],
    comparisons: [],
    pendingCopies: 0,
    ...overrides,
  };
}
