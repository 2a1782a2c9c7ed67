// Requests for tests: through a proxy in absolute form (as curl with HTTP_PROXY) or directly.

import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { type Agent, request } from 'node:http';
import { splitAuthority } from '../host-port.js';

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface TestRequestOptions {
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer | string;
  agent?: Agent | false;
}

/** Sends `url` (absolute, `http://httpbin:8000/headers`) to the proxy at `proxy` (`host:port`). */
export function viaProxy(
  proxy: string,
  url: string,
  options: TestRequestOptions = {},
): Promise<TestResponse> {
  const { host, port } = splitAuthority(proxy);
  return send(host, port ?? 80, url, options);
}

/** Sends an origin-form request (`/path`) to `address` with the given Host header. */
export function direct(
  address: string,
  path: string,
  options: TestRequestOptions = {},
): Promise<TestResponse> {
  const { host, port } = splitAuthority(address);
  return send(host, port ?? 80, path, options);
}

function send(host: string, port: number, path: string, options: TestRequestOptions): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Polls `probe` every 10 ms until it returns a truthy value; fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 5_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
