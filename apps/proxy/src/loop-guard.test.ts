// Requests that would loop through this proxy forever are refused with 508 before anything is forwarded.
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopGuard } from './loop-guard.js';
import { encodePeer } from './peer-identity.js';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { endpoint, startFlowMesh } from './testing/flow-mesh.js';
import { viaProxy } from './testing/http-client.js';
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

describe('LoopGuard (unit)', () => {
  it('knows a loopback listener by its address, localhost and ::1, on its port only', () => {
    const guard = new LoopGuard('0123456789abcdef');
    guard.addListener('127.0.0.1:15001');
    expect(guard.addressesSelf('127.0.0.1:15001', 15001)).toBe(true);
    expect(guard.addressesSelf('LOCALHOST:15001', 15001)).toBe(true);
    expect(guard.addressesSelf('[::1]:15001', 15001)).toBe(true);
    expect(guard.addressesSelf('localhost.', 15001)).toBe(true);
    expect(guard.addressesSelf('httpbin:15001', 15001)).toBe(false);
    expect(guard.addressesSelf('127.0.0.1:15002', 15002)).toBe(false);
  });

  it('knows a wildcard listener by every local address and the host name', () => {
    const guard = new LoopGuard('0123456789abcdef');
    guard.addListener('[::]:9000');
    expect(guard.addressesSelf('127.0.0.9:9000', 9000)).toBe(true);
    expect(guard.addressesSelf(`${hostname()}:9000`, 9000)).toBe(true);
    expect(guard.addressesSelf('0.0.0.0:9000', 9000)).toBe(true);
    expect(guard.addressesSelf('example.com:9000', 9000)).toBe(false);
  });

  it('recognises its own x-shadowmesh-peer values, not those of other proxies', () => {
    const guard = new LoopGuard('0123456789abcdef');
    const peer = { workload: 'sleep', namespace: 'default', app: 'sleep', version: 'v1', service: 's' };
    expect(guard.sentByMe({ 'x-shadowmesh-peer': encodePeer({ ...peer, instance: guard.instance }) })).toBe(
      true,
    );
    expect(
      guard.sentByMe({ 'x-shadowmesh-peer': encodePeer({ ...peer, instance: 'fedcba9876543210' }) }),
    ).toBe(false);
    expect(guard.sentByMe({ 'x-shadowmesh-peer': encodePeer(peer) })).toBe(false);
    expect(guard.sentByMe({})).toBe(false);
  });
});

async function standalone(): Promise<{ proxy: ProxyHandle; v1: RecordingServer }> {
  const v1 = await startRecordingServer();
  closers.push(v1.close);
  const file = await writeMeshFile(
    httpbinMirror(0),
    workloadEntry('httpbin-v1', v1.address, { app: 'httpbin', version: 'v1' }),
  );
  const proxy = await startSidecar(clientSidecar(file), { logger: silentLogger });
  closers.push(proxy.close);
  return { proxy, v1 };
}

describe('loop guard on the outbound listener', () => {
  it('refuses a request addressed to the proxy itself (it would pass through to itself forever)', async () => {
    const { proxy, v1 } = await standalone();
    const outbound = proxy.addresses.outbound as string;
    const port = outbound.split(':')[1];
    const targets = [
      outbound,
      `localhost:${port}`,
      proxy.addresses.inbound as string,
      proxy.addresses.admin as string,
    ];
    for (const target of targets) {
      const res = await viaProxy(outbound, `http://${target}/loop`);
      expect(res.status, target).toBe(508);
      expect(res.headers['x-shadowmesh-response-flags']).toBe('NR');
      expect(res.text).toMatch(/loop/);
    }
    // Origin-form with the proxy's own Host header: the same loop.
    const res = await viaProxy(outbound, '/loop', { headers: { host: outbound } });
    expect(res.status).toBe(508);
    expect(v1.requests).toHaveLength(0);
    expect((await viaProxy(outbound, 'http://httpbin:8000/fine')).status).toBe(200);
  });

  it('refuses a request that comes back carrying its own x-shadowmesh-peer (an endpoint that is the proxy itself)', async () => {
    const m = await startFlowMesh({
      mirror: 0,
      meshSpec: '  flowSampling: 0\n',
      endpoints: (proxy) => [endpoint('httpbin-v1', 'v1', proxy.addresses.outbound as string)],
    });
    closers.push(m.close);
    const res = await viaProxy(m.outbound, 'http://httpbin:8000/around');
    expect(res.status).toBe(508);
    expect(res.headers['x-shadowmesh-response-flags']).toBe('NR');
    // The second arrival is answered at once: two primaries in the telemetry (the first hop and its echo), no more.
    const primaries = m.proxy
      .telemetry()
      .edges.filter((e) => e.key.requestType === 'primary')
      .reduce((n, e) => n + e.requests, 0);
    expect(primaries).toBe(2);
  });
});
