// Many real WebSocket proxy clients for load and fault tests: each speaks the proxy protocol
// (hello → welcome + config; an ACK for every config snapshot), tracks what it received and ACKed, and
// can reconnect at once when its socket closes. Reconnects are deliberately the worst case: no back-off
// and no jitter — every proxy that is down retries on one shared ticker, all in the same tick.
import { readFileSync } from 'node:fs';
import {
  type ControlPlaneToProxy,
  PROXY_PROTOCOL_VERSION,
  type ProxyConfigSnapshot,
  type ProxyIdentity,
} from '@shadowmesh/api';
import WebSocket from 'ws';

export interface FleetProxy {
  readonly identity: ProxyIdentity;
  /** True from `welcome` until the socket closes. */
  welcomed: boolean;
  /** The last snapshot received (and ACKed). */
  version: string | null;
  /** `metadata.labels.seq` of the marker resource in the last snapshot, or null. */
  marker: string | null;
  endpoints: number;
  /** Sockets opened / welcomes received / config snapshots received, since the fleet started. */
  attempts: number;
  welcomes: number;
  configs: number;
  /** `error` messages from the control plane. */
  errors: string[];
}

interface Slot {
  proxy: FleetProxy;
  ws: WebSocket | null;
}

export interface FleetOptions {
  /** The control plane's base URL (http://host:port). */
  url: string;
  identities: ProxyIdentity[];
  /** Name of the resource whose `seq` label each proxy reports as `marker`. */
  markerName?: string;
  /** Retry interval of the shared reconnect ticker (fixed: no back-off). */
  retryMs?: number;
}

export class ProxyFleet {
  readonly proxies: FleetProxy[];
  /** When true, a proxy whose socket closes reconnects at once, then on every tick until it is back. */
  autoReconnect = true;
  readonly #slots: Slot[];
  readonly #url: string;
  readonly #markerName: string;
  readonly #ticker: NodeJS.Timeout;
  #closed = false;

  constructor(options: FleetOptions) {
    this.#url = `${options.url.replace(/^http/, 'ws')}/api/v1/proxies/connect`;
    this.#markerName = options.markerName ?? 'storm-marker';
    this.#slots = options.identities.map((identity) => ({
      ws: null,
      proxy: {
        identity,
        welcomed: false,
        version: null,
        marker: null,
        endpoints: 0,
        attempts: 0,
        welcomes: 0,
        configs: 0,
        errors: [],
      },
    }));
    this.proxies = this.#slots.map((s) => s.proxy);
    this.#ticker = setInterval(() => this.#tick(), options.retryMs ?? 50);
  }

  /** Opens a socket for every proxy that has none, all in this tick. */
  connectAll(): void {
    for (const slot of this.#slots) if (!slot.ws) this.#open(slot);
  }

  /**
   * Drops every socket at once (no closing handshake, as a network cut or a proxy host freezing), and,
   * with `reconnect`, opens a new one for each proxy in the same tick.
   */
  dropAll(reconnect: boolean): void {
    const old = this.#slots.map((s) => s.ws);
    for (const slot of this.#slots) {
      slot.ws = null;
      slot.proxy.welcomed = false;
    }
    for (const ws of old) ws?.terminate();
    if (reconnect) this.connectAll();
  }

  /** Proxies welcomed on their current socket. */
  welcomedCount(): number {
    return this.proxies.filter((p) => p.welcomed).length;
  }

  /** True when every proxy is welcomed and has ACKed one same snapshot; returns its version. */
  converged(test: (p: FleetProxy) => boolean = () => true): string | null {
    const first = this.proxies[0]?.version ?? null;
    if (first === null) return null;
    for (const p of this.proxies) if (!p.welcomed || p.version !== first || !test(p)) return null;
    return first;
  }

  close(): void {
    this.#closed = true;
    clearInterval(this.#ticker);
    for (const slot of this.#slots) {
      slot.ws?.terminate();
      slot.ws = null;
    }
  }

  #tick(): void {
    if (this.#closed || !this.autoReconnect) return;
    for (const slot of this.#slots) if (!slot.ws) this.#open(slot);
  }

  #open(slot: Slot): void {
    if (this.#closed) return;
    const proxy = slot.proxy;
    proxy.attempts++;
    const ws = new WebSocket(this.#url, { perMessageDeflate: false });
    slot.ws = ws;
    ws.on('open', () => {
      ws.send(
        JSON.stringify({ type: 'hello', protocolVersion: PROXY_PROTOCOL_VERSION, proxy: proxy.identity }),
      );
    });
    ws.on('message', (data) => {
      if (slot.ws !== ws) return;
      const message = JSON.parse(String(data)) as ControlPlaneToProxy;
      if (message.type === 'welcome') {
        proxy.welcomed = true;
        proxy.welcomes++;
      } else if (message.type === 'config') {
        this.#config(proxy, message.snapshot);
        ws.send(JSON.stringify({ type: 'ack', version: message.snapshot.version }));
      } else if (message.type === 'error') {
        proxy.errors.push(`${message.code}: ${message.message}`);
      }
    });
    ws.on('error', () => {
      // Refused while the control plane is down, or reset: 'close' follows.
    });
    ws.on('close', () => {
      if (slot.ws !== ws) return;
      slot.ws = null;
      proxy.welcomed = false;
      if (this.autoReconnect && !this.#closed) this.#open(slot);
    });
  }

  #config(proxy: FleetProxy, snapshot: ProxyConfigSnapshot): void {
    proxy.configs++;
    proxy.version = snapshot.version;
    proxy.endpoints = snapshot.endpoints.length;
    const marker = snapshot.resources.find((r) => r.metadata.name === this.#markerName);
    proxy.marker = marker?.metadata.labels?.seq ?? null;
  }
}

/** /proc figures of one process (Linux): CPU seconds used so far (user + system) and RSS now / peak. */
export function processFigures(pid: number): { cpuSeconds: number; rssMb: number; peakRssMb: number } {
  // Fields after the parenthesised command: state is field 3, utime 14, stime 15 (clock ticks).
  const stat = readProc(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readProc(`/proc/${pid}/status`);
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { cpuSeconds: ticks / CLOCK_TICKS, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** USER_HZ: 100 on every Linux architecture Node runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

function readProc(path: string): string {
  return readFileSync(path, 'utf8');
}
