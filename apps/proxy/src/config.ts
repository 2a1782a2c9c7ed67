// The proxy's one config reader: flags and environment are read once, validated, and returned as a
// frozen object that is passed explicitly. Every error names the flag (DP_ERR_BAD_FLAG).
import { ProxyError } from './errors.js';
import type { HostPort } from './host-port.js';
import { parseHostPort } from './host-port.js';

/** Raw flag values as the command line gives them (commander's option object fits). */
export interface SidecarFlags {
  controlPlane?: string;
  workload?: string;
  namespace?: string;
  labels?: string;
  app?: string;
  inbound?: string;
  outbound?: string;
  admin?: string;
  token?: string;
  config?: string;
}

export interface GatewayFlags {
  controlPlane?: string;
  name?: string;
  namespace?: string;
  labels?: string;
  listen?: string;
  admin?: string;
  token?: string;
  config?: string;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

interface CommonConfig {
  /** Control plane base URL, or null when running standalone from `configFile`. */
  readonly controlPlane: string | null;
  readonly configFile: string | null;
  readonly token: string | null;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly admin: Readonly<HostPort> | null;
  readonly logLevel: LogLevel;
}

export interface SidecarConfig extends CommonConfig {
  readonly kind: 'sidecar';
  readonly workload: string;
  readonly app: Readonly<HostPort> | null;
  readonly inbound: Readonly<HostPort>;
  readonly outbound: Readonly<HostPort>;
}

export interface GatewayConfig extends CommonConfig {
  readonly kind: 'gateway';
  readonly name: string;
  readonly listen: Readonly<HostPort>;
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

export function parseSidecarFlags(flags: SidecarFlags, env: Env = process.env): SidecarConfig {
  const common = parseCommon(flags, env, 'default');
  return deepFreeze({
    kind: 'sidecar',
    ...common,
    workload: name(required(flags.workload, '--workload'), '--workload'),
    app: flags.app === undefined ? null : parseHostPort(flags.app, '--app'),
    inbound: parseHostPort(required(flags.inbound, '--inbound'), '--inbound'),
    outbound: parseHostPort(required(flags.outbound, '--outbound'), '--outbound'),
  });
}

export function parseGatewayFlags(flags: GatewayFlags, env: Env = process.env): GatewayConfig {
  const common = parseCommon(flags, env, 'istio-system');
  return deepFreeze({
    kind: 'gateway',
    ...common,
    name: name(required(flags.name, '--name'), '--name'),
    listen: parseHostPort(required(flags.listen, '--listen'), '--listen'),
  });
}

/** `app=httpbin,version=v1` → { app: 'httpbin', version: 'v1' }. */
export function parseLabels(value: string, flag: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of value.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0) throw bad(`${flag}: expected k=v pairs separated by commas, got "${item}"`);
    const key = item.slice(0, eq).trim();
    const val = item.slice(eq + 1).trim();
    if (!LABEL_KEY.test(key)) throw bad(`${flag}: "${key}" is not a valid label key`);
    if (!LABEL_VALUE.test(val) || val.length > 63)
      throw bad(`${flag}: "${val}" is not a valid value for label ${key}`);
    labels[key] = val;
  }
  return labels;
}

function parseCommon(flags: SidecarFlags | GatewayFlags, env: Env, defaultNamespace: string): CommonConfig {
  if (flags.controlPlane !== undefined && flags.config !== undefined) {
    throw bad('--control-plane and --config cannot be used together (--config runs standalone)');
  }
  if (flags.controlPlane === undefined && flags.config === undefined) {
    throw bad('--control-plane URL or --config FILE is required');
  }
  const levelText = env.SHADOWMESH_LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(levelText)) {
    throw bad(`SHADOWMESH_LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${levelText}"`);
  }
  const token = flags.token ?? env.SHADOWMESH_TOKEN ?? null;
  if (token !== null && (token === '' || /\s/.test(token))) {
    throw bad(
      `${flags.token !== undefined ? '--token' : 'SHADOWMESH_TOKEN'}: expected a non-empty token without spaces`,
    );
  }
  return {
    controlPlane: flags.controlPlane === undefined ? null : controlPlaneUrl(flags.controlPlane),
    configFile: flags.config === undefined ? null : nonEmpty(flags.config, '--config'),
    token,
    namespace: name(flags.namespace ?? defaultNamespace, '--namespace'),
    labels: parseLabels(required(flags.labels, '--labels'), '--labels'),
    admin: flags.admin === undefined ? null : parseHostPort(flags.admin, '--admin'),
    logLevel: levelText as LogLevel,
  };
}

function controlPlaneUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad(`--control-plane: expected a URL such as http://127.0.0.1:20001, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw bad(`--control-plane: expected an http:// or https:// URL, got "${value}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined) throw bad(`${flag}: required`);
  return nonEmpty(value, flag);
}

function nonEmpty(value: string, flag: string): string {
  if (value.trim() === '') throw bad(`${flag}: must not be empty`);
  return value.trim();
}

function name(value: string, flag: string): string {
  if (!NAME.test(value) || value.length > 253) {
    throw bad(`${flag}: "${value}" is not a valid name (lower-case letters, digits, '-' and '.')`);
  }
  return value;
}

function bad(message: string): ProxyError {
  return new ProxyError('DP_ERR_BAD_FLAG', message);
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(value);
}
