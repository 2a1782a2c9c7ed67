// The proxy against a control plane speaking the wire protocol: hello with identity and token, config
// ACK/NACK, last good config kept, telemetry every interval, reconnection with back-off.
import { parseManifests } from '@shadowmesh/api';
import { TelemetryDeltaReader } from '@shadowmesh/telemetry';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSidecarFlags } from './config.js';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { viaProxy, waitFor } from './testing/http-client.js';
import { httpbinMirror, silentLogger } from './testing/mesh-files.js';
import type { RecordingServer } from './testing/recording-server.js';
import { startRecordingServer } from './testing/recording-server.js';
import type { TestControlPlane } from './testing/test-control-plane.js';
import { startTestControlPlane } from './testing/test-control-plane.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function setup(
  token = 'secret-token',
): Promise<{ cp: TestControlPlane; proxy: ProxyHandle; v1: RecordingServer }> {
  const cp = await startTestControlPlane({ token });
  closers.push(cp.close);
  const v1 = await startRecordingServer();
  closers.push(v1.close);
  const config = parseSidecarFlags(
    {
      controlPlane: cp.url,
      workload: 'sleep',
      labels: 'app=sleep',
      inbound: '127.0.0.1:0',
      outbound: '127.0.0.1:0',
      admin: '127.0.0.1:0',
    },
    { SHADOWMESH_TOKEN: token },
  );
  const proxy = await startSidecar(config, {
    logger: silentLogger,
    telemetryIntervalMs: 50,
    reconnect: { baseMs: 20, maxMs: 200 },
  });
  closers.push(proxy.close);
  return { cp, proxy, v1 };
}

function snapshot(version: string, v1: RecordingServer) {
  const { resources } = parseManifests(httpbinMirror(0));
  const endpoints = [
    {
      proxyId: 'v1',
      workload: 'httpbin-v1',
      namespace: 'default',
      labels: { app: 'httpbin', version: 'v1' },
      address: v1.address,
    },
  ];
  return { version, resources, endpoints };
}

describe('control-plane client', () => {
  it('says hello with its identity and token, and is not ready before a config', async () => {
    const { cp, proxy } = await setup();
    const conn = await waitFor(() => cp.connections[0]?.hello && cp.connections[0], 'hello');
    expect(conn.authorization).toBe('Bearer secret-token');
    expect(conn.hello?.protocolVersion).toBe(1);
    expect(conn.hello?.proxy).toMatchObject({
      kind: 'sidecar',
      workload: 'sleep',
      namespace: 'default',
      labels: { app: 'sleep' },
      inbound: proxy.addresses.inbound,
      outbound: proxy.addresses.outbound,
      admin: proxy.addresses.admin,
    });
    expect(conn.hello?.proxy.id).toMatch(/^sleep\.default-[0-9a-f]{6}$/);
    expect((await fetch(`http://${proxy.addresses.admin}/ready`)).status).toBe(503);
    const res = await viaProxy(proxy.addresses.outbound as string, 'http://httpbin:8000/');
    expect(res.status).toBe(503);
    expect(res.headers['x-shadowmesh-response-flags']).toBe('NC');
  });

  it('ACKs a config and routes with it; NACKs a bad one and keeps routing with the last good one', async () => {
    const { cp, proxy, v1 } = await setup();
    const conn = await waitFor(() => cp.connections[0]?.hello && cp.connections[0], 'hello');
    conn.pushConfig(snapshot('7', v1));
    expect(await conn.answerFor('7')).toEqual({ type: 'ack', version: '7' });
    await proxy.waitForConfig('7');
    expect((await fetch(`http://${proxy.addresses.admin}/ready`)).status).toBe(200);
    expect((await viaProxy(proxy.addresses.outbound as string, 'http://httpbin:8000/a')).status).toBe(200);

    conn.send({ type: 'config', snapshot: { version: '8', resources: 'nope', endpoints: [] } as never });
    const nack = await conn.answerFor('8');
    expect(nack.type).toBe('nack');
    expect(nack.type === 'nack' && nack.error).toMatch(/resources/);
    expect(proxy.configVersion()).toBe('7');
    expect((await viaProxy(proxy.addresses.outbound as string, 'http://httpbin:8000/b')).status).toBe(200);
    const dump = (await (await fetch(`http://${proxy.addresses.admin}/config_dump`)).json()) as {
      version: string;
      controlPlane: unknown;
    };
    expect(dump.version).toBe('7');
    expect(dump.controlPlane).toMatchObject({
      connected: true,
      lastAckedVersion: '7',
      lastNack: { version: '8' },
    });
  });

  it('sends versioned telemetry deltas over the same socket', async () => {
    const { cp, proxy, v1 } = await setup();
    const conn = await waitFor(() => cp.connections[0]?.hello && cp.connections[0], 'hello');
    conn.pushConfig(snapshot('1', v1));
    await proxy.waitForConfig('1');
    for (let i = 0; i < 3; i++) await viaProxy(proxy.addresses.outbound as string, 'http://httpbin:8000/t');
    // Compact deltas bind key ids once per connection: read them in order, as the control plane does.
    const requests = () => {
      const reader = new TelemetryDeltaReader();
      return conn.messages
        .filter((m) => m.type === 'telemetry')
        .map((m) => reader.read((m as { payload: unknown }).payload))
        .flatMap((r) => (r.ok ? r.value.edges : []))
        .filter((e) => e.key.destinationWorkload === 'httpbin-v1' && e.key.reporter === 'source')
        .reduce((n, e) => n + e.requests, 0);
    };
    await waitFor(() => requests() === 3, 'three requests reported');
  });

  it('keeps routing while the control plane is away and reconnects when it is back', async () => {
    const { cp, proxy, v1 } = await setup();
    const conn = await waitFor(() => cp.connections[0]?.hello && cp.connections[0], 'hello');
    conn.pushConfig(snapshot('3', v1));
    await proxy.waitForConfig('3');
    await cp.close();
    closers.pop();
    expect((await viaProxy(proxy.addresses.outbound as string, 'http://httpbin:8000/away')).status).toBe(200);
    const again = await startTestControlPlane({ port: cp.port, token: 'secret-token' });
    closers.push(again.close);
    const back = await waitFor(
      () => again.connections[0]?.hello && again.connections[0],
      'a new hello',
      10_000,
    );
    expect(back.hello?.lastConfigVersion).toBe('3');
  });

  it('keeps retrying with back-off when the token is refused', async () => {
    const cp = await startTestControlPlane({ token: 'right' });
    closers.push(cp.close);
    const config = parseSidecarFlags(
      {
        controlPlane: cp.url,
        workload: 'sleep',
        labels: 'app=sleep',
        inbound: '127.0.0.1:0',
        outbound: '127.0.0.1:0',
        token: 'wrong',
      },
      {},
    );
    const proxy = await startSidecar(config, { logger: silentLogger, reconnect: { baseMs: 10, maxMs: 50 } });
    closers.push(proxy.close);
    await waitFor(() => cp.refused() >= 3, 'three refused attempts');
    expect(cp.connections).toHaveLength(0);
    expect(proxy.configVersion()).toBeNull();
  });
});
