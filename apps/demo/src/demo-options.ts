import type { Logger } from 'pino';
import { invalidOption } from './errors.js';
import { seededRandom } from './seeded-random.js';

/** Options every demo workload understands. */
export interface DemoServerOptions {
  /** `HOST:PORT` (`[::1]:0` for IPv6); port 0 picks a free port. */
  listen: string;
  /** Version label, answered in the `x-demo-version` header and as `version` in JSON bodies. Default `v1`. */
  version?: string;
  /** Added before every answer (except `/__log`). Default 0. */
  extraLatencyMs?: number;
  /** Share of requests (0..1) answered 500 on purpose. Default 0. */
  errorRate?: number;
  /** Seeds the random source used for the error rate and `/status/a,b`. Ignored when `random` is given. */
  seed?: number;
  /** A random source in [0, 1); wins over `seed`. Default `Math.random`. */
  random?: () => number;
  /** How many entries the in-memory access log keeps (oldest dropped first). Default 1000. */
  accessLogSize?: number;
  /** Where the server logs (listening, handler failures, access lines at debug). Default silent. */
  logger?: Logger;
}

export interface ListenAddress {
  host: string;
  port: number;
}

/** Options after validation: every default filled in, frozen. */
export interface ResolvedDemoOptions {
  readonly listen: ListenAddress;
  readonly version: string;
  readonly extraLatencyMs: number;
  readonly errorRate: number;
  readonly random: () => number;
  readonly accessLogSize: number;
  readonly logger: Logger | undefined;
}

const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;
const MAX_LATENCY_MS = 600_000;

/** Parses `HOST:PORT` or `[IPV6]:PORT`; the error names `field`. */
export function parseListen(value: unknown, field = 'listen'): ListenAddress {
  if (typeof value !== 'string') throw invalidOption(field, 'must be a string HOST:PORT');
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(value);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!match || !host) throw invalidOption(field, `expected HOST:PORT (like 127.0.0.1:8000), got "${value}"`);
  if (port > 65535) throw invalidOption(field, `port must be 0..65535, got ${port}`);
  return { host, port };
}

/** A number (or numeric string) in [0, 1]. */
export function parseErrorRate(value: unknown, field = 'errorRate'): number {
  const n = toNumber(value);
  if (n === undefined || n < 0 || n > 1) {
    throw invalidOption(field, `must be a number from 0 to 1, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Milliseconds, a finite number from 0 to 600000. */
export function parseLatencyMs(value: unknown, field = 'extraLatencyMs'): number {
  const n = toNumber(value);
  if (n === undefined || n < 0 || n > MAX_LATENCY_MS) {
    throw invalidOption(
      field,
      `must be milliseconds from 0 to ${MAX_LATENCY_MS}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/** A short label such as `v1`, `v2-beta` or `1.4.0` (letters, digits, `.`, `_`, `+`, `-`). */
export function parseVersion(value: unknown, field = 'version'): string {
  if (typeof value !== 'string' || !VERSION_PATTERN.test(value)) {
    throw invalidOption(
      field,
      `must be 1-64 letters, digits, '.', '_', '+' or '-' starting with a letter or digit, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Validates the shared options and fills in defaults. */
export function resolveDemoOptions(options: DemoServerOptions): ResolvedDemoOptions {
  if (typeof options !== 'object' || options === null) throw invalidOption('options', 'must be an object');
  const random =
    options.random ?? (options.seed === undefined ? Math.random : seededRandom(checkSeed(options.seed)));
  if (typeof random !== 'function') throw invalidOption('random', 'must be a function returning [0, 1)');
  const size = options.accessLogSize ?? 1000;
  if (!Number.isInteger(size) || size < 1) {
    throw invalidOption('accessLogSize', `must be a positive integer, got ${JSON.stringify(size)}`);
  }
  return Object.freeze({
    listen: parseListen(options.listen),
    version: parseVersion(options.version ?? 'v1'),
    extraLatencyMs: parseLatencyMs(options.extraLatencyMs ?? 0),
    errorRate: parseErrorRate(options.errorRate ?? 0),
    random,
    accessLogSize: size,
    logger: options.logger,
  });
}

function checkSeed(seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw invalidOption('seed', `must be an integer, got ${JSON.stringify(seed)}`);
  }
  return seed;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'string' && value.trim() !== '') value = Number(value);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
