// A loopback WebSocket server (`ws`) for the socket clients' tests: records every connection and every
// text message it receives; `ws`'s client stands in for the browser's.
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface WsTestServer {
  server: WebSocketServer;
  url: string;
  /** Server side of each connection, in order. */
  connections: WebSocket[];
  /** Every text message the server received, per connection index. */
  received: string[][];
  /** Sends `message` as JSON on connection `index`. */
  send(index: number, message: unknown): void;
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (`port` 0: a free one); `path` is only part of the URL clients are given. */
export async function startWsTestServer(path: string, port = 0): Promise<WsTestServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const harness: WsTestServer = {
    server,
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    connections: [],
    received: [],
    send: (index, message) => harness.connections[index]?.send(JSON.stringify(message)),
    close: async () => {
      for (const socket of harness.connections) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server.on('connection', (socket) => {
    const index = harness.connections.length;
    harness.connections.push(socket);
    harness.received.push([]);
    socket.on('message', (data) => harness.received[index]?.push(data.toString()));
  });
  return harness;
}
