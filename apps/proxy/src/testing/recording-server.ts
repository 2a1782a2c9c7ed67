// A loopback HTTP server for tests: records every request (headers, body hash, whether the body
// arrived complete) and answers with the given behaviour (echo by default).
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: number;
  sha256: string;
  /** The body arrived complete (false when the sender reset it mid-way). */
  complete: boolean;
  /** Set once the body has ended or broken off: `bytes`, `sha256` and `complete` are final from then on. */
  settled: boolean;
}

export type Behaviour = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => void;

export interface RecordingServer {
  address: string;
  port: number;
  /** Every request, from the moment its headers arrived (wait for `settled` before reading the body fields). */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Answers 200 with a JSON echo once the body is complete. */
export const echo: Behaviour = (req, res, recorded) => {
  req.on('end', () => {
    const body = JSON.stringify({
      method: req.method,
      url: req.url,
      headers: req.headers,
      sha256: recorded.sha256,
      bytes: recorded.bytes,
    });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
};

/** Reads the body, never answers. */
export const hang: Behaviour = () => {};

/** Answers with `status` and a short body once the request body is complete. */
export function answer(status: number, body = `status ${status}\n`): Behaviour {
  return (req, res) => {
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  };
}

export async function startRecordingServer(behaviour: Behaviour = echo): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const hash = createHash('sha256');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      bytes: 0,
      sha256: '',
      complete: false,
      settled: false,
    };
    req.on('data', (chunk: Buffer) => {
      recorded.bytes += chunk.length;
      hash.update(chunk);
    });
    requests.push(recorded);
    req.on('end', () => {
      recorded.sha256 = hash.digest('hex');
      recorded.complete = true;
      recorded.settled = true;
    });
    req.on('error', () => {});
    req.on('close', () => {
      recorded.settled = true;
    });
    res.on('error', () => {});
    behaviour(req, res, recorded);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
