// Reads the control plane's settings once, validates them and returns a frozen object.
import { isAbsolute, resolve } from 'node:path';
import { cpError } from './errors.js';
import { DEFAULT_HISTORY_REVISIONS, MIN_HISTORY_REVISIONS } from './services/store/history-retention.js';

export type AuthMode = 'token' | 'none';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const DEFAULT_LISTEN = '127.0.0.1:20001';
export const DEFAULT_DATA_DIR = '.shadowmesh';
/** Largest request body accepted (apply of many documents fits easily); larger ⇒ 413. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface ControlPlaneConfigInput {
  /** `HOST:PORT` (IPv6 as `[::1]:20001`) or a bare port. */
  listen?: string;
  /** Data directory; relative paths resolve against the working directory. */
  data?: string;
  auth?: AuthMode;
  /** Built dashboard directory; null or absent ⇒ API only. */
  dashboardDir?: string | null;
  logLevel?: string;
  /** A fixed API token (otherwise one is generated on first start and kept in `<data>/token`). */
  token?: string;
  bodyLimit?: number;
  /** Revisions the history keeps (`--history-revisions`, SHADOWMESH_HISTORY_REVISIONS); default 10,000. */
  historyRevisions?: number | string;
  /**
   * Base URL of the demo load generator's control endpoint (`http://127.0.0.1:PORT`, serving GET/PUT
   * `/rate` and GET `/stats`), set by `shadowmesh demo`; absent ⇒ `/api/v1/demo/load` answers 404.
   */
  demoLoadUrl?: string | null;
  /**
   * Base URL of a Prometheus that scrapes the mesh's `istio_*` metrics (`--prometheus`,
   * SHADOWMESH_PROMETHEUS_URL); set ⇒ `GET /api/v1/graph` is built from it, as Kiali's is.
   */
  prometheusUrl?: string | null;
}

export interface ControlPlaneConfig {
  readonly host: string;
  readonly port: number;
  /** True when `host` is a loopback address: reads are then allowed without a token. */
  readonly loopback: boolean;
  readonly dataDir: string;
  readonly auth: AuthMode;
  readonly dashboardDir: string | null;
  readonly logLevel: LogLevel;
  readonly token: string | null;
  readonly bodyLimit: number;
  /** Revisions the history keeps; older ones are pruned (services/store/history-retention.ts). */
  readonly historyRevisions: number;
  /** The demo load generator's control endpoint without a trailing slash, or null when no demo runs. */
  readonly demoLoadUrl: string | null;
  /** Prometheus's base URL without a trailing slash (a path prefix is kept), or null: the built-in graph. */
  readonly prometheusUrl: string | null;
}

export function controlPlaneConfig(
  input: ControlPlaneConfigInput = {},
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): ControlPlaneConfig {
  const { host, port } = parseListen(input.listen ?? env.SHADOWMESH_LISTEN ?? DEFAULT_LISTEN);
  const auth = input.auth ?? env.SHADOWMESH_AUTH ?? 'token';
  if (auth !== 'token' && auth !== 'none') {
    throw invalid('auth', `--auth must be "token" or "none", got ${JSON.stringify(auth)}`);
  }
  const loopback = isLoopbackHost(host);
  if (auth === 'none' && !loopback) {
    throw invalid(
      'auth',
      `--auth none is only allowed on a loopback address; refusing to serve ${host}:${port} without a token`,
    );
  }
  const logLevel = input.logLevel ?? env.SHADOWMESH_LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw invalid(
      'logLevel',
      `--log-level must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`,
    );
  }
  const data = input.data ?? env.SHADOWMESH_DATA ?? DEFAULT_DATA_DIR;
  if (data.trim() === '') throw invalid('data', '--data must not be empty');
  const token = input.token ?? env.SHADOWMESH_TOKEN ?? null;
  if (token !== null && !/^[\x21-\x7e]{16,512}$/.test(token)) {
    throw invalid('token', 'the token must be 16 to 512 printable ASCII characters without spaces');
  }
  const bodyLimit = input.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isInteger(bodyLimit) || bodyLimit < 1024) {
    throw invalid('bodyLimit', 'bodyLimit must be an integer of at least 1024 bytes');
  }
  const historyRevisions = Number(
    input.historyRevisions ?? env.SHADOWMESH_HISTORY_REVISIONS ?? DEFAULT_HISTORY_REVISIONS,
  );
  if (!Number.isInteger(historyRevisions) || historyRevisions < MIN_HISTORY_REVISIONS) {
    throw invalid(
      'historyRevisions',
      `--history-revisions must be an integer of at least ${MIN_HISTORY_REVISIONS}, got ${JSON.stringify(input.historyRevisions ?? env.SHADOWMESH_HISTORY_REVISIONS)}`,
    );
  }
  const dashboardDir = input.dashboardDir ? absolute(input.dashboardDir, cwd) : null;
  const demoLoadUrl = parseDemoLoadUrl(input.demoLoadUrl ?? env.SHADOWMESH_DEMO_LOAD_URL ?? null);
  const prometheusUrl = parsePrometheusUrl(input.prometheusUrl ?? env.SHADOWMESH_PROMETHEUS_URL ?? null);
  return Object.freeze({
    host,
    port,
    loopback,
    dataDir: absolute(data, cwd),
    auth,
    dashboardDir,
    logLevel: logLevel as LogLevel,
    token: auth === 'none' ? null : token,
    bodyLimit,
    historyRevisions,
    demoLoadUrl,
    prometheusUrl,
  });
}

