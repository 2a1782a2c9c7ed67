// A tiny control plane for tests: a real WebSocket server speaking the proxy wire protocol
// (hello → welcome, config → ack/nack, telemetry), so the proxy is tested against the protocol itself.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  ControlPlaneToProxy,
  ProxyConfigSnapshot,
  ProxyToControlPlane,
  WorkloadEndpoint,
} from '@shadowmesh/api';
import WebSocket, { WebSocketServer } from 'ws';
import { waitFor } from './http-client.js';

export interface ProxyConnection {
  authorization: string | undefined;
  messages: ProxyToControlPlane[];
  hello: Extract<ProxyToControlPlane, { type: 'hello' }> | null;
  send(message: ControlPlaneToProxy): void;
  pushConfig(snapshot: ProxyConfigSnapshot): void;
  /** Resolves with the ack or nack for `version`. */
  answerFor(version: string): Promise<Extract<ProxyToControlPlane, { type: 'ack' | 'nack' }>>;
  socket: WebSocket;
}

export interface TestControlPlane {
  url: string;
  port: number;
  connections: ProxyConnection[];
  /** Connection attempts refused for a wrong or missing token. */
  refused(): number;
  /** Workload endpoints of every connected proxy with an inbound listener, as a control plane registers them. */
  endpoints(): WorkloadEndpoint[];
  close(): Promise<void>;
}

export async function startTestControlPlane(
  options: { port?: number; token?: string } = {},
): Promise<TestControlPlane> {
  const connections: ProxyConnection[] = [];
  let refused = 0;
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    // A proxy that is refused may reset the socket before `end` flushes: an 'error' nobody handles
    // would be reported as an unhandled error of the test run.
    socket.on('error', () => socket.destroy());
    if (req.url !== '/api/v1/proxies/connect')
      return socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      refused++;
      return socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: ProxyConnection = {
        authorization: req.headers.authorization,
        messages: [],
        hello: null,
        socket: ws,
        send: (message) => ws.send(JSON.stringify(message)),
        pushConfig: (snapshot) => conn.send({ type: 'config', snapshot }),
        answerFor: (version) =>
          waitFor(
            () =>
              conn.messages.find(
                (m): m is Extract<ProxyToControlPlane, { type: 'ack' | 'nack' }> =>
                  (m.type === 'ack' || m.type === 'nack') && m.version === version,
              ),
            `ack or nack of ${version}`,
          ),
      };
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as ProxyToControlPlane;
        conn.messages.push(message);
        if (message.type === 'hello') {
          conn.hello = message;
          conn.send({ type: 'welcome', proxyId: message.proxy.id, serverVersion: 'test' });
        }
      });
      connections.push(conn);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections,
    refused: () => refused,
    endpoints: () =>
      connections
        .filter((c) => c.hello?.proxy.inbound && c.socket.readyState === WebSocket.OPEN)
        .map((c) => {
          const p = c.hello!.proxy;
          return {
            proxyId: p.id,
            workload: p.workload,
            namespace: p.namespace,
            labels: p.labels,
            address: p.inbound as string,
          };
        }),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
