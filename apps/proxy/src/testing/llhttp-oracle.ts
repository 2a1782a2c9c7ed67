// Node's own HTTP/1.1 parser (llhttp) as an oracle for response framing, read the honest way: a real
// node:http client (`agent: false`, one connection per answer) against one raw loopback server that writes
// the answer's pieces one event-loop turn apart. Where the answer ends is observed, not guessed: once every
// byte has reached the client, the response is either complete already (self-delimited) or the server
// closes the connection, and the response then ends (until close), aborts (incomplete), or was refused.
import type { ClientRequest, IncomingMessage } from 'node:http';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import type { RawServer } from './raw-server.js';
import { startRawServer, writePieces } from './raw-server.js';

export type FramingOutcome = 'complete' | 'until-close' | 'incomplete' | 'error';

export interface NodeVerdict {
  outcome: FramingOutcome;
  /** The final status (0 when no final head was read). */
  status: number;
  body: Buffer;
  /** llhttp's keep-alive verdict (the request asked for keep-alive). */
  keepAlive: boolean;
  /** The parser's error code (`HPE_…`) for `error`. */
  code: string | null;
}

export interface OracleAnswer {
  method: string;
  pieces: readonly Buffer[];
}

export class LlhttpOracle {
  private readonly answers = new Map<string, OracleAnswer>();
  private readonly sockets = new Map<string, Socket>();
  private next = 0;

  private constructor(private readonly server: RawServer) {}

  static async start(): Promise<LlhttpOracle> {
    let oracle: LlhttpOracle | null = null;
    const server = await startRawServer((req, socket) => oracle?.answer(req.path, socket));
    oracle = new LlhttpOracle(server);
    return oracle;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** How node:http reads `answer`. */
  read(answer: OracleAnswer): Promise<NodeVerdict> {
    const path = `/${this.next++}`;
    this.answers.set(path, answer);
    const total = answer.pieces.reduce((n, p) => n + p.length, 0);
    const [host, port] = this.server.address.split(':');
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let res: IncomingMessage | null = null;
      let completeBeforeClose = false;
      let ended = false;
      let code: string | null = null;
      let socketClosed = false;
      let resClosed = false;
      const req: ClientRequest = request({
        host,
        port: Number(port),
        path,
        method: answer.method,
        agent: false,
        headers: { connection: 'keep-alive' },
      });
      // Settled once the connection is gone and the response (if any) closed: errors about bytes after
      // a complete response come before the former.
      const settle = () => {
        if (!socketClosed || (res !== null && !resClosed) || !this.answers.has(path)) return;
        this.answers.delete(path);
        this.sockets.delete(path);
        const outcome: FramingOutcome =
          code?.startsWith('HPE_') === true
            ? 'error'
            : ended
              ? completeBeforeClose
                ? 'complete'
                : 'until-close'
              : 'incomplete';
        const status = res?.statusCode ?? 0;
        resolve({ outcome, status, body: Buffer.concat(chunks), keepAlive: req.shouldKeepAlive, code });
      };
      req.on('socket', (socket) => {
        socket.on('close', () => {
          socketClosed = true;
          settle();
        });
        let received = 0;
        // Registered after node:http's own listener: by the next turn, llhttp has parsed every byte read.
        socket.on('data', (c: Buffer) => {
          received += c.length;
          if (received < total) return;
          setImmediate(() => {
            completeBeforeClose = res?.complete === true && code === null;
            this.sockets.get(path)?.end();
          });
        });
      });
      req.on('response', (r) => {
        res = r;
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => {
          ended = true;
        });
        r.on('error', () => {});
        r.on('close', () => {
          resClosed = true;
          settle();
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        code ??= err.code ?? 'ERR';
      });
      req.end();
    });
  }

  private answer(path: string, socket: Socket): void {
    const answer = this.answers.get(path);
    if (answer === undefined) {
      socket.destroy();
      return;
    }
    this.sockets.set(path, socket);
    writePieces(socket, answer.pieces);
  }
}
