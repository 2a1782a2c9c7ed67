// One client request on the primary path: fault injection, endpoint choice, mirrors, attempts with
// retries, route and per-try timeouts, and the response streamed back with backpressure. Every outcome
// ends in exactly one `onDone` call; no exception escapes a socket callback.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Endpoint, EndpointOutcome } from '@shadowmesh/routing';
import { SHADOW_HEADER } from '@shadowmesh/routing';
import { BodyTap } from './body-tap.js';
import type { AdmissionSlot } from './cluster-admission.js';
import type { Deadline } from './deadline-wheel.js';
import type { ExchangePlan, ExchangeResult } from './exchange-types.js';
import { applyHeaderOps, endToEndResponseHeaders, PEER_HEADER } from './forwarded-headers.js';
import type { ResponseFlag } from './local-reply.js';
import { LOCAL_REPLY_TEXT, sendLocalReply } from './local-reply.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import { bodyFraming, fieldLines, headerLine, sharedRequestHead } from './request-head.js';
import type { AttemptFailure } from './retry-conditions.js';
import { isRetriable, retryBackoffMs } from './retry-conditions.js';
import type { AttemptOwner, TransportFailure } from './upstream-attempt.js';
import { UpstreamAttempt } from './upstream-attempt.js';
import { FAILURE_FLAG } from './upstream-errors.js';

/** Bodies up to this size are kept while a retry may need them (Envoy's default buffer limit). */
const RETRY_BUFFER_BYTES = 1024 * 1024;

/** An answer that was fault-delayed also says DI (Envoy's order). */
const DELAYED_FLAGS: Readonly<Record<string, string>> = { '-': 'DI', URX: 'DI,URX' };

export class PrimaryExchange implements AttemptOwner {
  private readonly startMs = performance.now();
  private readonly tap: BodyTap;
  private current: UpstreamAttempt | null = null;
  private endpoint: Endpoint | null = null;
  /** The endpoint whose request is open in the load balancer's books (ended exactly once). */
  private started: Endpoint | null = null;
  /** How the answered attempt went, reported to the load balancer when the exchange ends. */
  private responseOutcome: EndpointOutcome = 'success';
  /** This attempt's claim on its cluster's circuit breakers (granted, or waiting as a pending request). */
  private slot: AdmissionSlot | null = null;
  private routeDeadline: Deadline | null = null;
  private tryDeadline: Deadline | null = null;
  /** The upstream request head (the same for every attempt), serialized once. */
  private head: string | null = null;
  private chunked = false;
  private status = 0;
  private retries = 0;
  private staleRetried = false;
  private delayed = false;
  private responseBytes = 0;
  /** Flags of a forwarded answer: `URX` when it was retriable but the retries had run out (as Envoy). */
  private answerFlags = '-';
  private done = false;
  private resumeUpstream: (() => void) | null = null;
  /** The answered attempt's response head (kept by reference for a failed request's flow record). */
  private responseRaw: string[] | null = null;

  constructor(
    private readonly rt: ProxyRuntime,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly plan: ExchangePlan,
    private readonly onDone: (result: ExchangeResult) => void,
  ) {
    this.tap = new BodyTap(req, plan.retry !== null && plan.retry.attempts > 0 ? RETRY_BUFFER_BYTES : 0);
    this.tap.onAbort = () => this.finish(0, 'DC');
    if (plan.flow !== null) this.tap.addSink(plan.flow.requestBody);
    // 'close' follows 'finish' for a completed response, and comes alone when the client went away.
    res.on('close', () => {
      if (res.writableFinished) this.finish(this.status, this.answerFlags);
      else this.finish(res.headersSent ? res.statusCode : 0, 'DC');
    });
  }

  start(): void {
    const delayMs = this.plan.fault?.delayMs ?? null;
    if (delayMs !== null && delayMs > 0) {
      this.delayed = true;
      this.routeDeadline = this.rt.wheel.after(delayMs, () => this.afterDelay());
    } else {
      this.afterDelay();
    }
  }

