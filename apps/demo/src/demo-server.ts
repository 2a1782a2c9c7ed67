import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { AccessLog } from './access-log.js';
import type { ResolvedDemoOptions } from './demo-options.js';
import { DemoError } from './errors.js';
import { renderJson } from './json-body.js';
import { applyDivergence, type JsonDivergence } from './json-divergence.js';

/** What a route answers. `json` gets `version` added, the divergence applied and httpbin's formatting. */
export interface DemoReply {
  status: number;
  headers?: Record<string, string>;
  json?: Record<string, unknown>;
  text?: string;
  /** Content type of `text`; default `text/plain; charset=utf-8`. */
  contentType?: string;
}

/** One request as a route sees it. */
export interface DemoRequest {
  readonly req: IncomingMessage;
  readonly method: string;
  /** Path without the query, not percent-decoded. */
  readonly path: string;
  /** Query string without `?` ('' when absent). */
  readonly query: string;
  /** Resolves after `ms`, or at once when the server is closing. */
  sleep(ms: number): Promise<void>;
  random(): number;
  /** The whole request body (at most 10 MiB; more answers 413). */
  readBody(): Promise<Buffer>;
}

export type DemoHandler = (request: DemoRequest) => DemoReply | Promise<DemoReply>;

/** What makes one workload: its routes and how its JSON answers differ. */
export interface DemoApp {
  readonly handler: DemoHandler;
  readonly divergence?: JsonDivergence | undefined;
  /** httpbin answers CORS headers on every response. */
  readonly cors?: boolean;
  /** Default true: JSON answers get `version`. False keeps it in the `x-demo-version` header only. */
  readonly versionField?: boolean;
  /** Called once when the server closes (to release the workload's own clients). */
  readonly onClose?: () => void;
}

