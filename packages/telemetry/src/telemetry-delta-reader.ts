// The receiving end of one proxy connection: reads version 1 and version 2 (compact) deltas into the
// same decoded form, remembering the key ids a compact sender bound on this connection. One reader per
// connection: a new connection starts with no keys, and its sender resends them.

import { COMPACT_DELTA_VERSION } from './compact-delta.js';
import type { KeyCheck } from './compact-delta-parse.js';
import { parseCompactDelta } from './compact-delta-parse.js';
import type { EdgeKey } from './edge-key.js';
import type { EdgeDelta } from './edge-stats.js';
import type { ParseResult } from './field-error.js';
import type { MirrorDelta } from './mirror-counters.js';
import { parseTelemetryDelta, type TELEMETRY_DELTA_VERSION } from './telemetry-delta.js';

/** A delta of either version, decoded. */
export interface DecodedTelemetry {
  version: typeof TELEMETRY_DELTA_VERSION | typeof COMPACT_DELTA_VERSION;
  windowStartMs: number;
  windowEndMs: number;
  edges: EdgeDelta[];
  mirror: MirrorDelta[];
  /** Version 2: the connection's key id of each edge (stable for the connection); null for version 1. */
  keyIds: number[] | null;
}

export interface TelemetryDeltaReaderOptions {
  /** Checked once per key, when a compact delta binds it; a problem refuses the message, naming the field. */
  checkKey?: KeyCheck;
  /** Most keys one connection may bind (default 50,000); beyond it a message binding more is refused. */
  maxKeys?: number;
}

const DEFAULT_MAX_KEYS = 50_000;

export class TelemetryDeltaReader {
  private readonly keys = new Map<number, EdgeKey>();
  private readonly checkKey: KeyCheck | undefined;
  private readonly maxKeys: number;
  private readonly lookup = (id: number): EdgeKey | undefined => this.keys.get(id);

  constructor(options: TelemetryDeltaReaderOptions = {}) {
    this.checkKey = options.checkKey;
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  }

  /** Keys bound on this connection so far. */
  get size(): number {
    return this.keys.size;
  }

  key(id: number): EdgeKey | undefined {
    return this.keys.get(id);
  }

  /** Validates and decodes one payload; a refused one changes nothing (its keys are not remembered). */
  read(payload: unknown): ParseResult<DecodedTelemetry> {
    const version = (payload as { version?: unknown } | null)?.version;
    if (version !== COMPACT_DELTA_VERSION) {
      const v1 = parseTelemetryDelta(payload);
      if (!v1.ok) return v1;
      return { ok: true, value: { ...v1.value, keyIds: null } };
    }
    const parsed = parseCompactDelta(payload, this.lookup, this.checkKey);
    if (!parsed.ok) return parsed;
    const { bound, windowStartMs, windowEndMs, edges, mirror, keyIds } = parsed.value;
    if (this.keys.size + bound.length > this.maxKeys) {
      return {
        ok: false,
        field: 'payload.keys',
        message: `more than ${this.maxKeys} keys on one connection`,
      };
    }
    for (const [id, key] of bound) this.keys.set(id, key);
    return {
      ok: true,
      value: { version: COMPACT_DELTA_VERSION, windowStartMs, windowEndMs, edges, mirror, keyIds },
    };
  }
}
