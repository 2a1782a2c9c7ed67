// Every `/api/v1/tap` client. Each subscribed client is a proxy tap session: while there is at least
// one, every connected proxy is sent `{type:'tap', sessions}` (again on every subscribe, unsubscribe or
// close, and to each proxy that connects meanwhile), so proxies capture every matching request up to
// the client's rate. Exchanges the flows service adds or changes go to each client whose filter they
// match. A shared one-second tick resets rate allowances and reports drops.
import { randomUUID } from 'node:crypto';
import type { ControlPlaneToProxy, TapSessionSpec } from '@shadowmesh/api';
import type { RawData, WebSocket } from 'ws';
import type { ProxyEntry, ProxyRegistry } from '../../push/proxy-registry.js';
import type { ServiceLogger } from '../../service-logger.js';
import type { HeldExchange } from '../exchange-ring.js';
import { exchangeMatches } from '../flow-filter.js';
import type { FlowsService } from '../flows-service.js';
import { TapClient } from './tap-client.js';
import { parseTapSubscribe } from './tap-subscribe.js';

export interface TapHubOptions {
  flows: FlowsService;
  registry: ProxyRegistry;
  log: ServiceLogger;
  /** Rate window and `dropped` reports (default 1000 ms; 0: only when `tick()` is called). */
  tickMs?: number;
  /** Unsent bytes a client may hold and still be sent more (default 1 MiB). */
  maxBufferedBytes?: number;
  /** Ping interval; a client silent for a whole interval is dropped (default 30 000). */
  pingMs?: number;
}

/** Most tap clients at once; more are refused (each is a session on every proxy). */
export const MAX_TAP_CLIENTS = 64;
/** RFC 6455 1013: try again later. */
const TRY_AGAIN_LATER = 1013;

export class TapHub {
  readonly clients = new Set<TapClient>();
  readonly #options: TapHubOptions;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #unsubscribe: Array<() => void>;
  /** Whether proxies were last told of at least one session (an empty list is sent once, to end them). */
  #announced = false;

  constructor(options: TapHubOptions) {
    this.#options = options;
    const tickMs = options.tickMs ?? 1000;
    if (tickMs > 0) this.#timers.push(setInterval(() => this.tick(), tickMs));
    this.#timers.push(setInterval(() => this.#ping(), options.pingMs ?? 30_000));
    for (const t of this.#timers) t.unref();
    this.#unsubscribe = [
      options.flows.onChange((exchange) => this.#publish(exchange)),
      options.registry.onWelcome((entry) => this.#welcome(entry)),
    ];
  }

  /** The proxy tap sessions now active (one per subscribed client). */
  sessions(): TapSessionSpec[] {
    const out: TapSessionSpec[] = [];
    for (const c of this.clients) {
      const session = c.session();
      if (session !== null) out.push(session);
    }
    return out;
  }

  /** Serves one WebSocket until it closes. Nothing thrown here escapes the socket callbacks. */
  attach(socket: WebSocket): void {
    const { log } = this.#options;
    if (this.clients.size >= MAX_TAP_CLIENTS) {
      socket.close(TRY_AGAIN_LATER, `at most ${MAX_TAP_CLIENTS} tap clients`);
      return;
    }
    const client = new TapClient(randomUUID(), socket, this.#options.maxBufferedBytes ?? 1024 * 1024);
    this.clients.add(client);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      try {
        this.#onMessage(client, data, isBinary);
      } catch (error) {
        log.error({ err: error }, 'tap message handling failed');
      }
    });
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('error', (error) => log.debug({ err: error }, 'tap socket error'));
    socket.on('close', () => {
      this.clients.delete(client);
      if (client.subscription !== null) this.#announce();
    });
  }

  /** One second: rate allowances reset, drops reported. */
  tick(): void {
    for (const c of this.clients) {
      try {
        c.tick();
      } catch (error) {
        this.#options.log.debug({ err: error }, 'tap tick failed');
      }
    }
  }

  close(): void {
    for (const t of this.#timers) clearInterval(t);
    for (const off of this.#unsubscribe) off();
    if (this.#announced) this.#sendToProxies([]);
  }

  #onMessage(client: TapClient, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      client.send({ type: 'error', code: 'CP_ERR_BAD_REQUEST', message: 'send JSON text', field: '(root)' });
      return;
    }
    const parsed = parseTapSubscribe(rawText(data));
    if (!parsed.ok) {
      client.send({
        type: 'error',
        code: 'CP_ERR_BAD_REQUEST',
        message: parsed.message,
        field: parsed.field,
      });
      return;
    }
    if (!client.allowSubscribe(Date.now())) {
      const message = 'too many subscribe messages: at most 5 a second';
      client.send({ type: 'error', code: 'CP_ERR_BAD_REQUEST', message, field: '(root)' });
      return;
    }
    client.subscribe(parsed.subscription);
    this.#announce();
    // What the control plane already holds that matches, newest last, within the client's allowance.
    const held = this.#options.flows.list(
      { filter: parsed.subscription.filter },
      parsed.subscription.ratePerSecond,
    );
    for (const summary of held.items.reverse()) client.offer(summary.id, () => summary);
  }

  #publish(exchange: HeldExchange): void {
    let summary: ReturnType<FlowsService['summary']> | null = null;
    const lazy = () => {
      summary ??= this.#options.flows.summary(exchange);
      return summary;
    };
    for (const c of this.clients) {
      const sub = c.subscription;
      if (sub === null || !exchangeMatches(sub.filter, exchange.primary, exchange.copies)) continue;
      try {
        c.offer(exchange.id, lazy);
      } catch (error) {
        this.#options.log.debug({ err: error }, 'sending a flow to a tap client failed');
      }
    }
  }

  /** Sends the session list to every connected proxy (an empty one once, when the last session ends). */
  #announce(): void {
    const sessions = this.sessions();
    if (sessions.length === 0 && !this.#announced) return;
    this.#announced = sessions.length > 0;
    this.#sendToProxies(sessions);
  }

  #welcome(entry: ProxyEntry): void {
    const sessions = this.sessions();
    if (sessions.length > 0) this.#sendTo(entry, tapMessage(sessions));
  }

  #sendToProxies(sessions: TapSessionSpec[]): void {
    const message = tapMessage(sessions);
    for (const entry of this.#options.registry.connected()) this.#sendTo(entry, message);
  }

  #sendTo(entry: ProxyEntry, message: string): void {
    try {
      entry.connection?.send(message);
    } catch (error) {
      this.#options.log.warn(
        { err: error, proxy: entry.identity.id },
        'sending tap sessions to proxy failed',
      );
    }
  }

  #ping(): void {
    for (const c of this.clients) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function tapMessage(sessions: TapSessionSpec[]): string {
  const message: ControlPlaneToProxy = { type: 'tap', sessions };
  return JSON.stringify(message);
}
