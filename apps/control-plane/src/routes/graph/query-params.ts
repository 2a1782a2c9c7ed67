// Query-string checks shared by the telemetry routes: a failed check is a 400 naming the parameter.
import { cpError } from '../../errors.js';
import type { Checked } from '../../services/telemetry/stream/graph-query.js';
import type { TelemetryRuntime } from '../../services/telemetry/telemetry-runtime.js';

/** Options every telemetry route plugin is registered with. */
export interface TelemetryRouteOptions {
  telemetry: TelemetryRuntime;
}

export function unwrap<T>(checked: Checked<T>): T {
  if (checked.ok) return checked.value;
  throw cpError('CP_ERR_BAD_REQUEST', `${checked.field}: ${checked.message}`, { field: checked.field });
}

/** A query parameter given once (Fastify turns repeated parameters into arrays). */
export function single(value: unknown, field: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw cpError('CP_ERR_BAD_REQUEST', `${field}: must be given once`, { field });
}