  private afterDelay(): void {
    if (this.done) return;
    const abort = this.plan.fault?.abortStatus ?? null;
    if (abort !== null) {
      this.localReply(abort, this.delayed ? 'DI,FI' : 'FI', LOCAL_REPLY_TEXT.FI);
      return;
    }
    if (!this.pickEndpoint()) {
      this.localReply(503, 'UH', LOCAL_REPLY_TEXT.UH);
      return;
    }
    const headers = this.plan.headers;
    if (this.plan.requestOps !== null) applyHeaderOps(headers, this.plan.requestOps);
    headers.host = this.plan.authority;
    this.chunked = this.req.headers['transfer-encoding'] !== undefined;
    this.rt.mirrors.sendCopies(this.plan, this.req, this.tap, this.chunked);
    if (this.plan.timeoutMs !== null && this.plan.timeoutMs > 0) {
      this.routeDeadline = this.rt.wheel.after(this.plan.timeoutMs, () => this.onTimeout(null));
    } else {
      this.routeDeadline = null;
    }
    this.attempt();
  }

  private pickEndpoint(): boolean {
    if (this.plan.cluster === null) return this.plan.address !== null;
    this.endpoint = this.plan.cluster.pick(this.rt.random);
    return this.endpoint !== null;
  }

  private attempt(): void {
    const plan = this.plan;
    if (this.head === null) {
      try {
        // Host first (RFC 9112 §3.2), a copy marker the client sent kept, then the lines the copies share;
        // the sender identity is set per upstream request, the framing is the client's (`bodyFraming`),
        // whatever the route's header operations did to the map.
        const shared = sharedRequestHead(plan);
        const marker = plan.headers[SHADOW_HEADER];
        let head = `${shared.line}${headerLine('host', plan.authority)}`;
        if (marker !== undefined) head += fieldLines(SHADOW_HEADER, marker);
        head += `${shared.fields}${bodyFraming(plan.method, this.req.headers)}`;
        if (plan.peer !== null)
          head += headerLine(PEER_HEADER, plan.peer(plan.cluster?.host ?? plan.authority));
        this.head = `${head}\r\n`;
      } catch (err) {
        // Only a header value the route's operations made invalid gets here.
        this.rt.logger.error({ err, path: plan.path }, 'cannot build the upstream request');
        this.localReply(500, '-', 'internal proxy error: invalid upstream request');
        return;
      }
    }
    const cluster = plan.cluster;
    if (cluster !== null && this.slot === null) {
      const slot = this.rt.admission.request(cluster.name, cluster.limits, () => {
        if (!this.done) this.attempt();
      });
      if (slot === null) {
        this.localReply(503, this.retries > 0 ? 'UO,URX' : 'UO', LOCAL_REPLY_TEXT.UO);
        return;
      }
      this.slot = slot;
      // Pending: every connection the cluster may have is in use. This runs again once one frees.
      if (!slot.granted) return;
    }
    const address = this.endpoint?.address ?? (plan.address as string);
    if (this.endpoint !== null) {
      cluster?.onRequestStart(this.endpoint);
      this.started = this.endpoint;
    }
    const attempt = new UpstreamAttempt(
      this.rt.primaryPool.target(address, cluster?.limits),
      this.head,
      this.chunked,
      plan.method === 'HEAD',
      this,
    );
    this.current = attempt;
    const perTry = plan.retry?.perTryTimeoutMs ?? null;
    if (perTry !== null && perTry > 0)
      this.tryDeadline = this.rt.wheel.after(perTry, () => this.onTimeout(attempt));
    this.tap.attach(attempt);
  }

