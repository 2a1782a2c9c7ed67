// Flow records for tests: a primary of `sleep` → httpbin v1 and its mirror copy to httpbin v2, with
// JSON bodies; every field can be overridden.
import { createHash } from 'node:crypto';
import type { CapturedBody, FlowRecord, FlowsPayload } from '@shadowmesh/api';

export const HTTPBIN_FQDN = 'httpbin.default.svc.cluster.local';

let sequence = 0;

/** A captured UTF-8 body (whole: not truncated). */
export function textBody(text: string): CapturedBody {
  return {
    encoding: 'utf8',
    data: text,
    size: Buffer.byteLength(text),
    truncated: false,
    sha256: createHash('sha256').update(text).digest('hex'),
  };
}

export function jsonBody(value: unknown): CapturedBody {
  return textBody(JSON.stringify(value));
}

/** A primary record (type `primary`, one announced copy unless overridden). */
export function primaryRecord(requestId: string, overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id: `sleep-1/${++sequence}`,
    requestId,
    type: 'primary',
    reason: 'sampled',
    startTime: 1_700_000_000_000 + sequence,
    durationMs: 3,
    source: { workload: 'sleep', namespace: 'default', app: 'sleep' },
    destination: {
      service: HTTPBIN_FQDN,
      namespace: 'default',
      subset: 'v1',
      workload: 'httpbin-v1',
      app: 'httpbin',
      version: 'v1',
      address: '127.0.0.1:9001',
    },
    route: 'httpbin.default',
    method: 'GET',
    authority: 'httpbin:8000',
    path: '/get',
    status: 200,
    flags: '-',
    requestHeaders: { host: 'httpbin:8000', 'x-request-id': requestId },
    responseHeaders: { 'content-type': 'application/json' },
    requestBytes: 0,
    responseBytes: 20,
    requestBody: null,
    responseBody: jsonBody({ answer: 1 }),
    copies: 1,
    ...overrides,
  };
}

/** A mirror copy of `primary` to httpbin v2 (same request id). */
export function mirrorRecord(primary: FlowRecord, overrides: Partial<FlowRecord> = {}): FlowRecord {
  const { copies, ...rest } = primary;
  return {
    ...rest,
    id: `sleep-1/${++sequence}`,
    type: 'mirror',
    destination: {
      ...primary.destination,
      subset: 'v2',
      workload: 'httpbin-v2',
      version: 'v2',
      address: '127.0.0.1:9002',
    },
    authority: 'httpbin-shadow:8000',
    outcome: 'mirrored-ok',
    ...overrides,
  };
}

export function flowsPayload(flows: FlowRecord[], dropped = 0): FlowsPayload {
  return { version: 1, flows, dropped };
}
