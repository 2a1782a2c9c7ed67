// The proxy's WebSocket to the control plane: hello, versioned config snapshots answered with ACK or
// NACK, telemetry deltas and captured flows every second, tap sessions, and reconnection with jittered
// exponential back-off. While the control plane is away the proxy keeps routing with its last good table
// (and keeps the newest flows within the flow buffer's bound).

import type {
  ControlPlaneToProxy,
  ProxyConfigSnapshot,
  ProxyIdentity,
  ProxyToControlPlane,
} from '@shadowmesh/api';
import { PROXY_PROTOCOL_VERSION } from '@shadowmesh/api';
import type { TelemetryRecorder } from '@shadowmesh/telemetry';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { ControlPlaneStatus } from './admin-handler.js';
import type { ConfigState } from './config-state.js';
import type { FlowBuffer } from './flow-buffer.js';
import type { TapSessions } from './tap-sessions.js';

export interface ControlPlaneClientOptions {
  url: string;
  token: string | null;
  identity: ProxyIdentity;
  config: ConfigState;
  telemetry: TelemetryRecorder;
  /** Captured flows, sent as one `flows` message per telemetry interval when there is something to send. */
  flows: FlowBuffer | null;
  /** Replaced by each `tap` message; emptied when the connection is lost (a new one gets a new list). */
  taps: TapSessions | null;
  logger: Logger;
  telemetryIntervalMs: number;
  backoff: { baseMs: number; maxMs: number };
  /** Jitter source. */
  random: () => number;
}