  onAttemptHead(attempt: UpstreamAttempt, status: number, reason: string, raw: string[]): void {
    if (attempt !== this.current || this.done) {
      attempt.destroy();
      return;
    }
    this.tryDeadline?.cancel();
    this.responseOutcome = status >= 500 ? 'http-5xx' : 'success';
    if (this.shouldRetry({ kind: 'status', status })) {
      this.endpointEnd(this.responseOutcome);
      attempt.destroy();
      this.retry();
      return;
    }
    // Envoy's router flags an answer it would have retried but for the retry limit (NoRetryLimitExceeded).
    const retry = this.plan.retry;
    const exhausted = retry !== null && this.retries > 0 && this.retries >= retry.attempts;
    if (exhausted && isRetriable(retry, { kind: 'status', status })) this.answerFlags = 'URX';
    // Answered for good: nothing will be replayed (and kept chunks would only age into the old generation).
    this.tap.dropReplay();
    const headers = endToEndResponseHeaders(raw, attempt.contentLength);
    if (this.plan.responseOps !== null) applyHeaderOps(headers, this.plan.responseOps);
    try {
      this.res.writeHead(status, reason, headers);
    } catch (err) {
      // A response header value the route's operations made invalid: never let it escape the socket callback.
      attempt.destroy();
      this.rt.logger.error({ err, path: this.plan.path }, 'cannot write the response head');
      this.localReply(502, '-', 'internal proxy error: invalid response headers');
      return;
    }
    this.status = status;
    // Kept only when flows are captured (a failed request's record): else it would outlive the head.
    if (this.rt.flows !== null) this.responseRaw = raw;
    if (this.plan.flow !== null) this.plan.flow.primaryHead(raw);
  }

  onAttemptBody(attempt: UpstreamAttempt, chunk: Buffer, last: boolean): void {
    if (attempt !== this.current || this.done) return;
    this.responseBytes += chunk.length;
    this.plan.flow?.primaryBody(chunk);
    const res = this.res;
    if (last) {
      res.end(chunk);
    } else if (!res.write(chunk)) {
      // The client is not keeping up: stop reading the upstream until it drains.
      attempt.pause();
      if (this.resumeUpstream === null) this.resumeUpstream = () => this.current?.resume();
      res.once('drain', this.resumeUpstream);
    }
  }

  onAttemptEnd(attempt: UpstreamAttempt): void {
    if (attempt !== this.current || this.done) return;
    if (!this.res.writableEnded) this.res.end();
  }

  onAttemptFailed(attempt: UpstreamAttempt, failure: TransportFailure, stale: boolean): void {
    if (attempt !== this.current || this.done) return;
    this.tryDeadline?.cancel();
    // Connect failures only arise before a connection exists (ECONNREFUSED, EHOSTUNREACH, …): flag UF.
    const connectFailure = failure === 'connect-failure';
    this.endpointEnd(connectFailure ? 'connect-failure' : 'reset');
    if (stale && !this.staleRetried && this.tap.canReplay()) {
      // A pooled connection closed by the upstream just as we reused it: try once more, at no cost.
      this.staleRetried = true;
      this.tap.detach();
      this.attempt();
      return;
    }
    const protocolError = failure === 'protocol-error';
    if (protocolError) this.logProtocolError(attempt);
    // A malformed answer is retried as a reset is (Envoy's `reset` retry-on covers protocol errors).
    if (this.shouldRetry({ kind: protocolError ? 'reset' : failure })) {
      this.retry();
      return;
    }
    const flag: ResponseFlag = FAILURE_FLAG[failure];
    const status = protocolError ? 502 : 503;
    this.localReply(status, this.retries > 0 ? `${flag},URX` : flag, LOCAL_REPLY_TEXT[flag]);
  }

  onAttemptBroken(attempt: UpstreamAttempt, failure: 'reset' | 'protocol-error'): void {
    if (attempt !== this.current || this.done) return;
    if (failure === 'protocol-error') this.logProtocolError(attempt);
    this.breakOff();
    this.finish(this.status, FAILURE_FLAG[failure]);
  }

