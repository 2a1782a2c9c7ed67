// No spelling of a route's path reaches it without a token: every route Fastify registered, times a
// table of spellings a router, a proxy or an old check might read differently, sent over raw sockets
// (an HTTP client would normalise some of them away). Bound beyond loopback, so reads need a token too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange, statusOf } from '../testing/raw-http.js';
import { type TestApp, tempDir, testApp } from '../testing/test-app.js';
import type { RouteAuth } from './auth.js';

/** Routes anyone may call: changing this list is a security decision, made here on purpose. */
const PUBLIC_ROUTES = [
  'GET /*',
  'GET /api/v1/session',
  'GET /api/v1/version',
  'GET /healthz',
  'GET /login',
  'HEAD /*',
  'HEAD /api/v1/session',
  'HEAD /api/v1/version',
  'HEAD /healthz',
  'HEAD /login',
  'POST /api/v1/session/logout',
];

interface Spelling {
  name: string;
  target(path: string, port: number): string;
  /** Refused by the request-target check (400) rather than by routing or auth. */
  refused?: boolean;
}

const encodeAll = (segment: string, hex: (c: number) => string) =>
  [...Buffer.from(segment)].map((c) => `%${hex(c)}`).join('');
const upper = (c: number) => c.toString(16).toUpperCase().padStart(2, '0');
const lower = (c: number) => c.toString(16).padStart(2, '0');
const mapSegments = (path: string, fn: (s: string, i: number) => string) =>
  path
    .split('/')
    .map((s, i) => (i === 0 ? s : fn(s, i)))
    .join('/');
const firstSegment = (path: string) => path.split('/')[1] as string;
const afterFirst = (path: string) => path.slice(firstSegment(path).length + 1);

const SPELLINGS: Spelling[] = [
  { name: 'as registered', target: (p) => p },
  { name: 'first letter percent-encoded (%61pi)', target: (p) => mapSegments(p, (s) => encodeFirst(s)) },
  { name: 'every byte percent-encoded', target: (p) => mapSegments(p, (s) => encodeAll(s, upper)) },
  { name: 'lower-case hex', target: (p) => mapSegments(p, (s) => encodeAll(s, lower)) },
  {
    name: 'double-encoded (%2561)',
    target: (p) => mapSegments(p, (s) => encodeFirst(s).replace('%', '%25')),
  },
  { name: 'query string', target: (p) => `${p}?a=1` },
  { name: 'empty query', target: (p) => `${p}?` },
  { name: 'upper case', target: (p) => p.toUpperCase() },
  { name: 'upper-case first segment', target: (p) => `/${firstSegment(p).toUpperCase()}${afterFirst(p)}` },
  { name: 'trailing slash', target: (p) => `${p}/` },
  { name: 'trailing ;', target: (p) => `${p};` },
  { name: 'trailing ;param', target: (p) => `${p};x=1` },
  { name: '; in the first segment', target: (p) => `/${firstSegment(p)};${afterFirst(p)}` },
  { name: 'trailing %20', target: (p) => `${p}%20` },
  { name: 'trailing %00', target: (p) => `${p}%00`, refused: true },
  { name: 'separator %2F', target: (p) => p.replace(/\/(?=[^/]*$)/, '%2F'), refused: true },
  { name: 'separator %2f', target: (p) => p.replace(/\/(?=[^/]*$)/, '%2f'), refused: true },
  { name: 'separator %5C', target: (p) => p.replace(/\/(?=[^/]*$)/, '%5C'), refused: true },
  { name: 'backslash', target: (p) => p.replace(/\/(?=[^/]*$)/, '\\'), refused: true },
  { name: 'leading //', target: (p) => `/${p}`, refused: true },
  { name: 'inner //', target: (p) => p.replace(/\/(?=[^/]*$)/, '//'), refused: true },
  { name: 'x/.. before', target: (p) => `/x/..${p}`, refused: true },
  { name: '%2e%2e before', target: (p) => `/x/%2e%2e${p}`, refused: true },
  { name: '.%2E before', target: (p) => `/x/.%2E${p}`, refused: true },
  { name: '/. before', target: (p) => `/.${p}`, refused: true },
  { name: '.. inside', target: (p) => `/${firstSegment(p)}/x/..${afterFirst(p)}`, refused: true },
  { name: 'fragment', target: (p) => `${p}#x`, refused: true },
  { name: 'absolute-form', target: (p, port) => `http://127.0.0.1:${port}${p}`, refused: true },
  {
    name: 'absolute-form, encoded',
    target: (p, port) => `http://127.0.0.1:${port}${encodeFirstPath(p)}`,
    refused: true,
  },
  { name: 'asterisk-form', target: () => '*', refused: true },
];

