// An upstream for the fuzz targets that reads what the proxy sends with strict framing (strict-http.ts),
// records every request line and every framing problem, and answers each request with a short 200.
import type { AddressInfo, Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import { frameRequests, hasFinalResponse } from './strict-http.js';

export interface FramingUpstream {
  address: string;
  /** `METHOD target` of every request received. */
  requests: string[];
  /** Framing problems, with the bytes that had them. */
  problems: string[];
  close(): Promise<void>;
}

const ANSWER = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok';

export async function startFramingUpstream(): Promise<FramingUpstream> {
  const requests: string[] = [];
  const problems: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const framed = frameRequests(buffered);
      requests.push(...framed.requests);
      for (let i = 0; i < framed.requests.length; i++) socket.write(ANSWER);
      buffered = framed.rest;
      if (framed.problem !== null) {
        problems.push(`${framed.problem} in ${JSON.stringify(buffered.toString('latin1', 0, 200))}`);
        socket.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    requests,
    problems,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface Exchange {
  /** Every byte the proxy sent back. */
  wire: Buffer;
  /** The proxy closed (or reset) the connection within the time allowed. */
  closed: boolean;
}

/**
 * Writes `bytes` to `address` and half-closes once a final response has arrived, or after `quietMs` without
 * one (the request may be incomplete: the proxy rightly waits for more); then reads until the proxy closes
 * the connection, or `timeoutMs` passes (`closed` false, the socket destroyed).
 */
export function exchange(
  address: string,
  bytes: Buffer,
  options: { head: boolean; quietMs: number; timeoutMs: number },
): Promise<Exchange> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = connect(Number(port), host as string);
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(quiet);
      if (!socket.writableEnded) socket.end();
    };
    const quiet = setTimeout(finish, options.quietMs);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ wire: Buffer.concat(chunks), closed: false });
    }, options.timeoutMs);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (hasFinalResponse(Buffer.concat(chunks), options.head)) finish();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(quiet);
      clearTimeout(timer);
      resolve({ wire: Buffer.concat(chunks), closed: true });
    });
    socket.write(bytes);
  });
}
