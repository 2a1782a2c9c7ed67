import { afterEach, describe, expect, it } from 'vitest';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { viaProxy, waitFor } from './testing/http-client.js';
import {
  clientSidecar,
  httpbinMirror,
  silentLogger,
  workloadEntry,
  writeMeshFile,
} from './testing/mesh-files.js';
import type { RecordingServer } from './testing/recording-server.js';
import { startRecordingServer } from './testing/recording-server.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function mesh(
  percentage: number | null,
): Promise<{ proxy: ProxyHandle; v1: RecordingServer; v2: RecordingServer }> {
  const v1 = await startRecordingServer();
  const v2 = await startRecordingServer();
  closers.push(v1.close, v2.close);
  const file = await writeMeshFile(
    httpbinMirror(percentage),
    workloadEntry('httpbin-v1', v1.address, { app: 'httpbin', version: 'v1' }),
    workloadEntry('httpbin-v2', v2.address, { app: 'httpbin', version: 'v2' }),
  );
  const proxy = await startSidecar(clientSidecar(file), { logger: silentLogger });
  closers.push(proxy.close);
  return { proxy, v1, v2 };
}

describe('mirroring through the outbound listener', () => {
  it('answers from v1 and mirrors to v2 with Host httpbin-shadow:8000, the shadow marker and the same x-request-id', async () => {
    const { proxy, v1, v2 } = await mesh(100);
    const res = await viaProxy(proxy.addresses.outbound as string, 'http://httpbin:8000/headers?x=1');
    expect(res.status).toBe(200);
    const echoed = JSON.parse(res.text);
    expect(echoed.url).toBe('/headers?x=1');
    expect(echoed.headers.host).toBe('httpbin:8000');
    expect(echoed.headers['x-shadowmesh-shadow']).toBeUndefined();
    const requestId = echoed.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => v2.requests.length === 1, 'the mirror copy');
    const copy = v2.requests[0]!;
    expect(copy.method).toBe('GET');
    expect(copy.url).toBe('/headers?x=1');
    expect(copy.headers.host).toBe('httpbin-shadow:8000');
    expect(copy.headers['x-shadowmesh-shadow']).toBe('1');
    expect(copy.headers['x-request-id']).toBe(requestId);
    expect(v1.requests).toHaveLength(1);
    await waitFor(() => proxy.mirrorStats().totals['mirrored-ok'] === 1, 'mirrored-ok counted');
  });

  it('never mirrors a request that arrives already marked as a copy, and does not count it', async () => {
    const { proxy, v1, v2 } = await mesh(100);
    const res = await viaProxy(proxy.addresses.outbound as string, 'http://httpbin:8000/again', {
      headers: { 'x-shadowmesh-shadow': '1' },
    });
    expect(res.status).toBe(200);
    expect(v1.requests).toHaveLength(1);
    await viaProxy(proxy.addresses.outbound as string, 'http://httpbin:8000/fresh');
    await waitFor(() => v2.requests.length === 1, 'the copy of the unmarked request');
    expect(v2.requests.map((r) => r.url)).toEqual(['/fresh']);
    await waitFor(() => proxy.mirrorStats().totals['mirrored-ok'] === 1, 'one outcome');
    expect(Object.values(proxy.mirrorStats().totals).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
