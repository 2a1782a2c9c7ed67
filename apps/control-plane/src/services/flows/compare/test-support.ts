// FlowRecord fixtures for the compare tests: a primary and its copies with realistic headers and
// captured bodies (sha256 of the whole body, truncation), plus seeded randomness.
import { createHash } from 'node:crypto';
import type { CapturedBody, FlowRecord } from '@shadowmesh/api';

export function capturedText(text: string, keepBytes = 16 * 1024): CapturedBody {
  const bytes = Buffer.from(text, 'utf8');
  const truncated = bytes.length > keepBytes;
  return {
    encoding: 'utf8',
    data: truncated ? bytes.subarray(0, keepBytes).toString('utf8') : text,
    size: bytes.length,
    truncated,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export function capturedJson(value: unknown, keepBytes?: number): CapturedBody {
  return capturedText(JSON.stringify(value), keepBytes);
}

export function capturedBinary(bytes: Uint8Array): CapturedBody {
  return {
    encoding: 'base64',
    data: Buffer.from(bytes).toString('base64'),
    size: bytes.length,
    truncated: false,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export interface FlowFixture {
  requestId?: string;
  type?: FlowRecord['type'];
  method?: string;
  path?: string;
  authority?: string;
  status?: number;
  outcome?: string;
  route?: string;
  source?: string;
  service?: string;
  subset?: string;
  headers?: Record<string, string>;
  body?: CapturedBody | null;
  contentType?: string;
}

let nextId = 0;

/** A flow record; copies default to `httpbin-shadow:8000` → `httpbin` subset v2, primaries to v1. */
export function makeFlow(f: FlowFixture = {}): FlowRecord {
  const type = f.type ?? 'primary';
  const body = f.body === undefined ? capturedJson({ ok: true }) : f.body;
  const contentType = f.contentType ?? 'application/json';
  return {
    id: `proxy-a/${++nextId}`,
    requestId: f.requestId ?? `req-${nextId}`,
    type,
    reason: 'sampled',
    startTime: 1_700_000_000_000 + nextId,
    durationMs: 3,
    source: { workload: f.source ?? 'sleep', namespace: 'default' },
    destination: {
      service: f.service ?? 'httpbin.default.svc.cluster.local',
      namespace: 'default',
      subset: f.subset ?? (type === 'mirror' ? 'v2' : 'v1'),
    },
    ...(f.route !== undefined && { route: f.route }),
    method: f.method ?? 'GET',
    authority: f.authority ?? (type === 'mirror' ? 'httpbin-shadow:8000' : 'httpbin:8000'),
    path: f.path ?? '/items?page=1',
    status: f.status ?? 200,
    flags: '-',
    requestHeaders: {},
    responseHeaders: {
      'content-type': contentType,
      date: `Tue, 14 Nov 2023 22:13:${String(nextId % 60).padStart(2, '0')} GMT`,
      'x-request-id': f.requestId ?? `req-${nextId}`,
      ...(body !== null && { 'content-length': String(body.size) }),
      ...f.headers,
    },
    requestBytes: 0,
    responseBytes: body?.size ?? 0,
    requestBody: null,
    responseBody: body,
    ...(type === 'primary' && { copies: 1 }),
    ...(type !== 'primary' && { outcome: f.outcome ?? 'mirrored-ok' }),
  };
}

/** A primary and its mirror copy sharing a request id. */
export function makePair(
  primary: FlowFixture,
  mirror: FlowFixture,
  requestId = `req-${nextId + 1}`,
): { primary: FlowRecord; mirror: FlowRecord } {
  return {
    primary: makeFlow({ ...primary, requestId, type: 'primary' }),
    mirror: makeFlow({ ...mirror, requestId, type: mirror.type ?? 'mirror' }),
  };
}

export { seededRandom } from '../../../testing/seeded-random.js';

export function randomUuid(random: () => number): string {
  const hex = () => Math.floor(random() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}
