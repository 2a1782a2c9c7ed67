// A loopback upstream that misbehaves on purpose, for the upstream-fault matrix (issue #12): raw `net`
// sockets (via startRawServer), one fault per request chosen by the test (usually from the path), every
// request and every connection (and when it closed) recorded so a test can count attempts and reuse.
import type { Socket } from 'node:net';
import type { RawRequest } from './raw-server.js';
import { rawResponse, startRawServer } from './raw-server.js';

export type Fault =
  /** 200 with `body` (content-length framed, keep-alive). */
  | { kind: 'ok'; body?: string }
  /** `status` with a short body (keep-alive). */
  | { kind: 'status'; status: number }
  /** The head (content-length `declared`) and `sent` of the body, then a TCP RST (resetAndDestroy). */
  | { kind: 'reset-mid-body'; declared: number; sent: string }
  /** A TCP RST before any response byte. */
  | { kind: 'reset-before-response' }
  /** Reads the request, never answers, never closes. */
  | { kind: 'half-open' }
  /** After `headDelayMs` the head (content-length of `body`), then the body one byte every `everyMs`. */
  | { kind: 'drip'; body: string; everyMs: number; headDelayMs?: number }
  /** The head (content-length `declared`), then FIN without a body byte. */
  | { kind: 'close-after-head'; declared: number };

export interface FaultyUpstream {
  address: string;
  requests: RawRequest[];
  /** Requests whose path starts with `prefix`. */
  hits(prefix: string): RawRequest[];
  readonly connections: number;
  /** Indexes of the connections that have closed (by either side). */
  closed: Set<number>;
  close(): Promise<void>;
}

export async function startFaultyUpstream(choose: (req: RawRequest) => Fault): Promise<FaultyUpstream> {
  const closed = new Set<number>();
  const timers = new Set<NodeJS.Timeout>();
  const watched = new WeakSet<Socket>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const server = await startRawServer((req, socket) => {
    if (!watched.has(socket)) {
      watched.add(socket);
      socket.once('close', () => closed.add(req.connection));
    }
    const fault = choose(req);
    switch (fault.kind) {
      case 'ok':
        socket.write(rawResponse(200, fault.body ?? `ok ${req.path}`));
        return;
      case 'status':
        socket.write(rawResponse(fault.status, `status ${fault.status}`));
        return;
      case 'reset-mid-body':
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${fault.declared}\r\n\r\n${fault.sent}`, () =>
          // Once the bytes are with the kernel: the RST must not overtake them.
          later(20, () => socket.resetAndDestroy()),
        );
        return;
      case 'reset-before-response':
        socket.resetAndDestroy();
        return;
      case 'half-open':
        return;
      case 'drip': {
        const bytes = Buffer.from(fault.body, 'latin1');
        let at = 0;
        const next = () => {
          if (socket.destroyed) return;
          if (at >= bytes.length) return;
          socket.write(bytes.subarray(at, at + 1));
          at++;
          later(fault.everyMs, next);
        };
        later(fault.headDelayMs ?? 0, () => {
          if (socket.destroyed) return;
          socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${bytes.length}\r\n\r\n`);
          later(fault.everyMs, next);
        });
        return;
      }
      case 'close-after-head':
        socket.end(`HTTP/1.1 200 OK\r\nContent-Length: ${fault.declared}\r\n\r\n`);
        return;
    }
  });
  return {
    address: server.address,
    requests: server.requests,
    hits: (prefix) => server.requests.filter((r) => r.path.startsWith(prefix)),
    get connections() {
      return server.connections;
    },
    closed,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await server.close();
    },
  };
}
