// Where proxies' `telemetry` and `flows` messages go. Issue 5 (metrics, graph, flows) plugs in a
// real sink; until then the default one only counts.
import type { ProxyIdentity } from '@shadowmesh/api';

export interface TelemetrySink {
  telemetry(proxy: ProxyIdentity, payload: unknown): void;
  flows(proxy: ProxyIdentity, payload: unknown): void;
}

/** Counts what it is given and keeps nothing. */
export class CountingTelemetrySink implements TelemetrySink {
  telemetryMessages = 0;
  flowMessages = 0;

  telemetry(): void {
    this.telemetryMessages++;
  }

  flows(): void {
    this.flowMessages++;
  }
}