/**
 * An http(s) URL of Prometheus's web root, e.g. `http://127.0.0.1:9090` or one behind a path prefix
 * (`http://host/prometheus`); no credentials (fetch refuses them), query or fragment.
 */
function parsePrometheusUrl(text: string | null): string | null {
  const url = urlOf(text);
  if (url === undefined) return null;
  if (!plainUrl(url, ['http:', 'https:'])) {
    throw invalid(
      'prometheusUrl',
      `--prometheus must be an http:// or https:// URL of Prometheus (e.g. http://127.0.0.1:9090), without credentials, query or fragment; got ${JSON.stringify(text)}`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** An http:// URL with nothing but scheme, host and port (the paths are the generator's own). */
function parseDemoLoadUrl(text: string | null): string | null {
  const url = urlOf(text);
  if (url === undefined) return null;
  if (!plainUrl(url, ['http:'])) {
    throw invalid(
      'demoLoadUrl',
      `the demo load URL must be http://HOST:PORT (the load generator's control endpoint), got ${JSON.stringify(text)}`,
    );
  }
  return url.origin;
}

/** The trimmed text as a URL: undefined when empty, null when it does not parse. */
function urlOf(text: string | null): URL | null | undefined {
  if (text === null || text.trim() === '') return undefined;
  try {
    return new URL(text.trim());
  } catch {
    return null;
  }
}

/** One of `protocols`, with no credentials (fetch refuses them), query or fragment. */
function plainUrl(url: URL | null, protocols: readonly string[]): url is URL {
  return (
    url !== null &&
    protocols.includes(url.protocol) &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash
  );
}

/** Parses `HOST:PORT`, `[IPv6]:PORT` or `PORT`. */
export function parseListen(text: string): { host: string; port: number } {
  const trimmed = text.trim();
  let host: string;
  let portText: string;
  const v6 = /^\[([^\]]+)\]:(\d+)$/.exec(trimmed);
  if (v6) {
    host = v6[1]!;
    portText = v6[2]!;
  } else if (/^\d+$/.test(trimmed)) {
    host = '127.0.0.1';
    portText = trimmed;
  } else {
    const at = trimmed.lastIndexOf(':');
    if (at <= 0 || trimmed.indexOf(':') !== at) {
      throw invalid(
        'listen',
        `--listen must be HOST:PORT (e.g. ${DEFAULT_LISTEN}), got ${JSON.stringify(text)}`,
      );
    }
    host = trimmed.slice(0, at);
    portText = trimmed.slice(at + 1);
  }
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw invalid('listen', `--listen port must be 0-65535, got ${JSON.stringify(portText)}`);
  }
  return { host, port };
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** `host:port` as used in URLs (IPv6 in brackets). */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function invalid(field: string, message: string) {
  return cpError('CP_ERR_CONFIG_INVALID', message, { field });
}
