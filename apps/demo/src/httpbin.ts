import { randomUUID } from 'node:crypto';
import { type DemoServerOptions, resolveDemoOptions } from './demo-options.js';
import { type DemoReply, type DemoRequest, type RunningDemoServer, startDemoServer } from './demo-server.js';
import { invalidOption } from './errors.js';
import { parseEchoBody } from './httpbin-body.js';
import { indexPage, slideshow } from './httpbin-documents.js';
import { echoHeaders, origin, requestUrl, semiFlatten } from './httpbin-request.js';
import { statusReply } from './httpbin-status.js';
import { parseDivergeField } from './json-divergence.js';

export interface HttpbinOptions extends DemoServerOptions {
  /** `name=value`: every JSON answer gets that field set (dotted names reach into objects). */
  divergeField?: string;
  /**
   * Default true: `headers` shows Host as received (`httpbin-shadow:8000` for a mirrored copy). False
   * leaves Host out and builds `url` with host `localhost`, so versions answer alike whatever Host arrived.
   */
  echoHostHeader?: boolean;
}

type EchoField = 'url' | 'args' | 'form' | 'data' | 'origin' | 'headers' | 'files' | 'json' | 'method';
type Route = (request: DemoRequest) => DemoReply | Promise<DemoReply>;

const ANY = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE'] as const;
const READ = ['GET', 'HEAD'] as const;
const BODY_FIELDS: readonly EchoField[] = [
  'url',
  'args',
  'form',
  'data',
  'origin',
  'headers',
  'files',
  'json',
];
const ANYTHING_FIELDS: readonly EchoField[] = [...BODY_FIELDS, 'method'];
const DELAY_FIELDS: readonly EchoField[] = ['url', 'args', 'form', 'data', 'origin', 'headers', 'files'];
const MAX_DELAY_S = 10;

/** Starts an httpbin-compatible service (see README for the endpoints and where it differs). */
export async function startHttpbin(options: HttpbinOptions): Promise<RunningDemoServer> {
  const resolved = resolveDemoOptions(options);
  const divergence = options.divergeField === undefined ? undefined : parseDivergeField(options.divergeField);
  const echoHost = options.echoHostHeader ?? true;
  if (typeof echoHost !== 'boolean') throw invalidOption('echoHostHeader', 'must be true or false');

  const describe = async (request: DemoRequest, fields: readonly EchoField[]): Promise<DemoReply> => {
    const { req } = request;
    const args = new URLSearchParams(request.query);
    const all: Partial<Record<EchoField, unknown>> = {
      url: requestUrl(req, echoHost ? (req.headers.host ?? '') : 'localhost'),
      args: semiFlatten(args),
      origin: origin(req),
      headers: echoHeaders(req, { showEnv: args.has('show_env'), includeHost: echoHost }),
      method: request.method,
    };
    if (fields.includes('data'))
      Object.assign(all, await parseEchoBody(await request.readBody(), req.headers['content-type']));
    const json: Record<string, unknown> = {};
    for (const field of fields) json[field] = all[field];
    return { status: 200, json };
  };

  const exact = new Map<string, { methods: readonly string[]; route: Route }>([
    [
      '/',
      {
        methods: READ,
        route: () => ({
          status: 200,
          text: indexPage(resolved.version),
          contentType: 'text/html; charset=utf-8',
        }),
      },
    ],
    ['/headers', { methods: READ, route: (r) => describe(r, ['headers']) }],
    ['/get', { methods: READ, route: (r) => describe(r, ['url', 'args', 'headers', 'origin']) }],
    ['/post', { methods: ['POST'], route: (r) => describe(r, BODY_FIELDS) }],
    ['/put', { methods: ['PUT'], route: (r) => describe(r, BODY_FIELDS) }],
    ['/patch', { methods: ['PATCH'], route: (r) => describe(r, BODY_FIELDS) }],
    ['/delete', { methods: ['DELETE'], route: (r) => describe(r, BODY_FIELDS) }],
    ['/anything', { methods: ANY, route: (r) => describe(r, ANYTHING_FIELDS) }],
    ['/uuid', { methods: READ, route: () => ({ status: 200, json: { uuid: randomUUID() } }) }],
    ['/ip', { methods: READ, route: (r) => ({ status: 200, json: { origin: origin(r.req) } }) }],
    ['/json', { methods: READ, route: () => ({ status: 200, json: slideshow() }) }],
  ]);

  const prefixed = (path: string): { methods: readonly string[]; route: Route } | undefined => {
    if (path.startsWith('/anything/')) return exact.get('/anything');
    if (path.startsWith('/status/') && path.length > 8) {
      return { methods: ANY, route: (r) => statusReply(path.slice(8), r.random) };
    }
    if (path.startsWith('/delay/') && path.length > 7) {
      const seconds = Number(path.slice(7));
      if (!Number.isFinite(seconds) || seconds < 0) {
        return {
          methods: ANY,
          route: () => ({ status: 400, json: { error: `delay: expected seconds, got "${path.slice(7)}"` } }),
        };
      }
      return {
        methods: ANY,
        route: async (r) => {
          await r.sleep(Math.min(seconds, MAX_DELAY_S) * 1000);
          return describe(r, DELAY_FIELDS);
        },
      };
    }
    return undefined;
  };

  return startDemoServer(
    {
      cors: true,
      divergence,
      handler: (request) => {
        const found = exact.get(request.path) ?? prefixed(request.path);
        if (!found) return { status: 404, json: { error: 'not found', path: request.path } };
        if (request.method === 'OPTIONS') return preflight(request, found.methods);
        if (!found.methods.includes(request.method)) {
          return {
            status: 405,
            headers: { allow: allowHeader(found.methods) },
            json: { error: 'method not allowed', method: request.method, path: request.path },
          };
        }
        return found.route(request);
      },
    },
    resolved,
  );
}

function allowHeader(methods: readonly string[]): string {
  return [...methods, 'OPTIONS'].join(', ');
}

/** Flask answers OPTIONS itself; httpbin adds the CORS preflight headers. */
function preflight(request: DemoRequest, methods: readonly string[]): DemoReply {
  const headers: Record<string, string> = {
    allow: allowHeader(methods),
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
    'access-control-max-age': '3600',
  };
  const asked = request.req.headers['access-control-request-headers'];
  if (typeof asked === 'string') headers['access-control-allow-headers'] = asked;
  return { status: 200, headers, text: '', contentType: 'text/html; charset=utf-8' };
}
