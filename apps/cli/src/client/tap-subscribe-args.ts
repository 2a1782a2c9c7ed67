// `shadowmesh tap` flags → the TapSubscribe message, each bad flag named in the error.
import {
  type FlowFilter,
  schemaErrors,
  TAP_DEFAULT_RATE,
  TAP_MAX_RATE,
  type TapSubscribe,
  TapSubscribeSchema,
} from '@shadowmesh/api';
import { CliError } from './cli-error.js';

/** The filter flags as commander gives them (strings). */
export interface TapFilterFlags {
  service?: string;
  namespace?: string;
  workload?: string;
  method?: string;
  path?: string;
  status?: string;
  rate?: string;
}

/** Where each TapSubscribe field comes from, to name the flag when the schema refuses a value. */
const FLAG_OF: Record<string, string> = {
  'filter.service': '--service',
  'filter.namespace': '--namespace',
  'filter.workload': '--workload',
  'filter.method': '--method',
  'filter.path': '--path',
  'filter.status': '--status',
  ratePerSecond: '--rate',
};

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Validates the flags and builds the subscribe message; throws CliError naming the first bad flag. */
export function tapSubscribeFromFlags(flags: TapFilterFlags): TapSubscribe {
  const filter: FlowFilter = {};
  const text = (flag: string, value: string | undefined, max: number): string | undefined => {
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    if (trimmed === '') throw new CliError(`${flag} must not be empty`);
    if (trimmed.length > max) throw new CliError(`${flag} must be at most ${max} characters`);
    return trimmed;
  };

  const service = text('--service', flags.service, 253);
  if (service !== undefined) filter.service = service;
  const namespace = text('--namespace', flags.namespace, 63);
  if (namespace !== undefined) {
    if (!NAMESPACE.test(namespace)) {
      throw new CliError(`--namespace must be a namespace name such as "default", got "${namespace}"`);
    }
    filter.namespace = namespace;
  }
  const workload = text('--workload', flags.workload, 253);
  if (workload !== undefined) filter.workload = workload;
  const method = text('--method', flags.method, 64);
  if (method !== undefined) {
    if (!/^[A-Za-z]+$/.test(method)) {
      throw new CliError(`--method must be an HTTP method such as GET, got "${method}"`);
    }
    filter.method = method.toUpperCase();
  }
  const path = text('--path', flags.path, 2048);
  if (path !== undefined) {
    if (!path.startsWith('/'))
      throw new CliError(`--path must be a path prefix starting with /, got "${path}"`);
    filter.path = path;
  }
  const status = text('--status', flags.status, 3);
  if (status !== undefined || flags.status !== undefined) {
    const value = (status ?? '').toLowerCase();
    if (!/^([1-5][0-9][0-9]|[1-5]xx|0)$/.test(value)) {
      throw new CliError(
        `--status must be an HTTP status code (503), a class (5xx) or 0 (no answer), got "${flags.status}"`,
      );
    }
    filter.status = value;
  }
  const message: TapSubscribe = { type: 'subscribe', filter, ratePerSecond: parseTapRate(flags.rate) };
  // The same schema the control plane checks: a mismatch here is caught before anything is sent.
  const [first] = schemaErrors(TapSubscribeSchema, message);
  if (first) throw new CliError(`${FLAG_OF[first.field] ?? first.field}: ${first.message}`);
  return message;
}

/** `--rate`: flows per second shown, more than 0 and at most TAP_MAX_RATE (default TAP_DEFAULT_RATE). */
export function parseTapRate(value: string | undefined): number {
  if (value === undefined) return TAP_DEFAULT_RATE;
  const n = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > TAP_MAX_RATE) {
    throw new CliError(
      `--rate must be flows per second, more than 0 and at most ${TAP_MAX_RATE}, got "${value}"`,
    );
  }
  return n;
}
