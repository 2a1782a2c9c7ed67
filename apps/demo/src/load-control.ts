// The load generator's control endpoint: `GET /rate`, `PUT /rate`, `GET /stats` (JSON), for the CLI and,
// later, the dashboard. A browser may call it only from `corsOrigin`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseListen } from './demo-options.js';
import { DemoError } from './errors.js';

/** What the endpoint reads and sets: a LoadGenerator is one. */
export interface RateControl {
  readonly rate: number;
  /** Throws a DemoError (which names the field) for a rate it refuses. */
  setRate(rate: number): void;
  /** Sent as JSON by `GET /stats`. */
  stats(): object;
}

export interface LoadControlServer {
  /** `HOST:PORT` as bound. */
  readonly address: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024;

export function startLoadControl(
  generator: RateControl,
  listen: string,
  corsOrigin?: string,
): Promise<LoadControlServer> {
  const { host, port } = parseListen(listen, 'admin');
  const reply = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown) => {
    const text = `${JSON.stringify(body)}\n`;
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
    };
    if (corsOrigin !== undefined && req.headers.origin === corsOrigin) {
      headers['access-control-allow-origin'] = corsOrigin;
      headers.vary = 'Origin';
    }
    res.writeHead(status, headers);
    res.end(text);
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS' && corsOrigin !== undefined && req.headers.origin === corsOrigin) {
      res.writeHead(204, {
        'access-control-allow-origin': corsOrigin,
        'access-control-allow-methods': 'GET, PUT',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
        vary: 'Origin',
      });
      res.end();
      return;
    }
    if (path === '/stats' && req.method === 'GET') return reply(req, res, 200, generator.stats());
    if (path !== '/rate') return reply(req, res, 404, { error: 'not found: try GET/PUT /rate, GET /stats' });
    if (req.method === 'GET') return reply(req, res, 200, { rate: generator.rate });
    if (req.method !== 'PUT') return reply(req, res, 405, { error: 'only GET and PUT /rate' });
    readSmallBody(req).then(
      (text) => {
        try {
          generator.setRate(rateFromBody(text));
          reply(req, res, 200, { rate: generator.rate });
        } catch (err) {
          const bad = err instanceof DemoError;
          reply(req, res, bad ? 400 : 500, { error: bad ? err.message : 'internal error' });
        }
      },
      () => reply(req, res, 413, { error: `body larger than ${MAX_BODY} bytes` }),
    );
  });

  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new DemoError('DEMO_ERR_LISTEN_FAILED', `admin: ${listen} ${err.code ?? err.message}`, 'admin')),
    );
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      server.on('error', () => undefined);
      const bound = (server.address() as AddressInfo).port;
      const address = `${host.includes(':') ? `[${host}]` : host}:${bound}`;
      resolve({
        address,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** `{"rate": 20}` or a bare number; anything else names the field `rate`. */
function rateFromBody(text: string): number {
  let value: unknown = text.trim();
  try {
    value = JSON.parse(text);
  } catch {
    // A bare number as text is taken as is.
  }
  if (typeof value === 'object' && value !== null) value = (value as { rate?: unknown }).rate;
  return value as number;
}

function readSmallBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.removeAllListeners('data');
        req.resume();
        reject(new Error('too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}
