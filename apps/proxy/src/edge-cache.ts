// Telemetry edge keys and their ids, built once per (service, endpoint, status, flags) and reused, so
// recording a finished request costs a few map lookups instead of an object and a 14-part string.
import type { Endpoint } from '@shadowmesh/routing';
import type { EdgeKey, RequestType } from '@shadowmesh/telemetry';
import { edgeKeyId } from '@shadowmesh/telemetry';
import type { SourceLabels } from './source-labels.js';
import { destinationOf, edgeKey } from './source-labels.js';

export interface CachedEdge {
  readonly key: EdgeKey;
  readonly id: string;
}

type ByOutcome = Map<number, Map<string, CachedEdge>>;

/** Services kept before the cache starts over (passthrough authorities are unbounded). */
const MAX_SERVICES = 4096;

export class EdgeCache {
  private readonly services = new Map<
    string,
    { none: ByOutcome; byEndpoint: WeakMap<Endpoint, ByOutcome> }
  >();

  constructor(
    private readonly source: SourceLabels,
    private readonly requestType: RequestType,
  ) {}

  get(service: string, endpoint: Endpoint | null, status: number, flags: string): CachedEdge {
    let perService = this.services.get(service);
    if (perService === undefined) {
      if (this.services.size >= MAX_SERVICES) this.services.clear();
      perService = { none: new Map(), byEndpoint: new WeakMap() };
      this.services.set(service, perService);
    }
    let byOutcome: ByOutcome | undefined;
    if (endpoint === null) {
      byOutcome = perService.none;
    } else {
      byOutcome = perService.byEndpoint.get(endpoint);
      if (byOutcome === undefined) {
        byOutcome = new Map();
        perService.byEndpoint.set(endpoint, byOutcome);
      }
    }
    let byFlags = byOutcome.get(status);
    if (byFlags === undefined) {
      byFlags = new Map();
      byOutcome.set(status, byFlags);
    }
    let edge = byFlags.get(flags);
    if (edge === undefined) {
      const key = edgeKey(this.source, destinationOf(service, endpoint), status, flags, this.requestType);
      edge = { key, id: edgeKeyId(key) };
      // Flags are a closed set and statuses three digits: this stays small per endpoint.
      byFlags.set(flags, edge);
    }
    return edge;
  }
}