  /** Breaks the client connection off after the response head went out (as Envoy resets the stream). */
  private breakOff(): void {
    // node:http sends a head with the first body bytes: one without any yet must go out before the break,
    // or the client would see a connection closed before any response.
    if (this.responseBytes === 0 && !this.res.destroyed) this.res.flushHeaders();
    this.res.destroy();
  }

  private logProtocolError(attempt: UpstreamAttempt): void {
    this.rt.logger.debug(
      {
        path: this.plan.path,
        endpoint: this.endpoint?.address ?? this.plan.address,
        err: attempt.protocolError,
      },
      'upstream protocol error (UPE)',
    );
  }

  /** A per-try timeout (`attempt` given) or the route timeout (null). */
  private onTimeout(attempt: UpstreamAttempt | null): void {
    if (this.done || (attempt !== null && attempt !== this.current)) return;
    const current = this.current;
    this.current = null;
    current?.destroy();
    this.endpointEnd('timeout');
    if (attempt !== null && this.shouldRetry({ kind: 'per-try-timeout' })) {
      this.retry();
      return;
    }
    if (this.res.headersSent) {
      // The route timeout covers the whole response: past the head, the stream is cut, its status kept.
      this.breakOff();
      this.finish(this.status, 'UT');
      return;
    }
    this.localReply(504, 'UT', LOCAL_REPLY_TEXT.UT);
  }

  private shouldRetry(failure: AttemptFailure): boolean {
    const policy = this.plan.retry;
    if (policy === null || this.retries >= policy.attempts || this.res.headersSent) return false;
    return this.tap.state !== 'aborted' && this.tap.canReplay() && isRetriable(policy, failure);
  }

  private retry(): void {
    this.retries++;
    const previous = this.current;
    this.current = null;
    previous?.destroy();
    this.tap.detach();
    this.rt.wheel.after(retryBackoffMs(this.retries, this.rt.random), () => {
      if (this.done) return;
      if (!this.pickEndpoint()) return this.localReply(503, 'UH,URX', LOCAL_REPLY_TEXT.UH);
      this.attempt();
    });
  }

  private endpointEnd(outcome: EndpointOutcome): void {
    // Every end of an attempt (or of a wait for one) frees its slot; a retry asks again.
    this.slot?.release();
    this.slot = null;
    const endpoint = this.started;
    this.started = null;
    if (endpoint !== null) this.plan.cluster?.onRequestEnd(endpoint, outcome, Date.now());
  }

  private localReply(status: number, flags: string, text: string): void {
    if (this.done) return;
    sendLocalReply(this.res, status, flags, this.plan.requestId, text);
    this.finish(status, flags);
  }

  private finish(status: number, outcomeFlags: string): void {
    if (this.done) return;
    this.done = true;
    const flags = this.delayed ? (DELAYED_FLAGS[outcomeFlags] ?? outcomeFlags) : outcomeFlags;
    this.routeDeadline?.cancel();
    this.tryDeadline?.cancel();
    const attempt = this.current;
    this.current = null;
    if (attempt !== null && !this.res.writableFinished) attempt.destroy();
    // A client that went away is not the endpoint's fault: report it neutrally.
    this.endpointEnd(outcomeFlags === 'UC' || outcomeFlags === 'UPE' ? 'reset' : this.responseOutcome);
    const result: ExchangeResult = {
      status,
      flags,
      endpoint: this.endpoint,
      requestBytes: this.tap.received,
      responseBytes: this.responseBytes,
      durationMs: performance.now() - this.startMs,
    };
    this.onDone(result);
    const plan = this.plan;
    // Only routed requests (settings set) are captured; the inbound listener captures nothing.
    try {
      if (plan.flow !== null) plan.flow.primaryEnded(result);
      else if (plan.settings !== null) this.rt.flows?.primaryEnded(plan, result, this.responseRaw);
    } catch (err) {
      this.rt.logger.error({ err }, 'flow capture failed');
    }
  }
}
