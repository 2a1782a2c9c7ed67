// CONNECT and upgrade requests (P11): never mirrored; WebSocket upgrades pass through on the primary path.

import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { totalOutcomes } from '@shadowmesh/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import {
  clientSidecar,
  httpbinMirror,
  silentLogger,
  workloadEntry,
  writeMeshFile,
} from './testing/mesh-files.js';
import type { RecordingServer } from './testing/recording-server.js';
import { startRecordingServer } from './testing/recording-server.js';

let v1: Server;
let wss: WebSocketServer;
let v2: RecordingServer;
let proxy: ProxyHandle;
const v1Requests: string[] = [];

beforeAll(async () => {
  v1 = createServer((req, res) => {
    v1Requests.push(`${req.method} ${req.url} ${req.headers.host}`);
    req.resume();
    req.on('end', () => res.end(`plain answer to ${req.url}`));
  });
  wss = new WebSocketServer({ server: v1 });
  wss.on('connection', (socket, req) => {
    v1Requests.push(`WS ${req.url} ${req.headers.host}`);
    socket.on('message', (data) => socket.send(`echo:${data.toString()}`));
  });
  await new Promise<void>((resolve) => v1.listen(0, '127.0.0.1', resolve));
  v2 = await startRecordingServer();
  const file = await writeMeshFile(
    httpbinMirror(100),
    workloadEntry('httpbin-v1', `127.0.0.1:${(v1.address() as AddressInfo).port}`, {
      app: 'httpbin',
      version: 'v1',
    }),
    workloadEntry('httpbin-v2', v2.address, { app: 'httpbin', version: 'v2' }),
  );
  proxy = await startSidecar(clientSidecar(file), { logger: silentLogger });
});

afterAll(async () => {
  await proxy.close();
  for (const client of wss.clients) client.terminate();
  wss.close();
  v1.closeAllConnections();
  await new Promise<void>((resolve) => v1.close(() => resolve()));
  await v2.close();
});

describe('upgrades and CONNECT', () => {
  it('passes a WebSocket through to the primary and mirrors nothing', async () => {
    const ws = new WebSocket(`ws://${proxy.addresses.outbound}/chat`, { headers: { host: 'httpbin:8000' } });
    const reply = await new Promise<string>((resolve, reject) => {
      ws.on('open', () => ws.send('hello'));
      ws.on('message', (data) => resolve(data.toString()));
      ws.on('error', reject);
    });
    expect(reply).toBe('echo:hello');
    ws.send('again');
    expect(await new Promise<string>((resolve) => ws.once('message', (d) => resolve(d.toString())))).toBe(
      'echo:again',
    );
    ws.close();
    expect(v1Requests).toContain('WS /chat httpbin:8000');
    expect(v2.requests).toHaveLength(0);
    expect(totalOutcomes(proxy.mirrorStats().totals)).toBe(0);
  });

  it('accepts an upgrade in absolute form, as a forward proxy receives it', async () => {
    const head = await rawExchange(
      'GET http://httpbin:8000/abs HTTP/1.1\r\nHost: httpbin:8000\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      /\r\n\r\n/,
    );
    expect(head).toMatch(/^HTTP\/1\.1 101 /);
    expect(head.toLowerCase()).toContain('sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=');
    expect(v2.requests).toHaveLength(0);
  });

  it('tunnels CONNECT to the routed endpoint and mirrors nothing', async () => {
    const answer = await rawExchange(
      'CONNECT httpbin:8000 HTTP/1.1\r\nHost: httpbin:8000\r\n\r\n',
      /plain answer/,
      'GET /in-tunnel HTTP/1.1\r\nHost: httpbin:8000\r\nConnection: close\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 200 OK/);
    expect(answer).toContain('plain answer to /in-tunnel');
    expect(v2.requests).toHaveLength(0);
    expect(totalOutcomes(proxy.mirrorStats().totals)).toBe(0);
  });

  it('answers a CONNECT it cannot complete with 503 UF', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const answer = await rawExchange(
      `CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      /\r\n\r\n/,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer.toLowerCase()).toContain('x-shadowmesh-response-flags: uf');
  });
});

/** Writes `first`, then `second` once the first answer arrived, and collects until `until` matches. */
function rawExchange(first: string, until: RegExp, second?: string): Promise<string> {
  const [host, port] = (proxy.addresses.outbound as string).split(':');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(port) });
    let text = '';
    let sentSecond = second === undefined;
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (!sentSecond && text.includes('\r\n\r\n')) {
        sentSecond = true;
        socket.write(second as string);
        return;
      }
      if (sentSecond && until.test(second === undefined ? text : text.slice(text.indexOf('\r\n\r\n') + 4))) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
    socket.write(first);
  });
}