function encodeFirst(segment: string): string {
  if (segment === '') return segment;
  return `%${upper(segment.charCodeAt(0))}${segment.slice(1)}`;
}

function encodeFirstPath(path: string): string {
  return `/${encodeFirst(firstSegment(path))}${afterFirst(path)}`;
}

/** A concrete path for a route pattern (`:namespace` ⇒ default, other params ⇒ x). */
function concretePath(url: string): string {
  return url.replace(/:namespace/g, 'default').replace(/:[A-Za-z]+/g, 'x');
}

function requestText(route: RouteAuth, target: string, token: string | null): string {
  const lines = [`${route.method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  if (token !== null) lines.push(`Authorization: Bearer ${token}`);
  if (route.websocket) {
    lines.push('Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13');
    lines.push('Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==');
  }
  const body = route.method === 'GET' || route.method === 'HEAD' || route.method === 'DELETE' ? '' : '{}';
  if (body !== '') lines.push('Content-Type: application/json', `Content-Length: ${body.length}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

describe('authorization is decided by the matched route, whatever the spelling', () => {
  let t: TestApp;
  let port: number;
  let token: string;
  const dashboard = tempDir('shadowmesh-dashboard-');

  beforeAll(async () => {
    writeFileSync(join(dashboard.path, 'index.html'), '<!doctype html><title>dashboard</title>');
    // Bound beyond loopback in its config (reads need a token too); listening on loopback only.
    t = await testApp({ auth: 'token', listen: '0.0.0.0:0', dashboardDir: dashboard.path });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as { port: number }).port;
    token = t.app.services.auth.token as string;
  });
  afterAll(async () => {
    await t.close();
    dashboard.remove();
  });

  it('lists the public routes on purpose; every other route needs a token', () => {
    const routes = t.app.routeAuth;
    expect(routes.length).toBeGreaterThan(40);
    const open = routes.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.url}`);
    expect([...new Set(open)].sort()).toEqual(PUBLIC_ROUTES);
    // Other methods need a write credential, but for analyze: a dry run that changes nothing.
    const readOnlyPosts = routes.filter((r) => !['GET', 'HEAD'].includes(r.method) && r.auth === 'read');
    expect(readOnlyPosts.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/analyze']);
    expect(routes.find((r) => r.url === '/api/v1/proxies/connect')).toMatchObject({
      auth: 'write',
      websocket: true,
    });
  });

  it('reaches no protected route without a token, by any spelling (HTTP and WebSocket upgrades)', async () => {
    const revision = t.app.services.store.headRevision;
    const protectedRoutes = t.app.routeAuth.filter((r) => r.auth !== 'public');
    const reached: string[] = [];
    let sent = 0;
    for (const route of protectedRoutes) {
      const path = concretePath(route.url);
      for (const spelling of SPELLINGS) {
        const target = spelling.target(path, port);
        const status = statusOf(await rawExchange(port, requestText(route, target, null)));
        sent++;
        const expected = spelling.refused
          ? [400]
          : spelling.name === 'as registered'
            ? [401]
            : [400, 401, 404];
        if (!expected.includes(status))
          reached.push(`${route.method} ${target} (${spelling.name}) → ${status}`);
      }
    }
    expect(reached).toEqual([]);
    expect(sent).toBe(protectedRoutes.length * SPELLINGS.length);
    expect(t.app.services.store.headRevision).toBe(revision);
  });

  it('answers the registered spelling with a token (the paths above are real routes)', async () => {
    for (const route of t.app.routeAuth.filter((r) => r.auth !== 'public')) {
      const response = await rawExchange(port, requestText(route, concretePath(route.url), token));
      expect([route.url, statusOf(response)]).not.toEqual([route.url, 401]);
    }
  });

  it('refuses a percent-encoded write with 401 and changes nothing (the reported bypass)', async () => {
    const apply = { method: 'POST', url: '/api/v1/apply', auth: 'write', websocket: false } as const;
    const response = await rawExchange(port, requestText(apply, '/%61pi/v1/apply', null));
    expect(statusOf(response)).toBe(401);
    expect(response).toContain('"code":"CP_ERR_UNAUTHORIZED"');
    const refused = await rawExchange(port, requestText(apply, '/api/v1%2Fapply', null));
    expect(statusOf(refused)).toBe(400);
    expect(refused).toContain('"field":"url"');
  });
});
