import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { kindInfo } from '@shadowmesh/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { ControlPlaneApi } from './control-plane-api.js';

// A server that is not a Shadowmesh control plane (a wrong --server): 200 with HTML or text.
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/api/v1/proxy-status')) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    } else if (req.url?.startsWith('/api/v1/history')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items": [');
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Welcome</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('ControlPlaneApi against a server that is not a control plane', () => {
  const api = () => new ControlPlaneApi({ server: base, token: null });
  const info = kindInfo('VirtualService');

  it.each([
    ['apply', () => api().apply('kind: Service', { dryRun: false }), 'POST /api/v1/apply'],
    ['list', () => api().list(info, { namespace: null }), 'GET /api/v1/virtualservices'],
    ['get', () => api().get(info, 'default', 'x'), 'GET /api/v1/namespaces/default/virtualservices/x'],
    ['analyze', () => api().analyze(), 'GET /api/v1/analyze'],
    ['proxy-status (text)', () => api().proxyStatus(), 'GET /api/v1/proxy-status'],
    ['history (broken JSON)', () => api().history({}), 'GET /api/v1/history'],
    ['rollback', () => api().rollback(3, { dryRun: true }), 'POST /api/v1/rollback'],
  ])('%s: a clear error naming the endpoint, not an empty answer', async (_name, call, endpoint) => {
    const error = await call().then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe(
      `${base} answered ${endpoint} without JSON: is it a Shadowmesh control plane? (check --server)`,
    );
  });
});