export interface RunningDemoServer {
  /** `HOST:PORT` actually bound (IPv6 in brackets), ready for a sidecar's `--app`. */
  readonly address: string;
  readonly port: number;
  /** `http://HOST:PORT`. */
  readonly url: string;
  readonly accessLog: AccessLog;
  /** Requests received and not yet answered (or abandoned). */
  readonly inFlight: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const LOG_PATH = '/__log';

class BodyTooLarge extends Error {}
class ClientGone extends Error {}

/** Listens with `app`'s routes plus the shared behaviour: version header, faults, access log, `/__log`. */
export function startDemoServer(app: DemoApp, options: ResolvedDemoOptions): Promise<RunningDemoServer> {
  const { version, errorRate, extraLatencyMs, random, logger } = options;
  const accessLog = new AccessLog(options.accessLogSize);
  const sleepers = new Map<NodeJS.Timeout, () => void>();
  let closing = false;
  let inFlight = 0;
  let onDrained: (() => void) | undefined;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (closing || ms <= 0) return resolve();
      const timer = setTimeout(() => {
        sleepers.delete(timer);
        resolve();
      }, ms);
      sleepers.set(timer, resolve);
    });

  const send = (req: IncomingMessage, res: ServerResponse, reply: DemoReply): void => {
    // After close() or a client that left, nobody reads the answer: the access log keeps status 0.
    if (closing || res.destroyed || res.headersSent || res.socket?.destroyed !== false) return;
    let body: string;
    let contentType: string;
    if (reply.json) {
      const json = app.versionField === false ? { ...reply.json } : { ...reply.json, version };
      if (app.divergence) applyDivergence(json, app.divergence);
      body = renderJson(json);
      contentType = 'application/json';
    } else {
      body = reply.text ?? '';
      contentType = reply.contentType ?? 'text/plain; charset=utf-8';
    }
    const headers: Record<string, string | number> = {
      'content-type': contentType,
      'x-demo-version': version,
    };
    // 204 and 304 carry no body, and no Content-Length (RFC 9110 §8.6).
    if (reply.status !== 204 && reply.status !== 304) headers['content-length'] = Buffer.byteLength(body);
    if (app.cors) {
      headers['access-control-allow-origin'] = req.headers.origin ?? '*';
      headers['access-control-allow-credentials'] = 'true';
    }
    Object.assign(headers, reply.headers);
    res.writeHead(reply.status, headers);
    res.end(body);
  };

  const answer = async (request: DemoRequest, res: ServerResponse): Promise<void> => {
    if (extraLatencyMs > 0) await sleep(extraLatencyMs);
    if (errorRate > 0 && random() < errorRate) {
      send(request.req, res, {
        status: 500,
        headers: { 'x-demo-fault': 'error' },
        json: { error: 'injected failure', errorRate },
      });
      return;
    }
    send(request.req, res, await app.handler(request));
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const time = new Date().toISOString();
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    const method = req.method ?? 'GET';
    if (path === LOG_PATH) {
      answerLog(req, res, accessLog, q < 0 ? '' : target.slice(q + 1));
      return;
    }

    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      const requestId = req.headers['x-request-id'];
      const entry = accessLog.add({
        time,
        method,
        path: target,
        host: req.headers.host ?? '',
        status: res.writableFinished ? res.statusCode : 0,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        requestId: typeof requestId === 'string' ? requestId : null,
      });
      logger?.debug({ access: entry }, 'request');
      if (inFlight === 0) onDrained?.();
    });

    const request: DemoRequest = {
      req,
      method,
      path,
      query: q < 0 ? '' : target.slice(q + 1),
      sleep,
      random,
      readBody: () => readBody(req),
    };
    answer(request, res).catch((err: unknown) => {
      if (err instanceof ClientGone) return;
      try {
        if (err instanceof BodyTooLarge) {
          send(req, res, {
            status: 413,
            json: { error: `request body is larger than ${MAX_BODY_BYTES} bytes` },
          });
          res.once('finish', () => req.destroy());
          return;
        }
        logger?.error({ err, method, path: target }, 'demo handler failed');
        send(req, res, { status: 500, json: { error: 'internal error' } });
      } catch (sendErr) {
        logger?.error({ err: sendErr }, 'demo server could not answer');
      }
      if (!res.headersSent) res.destroy();
    });
  };

  const server = createServer(onRequest);
  return new Promise((resolve, reject) => {
    const { host, port } = options.listen;
    const bracketed = host.includes(':') ? `[${host}]` : host;
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE' ? 'is already in use' : `could not be bound (${err.code ?? err.message})`;
      reject(
        new DemoError('DEMO_ERR_LISTEN_FAILED', `listen: ${bracketed}:${port} ${why}`, 'listen', {
          cause: err,
        }),
      );
    });
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      server.on('error', (err) => logger?.error({ err }, 'demo server error'));
      const bound = (server.address() as AddressInfo).port;
      const address = `${bracketed}:${bound}`;
      logger?.info({ address, version }, 'listening');
      resolve({
        address,
        port: bound,
        url: `http://${address}`,
        accessLog,
        get inFlight() {
          return inFlight;
        },
        close: () => {
          if (!closing) app.onClose?.();
          closing = true;
          for (const [timer, wake] of sleepers) {
            clearTimeout(timer);
            wake();
          }
          sleepers.clear();
          // Resolves once the listener is closed and every abandoned request is in the access log.
          const drained = new Promise<void>((done) => {
            onDrained = done;
            if (inFlight === 0) done();
          });
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeAllConnections();
          return Promise.all([closed, drained]).then(() => undefined);
        },
      });
    });
  });
}

function answerLog(req: IncomingMessage, res: ServerResponse, log: AccessLog, query: string): void {
  const sinceText = new URLSearchParams(query).get('since');
  const since = sinceText === null ? 0 : Number(sinceText);
  let status = 200;
  let body: unknown;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    status = 405;
    body = { error: 'only GET reads the access log' };
  } else if (!Number.isInteger(since) || since < 0) {
    status = 400;
    body = { error: `since: must be a non-negative integer, got "${sinceText}"` };
  } else {
    body = { total: log.total, entries: log.entries(since) };
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('close', () => {
      if (!req.complete) reject(new ClientGone());
    });
    req.once('error', () => reject(new ClientGone()));
  });
}
