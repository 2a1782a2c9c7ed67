// One mirror copy in flight: an upstream request fed by the body tap, settled exactly once.

import type { ClientRequest, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { request } from 'node:http';
import type { Endpoint, EndpointOutcome, MirrorDecision } from '@shadowmesh/routing';
import type { MirrorOutcome } from '@shadowmesh/telemetry';
import type { BodySink } from './body-tap.js';
import type { Deadline } from './deadline-wheel.js';
import type { MirrorSender, MirrorTargetState } from './mirror-sender.js';
import { destinationOf, edgeKey } from './source-labels.js';
import { isConnectFailure } from './upstream-errors.js';

export class MirrorCopy implements BodySink {
  private readonly req: ClientRequest;
  private readonly deadline: Deadline;
  private readonly startMs = performance.now();
  private bytes = 0;
  private responseBytes = 0;
  private ended = false;
  private settled = false;

  constructor(
    private readonly sender: MirrorSender,
    private readonly state: MirrorTargetState,
    private readonly decision: MirrorDecision,
    private readonly endpoint: Endpoint,
    method: string,
    path: string,
    headers: OutgoingHttpHeaders,
  ) {
    const target = sender.deps.pool.target(endpoint.address);
    this.req = request({ agent: target.agent, host: target.host, port: target.port, method, path, headers });
    state.inFlight++;
    decision.cluster.onRequestStart(endpoint);
    this.req.on('response', (res) => this.onResponse(res));
    this.req.on('error', (err) => this.onError(err));
    this.deadline = sender.deps.wheel.after(decision.settings.timeoutMs, () => {
      this.settle('timed-out', 0, 'UT', 'timeout');
    });
  }

  write(chunk: Buffer): void {
    if (this.settled) return;
    this.bytes += chunk.length;
    if (this.bytes > this.decision.settings.maxBodyBytes) {
      this.settle('too-large', 0, 'UO', null);
      return;
    }
    this.req.write(chunk);
    if (this.req.writableLength > this.sender.deps.options.backlogBytes)
      this.settle('dropped-at-cap', 0, 'UO', null);
  }

  end(): void {
    this.ended = true;
    if (!this.settled) this.req.end();
  }

  abort(): void {
    this.settle('aborted', 0, 'DC', null);
  }

  private onResponse(res: IncomingMessage): void {
    this.state.breaker.onSuccess();
    const status = res.statusCode ?? 0;
    res.on('error', () => this.settle('mirrored-error', status, 'UC', 'reset'));
    res.on('end', () => {
      const outcome: EndpointOutcome = status >= 500 ? 'http-5xx' : 'success';
      this.settle(status >= 500 ? 'mirrored-error' : 'mirrored-ok', status, '-', outcome);
    });
    res.on('data', (chunk: Buffer) => {
      this.responseBytes += chunk.length;
    });
  }

  private onError(err: Error): void {
    if (this.settled) return;
    if (isConnectFailure(err)) {
      this.state.breaker.onConnectFailure(Date.now());
      this.settle('mirrored-error', 0, 'UF', 'connect-failure');
    } else {
      this.settle('mirrored-error', 0, 'UC', 'reset');
    }
  }

  /** Ends the copy once: counts the outcome, frees its slot, reports the mirror hop, and resets it if unfinished. */
  private settle(
    outcome: MirrorOutcome,
    status: number,
    flags: string,
    endpointOutcome: EndpointOutcome | null,
  ): void {
    if (this.settled) return;
    this.settled = true;
    this.deadline.cancel();
    this.state.inFlight--;
    // Nothing learnt about the connection (no answer, not refused): free a half-open probe slot.
    if (status === 0 && flags !== 'UF') this.state.breaker.onInconclusive();
    const { cluster } = this.decision;
    const deps = this.sender.deps;
    const completed = outcome === 'mirrored-ok' || (outcome === 'mirrored-error' && status > 0);
    if (!completed || !this.ended) this.req.destroy();
    cluster.onRequestEnd(this.endpoint, endpointOutcome ?? 'reset', Date.now());
    this.sender.count(cluster.name, outcome);
    const key = edgeKey(deps.source, destinationOf(cluster.host, this.endpoint), status, flags, 'mirror');
    deps.telemetry.record(key, {
      durationMs: performance.now() - this.startMs,
      requestBytes: this.bytes,
      responseBytes: this.responseBytes,
    });
  }
}
