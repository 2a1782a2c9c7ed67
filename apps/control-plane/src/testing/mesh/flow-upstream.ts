// An in-process upstream for flow tests, on 127.0.0.1: one version of a service whose answers can
// differ from another version's on one JSON field. Paths:
//   /json       {"service", "answer": <answer>, "uuid": <random>}   (uuid differs on every answer)
//   /echo-host  {"host": <the Host header>, "path"}                  (a shadow copy echoes httpbin-shadow)
//   /headers    {"headers": <the request headers>}                   (echoes secrets: redaction must hide them)
// Anything else answers 404.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlowUpstream {
  /** `127.0.0.1:PORT`. */
  address: string;
  /** Requests answered. */
  served: number;
  close(): Promise<void>;
}

export interface FlowUpstreamOptions {
  /** The `answer` field of /json. */
  answer: string;
  /** A `set-cookie` value sent with /headers (to check it is redacted). */
  setCookie?: string;
}

export async function startFlowUpstream(options: FlowUpstreamOptions): Promise<FlowUpstream> {
  const upstream: FlowUpstream = { address: '', served: 0, close: async () => {} };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.once('end', () => {
      upstream.served++;
      const path = (req.url ?? '/').split('?')[0];
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        const body = JSON.stringify(value);
        res.writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        });
        res.end(body);
      };
      if (path === '/json')
        return json(200, { service: 'httpbin', answer: options.answer, uuid: randomUUID() });
      if (path === '/echo-host') return json(200, { host: req.headers.host ?? null, path });
      if (path === '/headers') {
        return json(
          200,
          { headers: req.headers },
          options.setCookie ? { 'set-cookie': options.setCookie } : {},
        );
      }
      return json(404, { error: 'not found' });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return upstream;
}
