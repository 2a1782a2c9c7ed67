// How a demo workload calls the next service: plain HTTP/1.1, through the workload's sidecar outbound
// listener when one is given (absolute-form request targets, as curl sends with `http_proxy`), with the
// trace headers an Istio application must propagate.
import { Agent, type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http';
import { invalidOption } from './errors.js';

export interface UpstreamClientOptions {
  /** Base URL of the service called, as the mesh names it: `http://back`, `http://store:8080`. */
  base: string;
  /** HTTP proxy the calls go through (a sidecar's outbound listener); absent ⇒ straight to `base`. */
  proxy?: string | undefined;
  /** Per call, from sending to the whole answer. Default 10 s. */
  timeoutMs?: number;
  /** Keep-alive connections at most. Default 64. */
  maxSockets?: number;
}

export interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface UpstreamClient {
  /** GETs `path` (with query) on the base, forwarding the trace headers found in `incoming`. */
  get(path: string, incoming?: IncomingHttpHeaders): Promise<UpstreamAnswer>;
  close(): void;
}

/** Istio's list of headers an application forwards so a trace spans the services it calls. */
export const TRACE_HEADERS = [
  'x-request-id',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'b3',
  'traceparent',
  'tracestate',
] as const;

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** Validates `base` and `proxy` (errors name the option) and returns a keep-alive client. */
export function createUpstreamClient(options: UpstreamClientOptions, field = 'upstream'): UpstreamClient {
  const base = httpUrl(options.base, field);
  const proxy = options.proxy === undefined || options.proxy === '' ? null : httpUrl(options.proxy, 'proxy');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  const via = proxy ?? base;
  const prefix = base.pathname.replace(/\/+$/, '');

  return {
    get: (path, incoming = {}) =>
      new Promise((resolve, reject) => {
        const headers: Record<string, string> = { host: base.host };
        for (const name of TRACE_HEADERS) {
          const value = incoming[name];
          if (typeof value === 'string') headers[name] = value;
        }
        const target = `${prefix}${path.startsWith('/') ? path : `/${path}`}`;
        const req = request(
          {
            host: via.hostname.replace(/^\[|\]$/g, ''),
            port: via.port || 80,
            method: 'GET',
            path: proxy ? `${base.protocol}//${base.host}${target}` : target,
            headers,
            agent,
          },
          (res) => readAnswer(res).then(resolve, reject),
        );
        req.setTimeout(timeoutMs, () =>
          req.destroy(new Error(`no answer from ${base.host} in ${timeoutMs} ms`)),
        );
        req.on('error', reject);
        req.end();
      }),
    close: () => agent.destroy(),
  };
}

function readAnswer(res: IncomingMessage): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) {
        res.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.once('end', () =>
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
    );
    res.on('error', reject);
  });
}

function httpUrl(value: unknown, field: string): URL {
  if (typeof value !== 'string') throw invalidOption(field, 'must be an http:// URL');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidOption(field, `must be an http:// URL such as http://back, got "${value}"`);
  }
  if (url.protocol !== 'http:') throw invalidOption(field, `must be an http:// URL, got "${value}"`);
  return url;
}