/** Telemetry waits (stays pending, merged into the next delta) while this much is unsent on the socket. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 10_000;

export class ControlPlaneClient {
  private ws: WebSocket | null = null;
  private failures = 0;
  private closed = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly telemetryTimer: ReturnType<typeof setInterval>;
  private readonly heartbeatTimer: ReturnType<typeof setInterval>;
  private alive = false;
  private lastAckedVersion: string | null = null;
  private lastNack: { version: string; error: string } | null = null;

  constructor(private readonly o: ControlPlaneClientOptions) {
    this.telemetryTimer = setInterval(() => this.flushTelemetry(), o.telemetryIntervalMs);
    this.telemetryTimer.unref();
    this.heartbeatTimer = setInterval(() => this.heartbeat(), HEARTBEAT_MS);
    this.heartbeatTimer.unref();
  }

  /** The WebSocket endpoint for a control-plane base URL (`http://127.0.0.1:20001`). */
  static endpoint(base: string): string {
    const url = new URL(base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/proxies/connect`;
    return url.toString();
  }

  start(): void {
    if (this.closed) return;
    const headers: Record<string, string> = {};
    if (this.o.token !== null) headers.authorization = `Bearer ${this.o.token}`;
    const ws = new WebSocket(ControlPlaneClient.endpoint(this.o.url), {
      headers,
      handshakeTimeout: 5_000,
      perMessageDeflate: false,
    });
    this.ws = ws;
    ws.on('open', () => {
      this.alive = true;
      // A new connection knows no telemetry key ids: the next compact delta binds every key again.
      this.o.telemetry.resetKeys();
      const hello: ProxyToControlPlane = {
        type: 'hello',
        protocolVersion: PROXY_PROTOCOL_VERSION,
        proxy: this.o.identity,
        ...(this.o.config.snapshot ? { lastConfigVersion: this.o.config.snapshot.version } : {}),
      };
      this.send(hello);
      this.o.logger.info({ url: this.o.url }, 'connected to the control plane');
    });
    ws.on('message', (data) => this.onMessage(data.toString()));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('unexpected-response', (_req, res) => {
      this.o.logger.warn({ status: res.statusCode }, 'control plane refused the connection');
      res.resume();
      ws.terminate();
    });
    ws.on('error', (err) => this.o.logger.debug({ err: err.message }, 'control plane connection error'));
    ws.on('close', () => {
      if (this.ws === ws) this.ws = null;
      // Sessions belong to the control plane's tap clients: it sends them again when we are back.
      this.o.taps?.replace([]);
      this.scheduleReconnect();
    });
  }

  status(): ControlPlaneStatus {
    return {
      mode: 'control-plane',
      connected: this.ws?.readyState === WebSocket.OPEN,
      url: this.o.url,
      lastAckedVersion: this.lastAckedVersion,
      lastNack: this.lastNack,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.telemetryTimer);
    clearInterval(this.heartbeatTimer);
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws === null || ws.readyState === WebSocket.CLOSED) return;
    if (ws.readyState === WebSocket.OPEN) this.flushTelemetry(ws);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 1_000);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(1000, 'proxy shutting down');
    });
  }

  private onMessage(text: string): void {
    let message: ControlPlaneToProxy;
    try {
      message = JSON.parse(text) as ControlPlaneToProxy;
    } catch {
      this.o.logger.warn('control plane sent a message that is not JSON');
      return;
    }
    switch (message?.type) {
      case 'welcome':
        this.failures = 0;
        this.o.logger.info({ proxyId: message.proxyId, serverVersion: message.serverVersion }, 'welcomed');
        return;
      case 'config':
        this.onConfig(message.snapshot);
        return;
      case 'tap': {
        const errors = this.o.taps?.replace(message.sessions) ?? [];
        if (errors.length > 0) this.o.logger.warn({ errors }, 'tap sessions skipped');
        return;
      }
      case 'error':
        this.o.logger.warn({ code: message.code }, `control plane error: ${message.message}`);
        return;
      default:
        this.o.logger.debug({ type: (message as { type?: unknown })?.type }, 'ignored control plane message');
    }
  }

  private onConfig(snapshot: ProxyConfigSnapshot): void {
    this.failures = 0;
    const version = typeof snapshot?.version === 'string' ? snapshot.version : null;
    if (version === null || !Array.isArray(snapshot.resources) || !Array.isArray(snapshot.endpoints)) {
      const error = 'config.snapshot: expected { version: string, resources: [], endpoints: [] }';
      this.lastNack = { version: version ?? '', error };
      this.send({ type: 'nack', version: version ?? '', error });
      return;
    }
    const result = this.o.config.apply(snapshot);
    if (result.ok) {
      this.lastAckedVersion = version;
      if (result.changed) this.o.logger.info({ version }, 'config applied');
      this.send({ type: 'ack', version });
    } else {
      this.lastNack = { version, error: result.error };
      this.o.logger.warn({ version, error: result.error }, 'config rejected; keeping the previous one');
      this.send({ type: 'nack', version, error: result.error });
    }
  }

  private flushTelemetry(ws: WebSocket | null = this.ws): void {
    if (ws === null || ws.readyState !== WebSocket.OPEN || ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
    const delta = this.o.telemetry.takeCompactDelta(Date.now());
    if (delta !== null) this.send({ type: 'telemetry', payload: delta }, ws);
    const flows = this.o.flows?.take() ?? null;
    if (flows !== null) this.send({ type: 'flows', payload: flows }, ws);
  }

  private heartbeat(): void {
    const ws = this.ws;
    if (ws === null || ws.readyState !== WebSocket.OPEN) return;
    if (!this.alive) {
      this.o.logger.warn('control plane stopped answering pings; reconnecting');
      ws.terminate();
      return;
    }
    this.alive = false;
    ws.ping();
  }

  private send(message: ProxyToControlPlane, ws: WebSocket | null = this.ws): void {
    if (ws === null || ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify(message), (err) => {
      if (err) this.o.logger.debug({ err: err.message }, 'send to control plane failed');
    });
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== null) return;
    const { baseMs, maxMs } = this.o.backoff;
    const ceiling = Math.min(maxMs, baseMs * 2 ** this.failures);
    const delay = Math.round(ceiling * (0.5 + 0.5 * this.o.random()));
    this.failures++;
    this.o.logger.debug({ delayMs: delay }, 'reconnecting to the control plane');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.start();
    }, delay);
    this.reconnectTimer.unref();
  }
}
