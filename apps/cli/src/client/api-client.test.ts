import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './api-client.js';
import { ApiError, ConnectionError, describeError } from './cli-error.js';
import { resolveClientSettings } from './client-options.js';
import { captureIO } from './testing/capture-io.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/ok')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body }));
      } else if (req.url === '/invalid') {
        res.writeHead(422, { 'content-type': 'application/json; charset=utf-8' }).end(
          JSON.stringify({
            code: 'CP_ERR_VALIDATION',
            message: 'VirtualService default/x is invalid',
            details: { fields: [{ field: 'spec.http[0].route[0].weight', message: 'must be >= 0' }] },
          }),
        );
      } else if (req.url === '/auth') {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(
            JSON.stringify({ code: 'CP_ERR_UNAUTHORIZED', message: 'Authentication required', details: {} }),
          );
      } else {
        res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('ApiClient', () => {
  it('sends the token, the client header and JSON, and parses JSON answers', async () => {
    const client = new ApiClient({ server: base, token: 'secret-token-0123456789' });
    const answer = await client.request<{ echo: string }>('POST', '/ok', {
      json: { a: 1 },
      query: { dryRun: true },
    });
    expect(answer).toEqual({ echo: '{"a":1}' });
    const req = seen.at(-1)!;
    expect(req.url).toBe('/ok?dryRun=true');
    expect(req.headers.authorization).toBe('Bearer secret-token-0123456789');
    expect(req.headers['x-shadowmesh-client']).toBe('cli');
    expect(req.headers['content-type']).toBe('application/json');
  });

  it('sends no Authorization header without a token', async () => {
    await new ApiClient({ server: base, token: null }).request('GET', '/ok');
    expect(seen.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('turns an error body into an ApiError that prints the field path', async () => {
    const err = await new ApiClient({ server: base, token: null }).request('GET', '/invalid').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, code: 'CP_ERR_VALIDATION' });
    expect(describeError(err)).toEqual([
      'Error from server (CP_ERR_VALIDATION): VirtualService default/x is invalid',
      '  spec.http[0].route[0].weight: must be >= 0',
    ]);
  });

  it('adds a hint on where the token comes from to 401s', async () => {
    const err = await new ApiClient({ server: base, token: null }).request('GET', '/auth').catch((e) => e);
    expect(String((err as Error).message)).toMatch(/--token.*SHADOWMESH_TOKEN/);
  });

  it('keeps a non-JSON error readable', async () => {
    const err = await new ApiClient({ server: base, token: null }).request('GET', '/other').catch((e) => e);
    expect(err).toMatchObject({ status: 502, code: 'HTTP_502', message: '<h1>Bad gateway</h1>' });
  });

  it('says in one line that a control plane that is down cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `http://127.0.0.1:${port}`;
    const err = await new ApiClient({ server: url, token: null })
      .request('GET', '/api/v1/version')
      .catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(describeError(err)).toEqual([
      `error: cannot reach the control plane at ${url}: connection refused`,
    ]);
  });
});

describe('resolveClientSettings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shadowmesh-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const io = (env: Record<string, string>) => captureIO({ env, cwd: dir });

  it('takes --token first, then SHADOWMESH_TOKEN, then <data>/token', () => {
    writeFileSync(join(dir, 'token'), 'from-file-token-0123456789\n');
    expect(resolveClientSettings({ token: 'flag', data: '.' }, io({ SHADOWMESH_TOKEN: 'env' })).token).toBe(
      'flag',
    );
    expect(resolveClientSettings({ data: '.' }, io({ SHADOWMESH_TOKEN: 'env' })).token).toBe('env');
    expect(resolveClientSettings({ data: '.' }, io({}))).toMatchObject({
      token: 'from-file-token-0123456789',
      tokenSource: 'file',
    });
    expect(resolveClientSettings({ data: 'nowhere' }, io({}))).toMatchObject({
      token: null,
      tokenSource: 'none',
    });
  });

  it('defaults the server and checks it is an http URL', () => {
    expect(resolveClientSettings({}, io({})).server).toBe('http://127.0.0.1:20001');
    expect(resolveClientSettings({ server: 'http://h:1/' }, io({})).server).toBe('http://h:1');
    expect(() => resolveClientSettings({ server: 'ftp://h' }, io({}))).toThrow(/http/);
    expect(() => resolveClientSettings({ server: 'nope' }, io({}))).toThrow(/--server must be a URL/);
  });
});
