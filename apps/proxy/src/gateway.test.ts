// The gateway serves Gateway-bound VirtualServices: the "Hello Mirroring" tutorial, unchanged YAML.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { parseGatewayFlags } from './config.js';
import { startGateway } from './gateway.js';
import type { ProxyHandle } from './proxy-handle.js';
import { direct, waitFor } from './testing/http-client.js';
import { silentLogger, workloadEntry, writeMeshFile } from './testing/mesh-files.js';
import type { RecordingServer } from './testing/recording-server.js';
import { startRecordingServer } from './testing/recording-server.js';

const tutorial = (name: string) => readFile(new URL(`../../../tutorials/${name}`, import.meta.url), 'utf8');

let v1: RecordingServer;
let v2: RecordingServer;
let gateway: ProxyHandle;

beforeAll(async () => {
  v1 = await startRecordingServer();
  v2 = await startRecordingServer();
  const file = await writeMeshFile(
    await tutorial('hello-mirroring-workloads.yaml'),
    await tutorial('hello-mirroring-mirror.yaml'),
    workloadEntry('mirroring-v1', v1.address, { app: 'istio-mirroring-app', version: 'v1' }),
    workloadEntry('mirroring-v2', v2.address, { app: 'istio-mirroring-app', version: 'v2' }),
  );
  const config = parseGatewayFlags(
    {
      name: 'istio-ingressgateway',
      labels: 'istio=ingressgateway',
      listen: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      config: file,
    },
    {},
  );
  gateway = await startGateway(config, { logger: silentLogger });
});

afterAll(async () => {
  await gateway.close();
  await v1.close();
  await v2.close();
});

describe('gateway', () => {
  it('routes through the Gateway to v1 and mirrors every request to v2 (mirror without a percentage)', async () => {
    const res = await direct(gateway.addresses.listen as string, '/mirroring', {
      headers: { host: 'hello.example.com' },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).url).toBe('/mirroring');
    const copy = await waitFor(() => v2.requests[0], 'the copy at v2');
    expect(copy.url).toBe('/mirroring');
    expect(copy.headers.host).toBe('hello.example.com-shadow');
    expect(copy.headers['x-request-id']).toBe(v1.requests[0]?.headers['x-request-id']);
    await waitFor(() => gateway.mirrorStats().totals['mirrored-ok'] === 1, 'mirrored-ok');
    const edge = gateway.telemetry().edges.find((e) => e.key.requestType === 'primary');
    expect(edge?.key).toMatchObject({
      reporter: 'source',
      sourceWorkload: 'istio-ingressgateway',
      destinationVersion: 'v1',
    });
  });

  it('identifies itself as a gateway', () => {
    expect(gateway.identity).toMatchObject({
      kind: 'gateway',
      workload: 'istio-ingressgateway',
      namespace: 'istio-system',
      inbound: null,
      listen: gateway.addresses.listen,
    });
  });

  it('passes WebSocket upgrades through to the routed endpoint', async () => {
    const { createServer } = await import('node:http');
    const server = createServer();
    const wss = new WebSocketServer({ server });
    wss.on('connection', (s) => s.on('message', (d) => s.send(`pong:${d.toString()}`)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const file = await writeMeshFile(
      await tutorial('hello-mirroring-workloads.yaml'),
      await tutorial('hello-mirroring-mirror.yaml'),
      workloadEntry('mirroring-v1', `127.0.0.1:${port}`, { app: 'istio-mirroring-app', version: 'v1' }),
      workloadEntry('mirroring-v2', v2.address, { app: 'istio-mirroring-app', version: 'v2' }),
    );
    const gw = await startGateway(
      parseGatewayFlags(
        { name: 'gw2', labels: 'istio=ingressgateway', listen: '127.0.0.1:0', config: file },
        {},
      ),
      { logger: silentLogger },
    );
    try {
      const before = v2.requests.length;
      const ws = new WebSocket(`ws://${gw.addresses.listen}/socket`);
      const reply = await new Promise<string>((resolve, reject) => {
        ws.on('open', () => ws.send('ping'));
        ws.on('message', (d) => resolve(d.toString()));
        ws.on('error', reject);
      });
      expect(reply).toBe('pong:ping');
      ws.terminate();
      expect(v2.requests.length).toBe(before);
    } finally {
      await gw.close();
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
