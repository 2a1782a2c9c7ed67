import type { FlowRecord } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { FlowBuffer, recordBytes } from './flow-buffer.js';

function record(n: number, bodyBytes = 0): FlowRecord {
  return {
    id: `p/${n}`,
    requestId: `r${n}`,
    type: 'primary',
    reason: 'sampled',
    startTime: 0,
    durationMs: 1,
    source: { workload: 'sleep', namespace: 'default' },
    destination: { service: 'httpbin.default.svc.cluster.local', namespace: 'default' },
    method: 'GET',
    authority: 'httpbin:8000',
    path: '/',
    status: 200,
    flags: '-',
    requestHeaders: {},
    responseHeaders: {},
    requestBytes: 0,
    responseBytes: bodyBytes,
    requestBody: null,
    responseBody:
      bodyBytes === 0
        ? null
        : {
            encoding: 'utf8',
            data: 'x'.repeat(bodyBytes),
            size: bodyBytes,
            truncated: false,
            sha256: '0'.repeat(64),
          },
  };
}

describe('FlowBuffer', () => {
  it('sends nothing when empty', () => {
    expect(new FlowBuffer().take()).toBeNull();
  });

  it('keeps the newest records within the record bound and counts the rest as dropped, once', () => {
    const buffer = new FlowBuffer({ maxRecords: 5, maxBytes: 1 << 20 });
    for (let i = 1; i <= 12; i++) buffer.push(record(i));
    expect(buffer.length).toBe(5);
    const payload = buffer.take();
    expect(payload?.flows.map((r) => r.id)).toEqual(['p/8', 'p/9', 'p/10', 'p/11', 'p/12']);
    expect(payload?.dropped).toBe(7);
    expect(payload?.version).toBe(1);
    expect(buffer.take()).toBeNull();
    expect(buffer.capturedTotal).toBe(12);
    expect(buffer.droppedTotal).toBe(7);
  });

  it('keeps captured bytes within the byte bound', () => {
    const size = recordBytes(record(0, 1000));
    const buffer = new FlowBuffer({ maxRecords: 1000, maxBytes: size * 3 });
    for (let i = 1; i <= 10; i++) buffer.push(record(i, 1000));
    expect(buffer.length).toBe(3);
    expect(buffer.byteSize).toBeLessThanOrEqual(size * 3);
    buffer.push(record(99, size * 4)); // larger than the whole bound: dropped alone
    expect(buffer.length).toBe(3);
    expect(buffer.take()?.dropped).toBe(8);
  });

  it('reports drops even with no record to send (a tap over its rate)', () => {
    const buffer = new FlowBuffer();
    buffer.countDropped(2);
    expect(buffer.take()).toEqual({ version: 1, flows: [], dropped: 2 });
  });

  it('sends at most the per-message bytes at once; the rest waits for the next take', () => {
    const size = recordBytes(record(0, 1000));
    const buffer = new FlowBuffer();
    for (let i = 1; i <= 5; i++) buffer.push(record(i, 1000));
    expect(buffer.take(size * 2)?.flows.map((r) => r.id)).toEqual(['p/1', 'p/2']);
    expect(buffer.take(size * 2)?.flows.map((r) => r.id)).toEqual(['p/3', 'p/4']);
    expect(buffer.take(1)?.flows.map((r) => r.id)).toEqual(['p/5']); // at least one, whatever its size
    expect(buffer.take()).toBeNull();
  });
});
