// A loopback TCP server for client tests that answers with exact bytes: it splits incoming HTTP/1.1
// requests (content-length or chunked bodies), records them per connection, and lets the test write
// whatever it wants back (split writes, closes mid-response, silence).
import { createHash } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { createServer } from 'node:net';

export interface RawRequest {
  method: string;
  path: string;
  /** Lower-case names; repeated fields joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
  sha256: string;
  /** 0-based index of the connection it arrived on. */
  connection: number;
}

/** Answers one request by writing to (or closing, or ignoring) its socket. */
export type RawResponder = (req: RawRequest, socket: Socket) => void;

export interface RawServer {
  address: string;
  requests: RawRequest[];
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startRawServer(respond: RawResponder): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    const connection = connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const parsed = splitRequest(buffered);
        if (parsed === null) return;
        buffered = buffered.subarray(parsed.used);
        const req = { ...parsed.request, connection };
        requests.push(req);
        respond(req, socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    requests,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One complete request at the start of `buf`, or null when more bytes are needed. */
function splitRequest(buf: Buffer): { request: Omit<RawRequest, 'connection'>; used: number } | null {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buf.toString('latin1', 0, end).split('\r\n');
  const [method = '', path = ''] = (lines[0] ?? '').split(' ');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let at = end + 4;
  let body: Buffer;
  if (headers['transfer-encoding'] === 'chunked') {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', at);
      if (lineEnd < 0) return null;
      const size = Number.parseInt(buf.toString('latin1', at, lineEnd), 16);
      if (buf.length < lineEnd + 2 + size + 2) return null;
      if (size === 0) {
        at = lineEnd + 4;
        break;
      }
      parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  } else {
    const length = Number(headers['content-length'] ?? 0);
    if (buf.length < at + length) return null;
    body = Buffer.from(buf.subarray(at, at + length));
    at += length;
  }
  const sha256 = createHash('sha256').update(body).digest('hex');
  return { request: { method, path, headers, body, sha256 }, used: at };
}

/** `HTTP/1.1 <status>` with `headers` (lines without CRLF) and a content-length body. */
export function rawResponse(status: number, body = '', headers: string[] = []): string {
  return [`HTTP/1.1 ${status} X`, ...headers, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join(
    '\r\n',
  );
}

/** Writes `data` in pieces of `size` bytes, one per event-loop turn (a peer sending in dribbles). */
export function dribble(socket: Socket, data: string | Buffer, size: number, then?: () => void): void {
  const buf = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const pieces: Buffer[] = [];
  for (let at = 0; at < buf.length; at += size) pieces.push(buf.subarray(at, at + size));
  writePieces(socket, pieces, then);
}

/** Writes `pieces` one per event-loop turn (cut wherever a test likes), then calls `then`. */
export function writePieces(socket: Socket, pieces: readonly Buffer[], then?: () => void): void {
  let i = 0;
  if (pieces.length === 0) {
    then?.();
    return;
  }
  const next = () => {
    if (socket.destroyed) return;
    socket.write(pieces[i++] as Buffer);
    if (i < pieces.length) setImmediate(next);
    else then?.();
  };
  next();
}
