// Requests that would come back to this proxy forever. The sidecar's outbound listener is an HTTP proxy: a
// request whose Host is one of this proxy's own listen addresses (`HTTP_PROXY=… curl http://127.0.0.1:15001/`)
// would be passed through to itself, which passes it through again, until sockets run out. And a route
// whose endpoint is this proxy's own listener brings its request back carrying the `x-shadowmesh-peer`
// header this very proxy added. Both are refused with a local reply before anything is forwarded.
import { hostname, networkInterfaces } from 'node:os';
import { PEER_HEADER } from './forwarded-headers.js';
import { splitAuthority } from './host-port.js';

/**
 * 508 Loop Detected (RFC 5842 §7.2) says exactly what happened, and no Envoy status fits better; the flag
 * is NR because no route may take this request anywhere but back here.
 */
export const LOOP_STATUS = 508;
export const LOOP_FLAG = 'NR';

const WILDCARDS: ReadonlySet<string> = new Set(['0.0.0.0', '::']);
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

function normalizeHost(host: string): string {
  let h = host.toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h.startsWith('::ffff:')) h = h.slice(7);
  return h;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

export class LoopGuard {
  /** Marks this proxy's own `x-shadowmesh-peer` values (see peer-identity.ts). */
  readonly instance: string;
  private readonly marker: string;
  /** Per listening port: the host names and addresses that reach it. */
  private readonly own = new Map<number, Set<string>>();
  /** Ports bound on a wildcard address (any local address reaches them, e.g. any 127.x). */
  private readonly wildcardPorts = new Set<number>();

  constructor(instance: string) {
    this.instance = instance;
    this.marker = `;i=${instance}`;
  }

  /** Registers a bound listener (`127.0.0.1:15001`, `[::]:15001`): requests addressed to it are refused. */
  addListener(address: string): void {
    const { host, port } = splitAuthority(address);
    if (port === null) return;
    const h = normalizeHost(host);
    let names = this.own.get(port);
    if (names === undefined) {
      names = new Set();
      this.own.set(port, names);
    }
    names.add(h);
    if (isLoopback(h)) for (const n of LOOPBACK_NAMES) names.add(n);
    if (WILDCARDS.has(h)) {
      this.wildcardPorts.add(port);
      for (const n of [...LOOPBACK_NAMES, '0.0.0.0', '::', hostname().toLowerCase()]) names.add(n);
      for (const list of Object.values(networkInterfaces()))
        for (const info of list ?? []) names.add(normalizeHost(info.address));
    }
  }

  /** True when `authority` (its port, or `port` when it names none) is one of this proxy's listeners. */
  addressesSelf(authority: string, port: number): boolean {
    const names = this.own.get(port);
    if (names === undefined) return false;
    const host = normalizeHost(splitAuthority(authority).host);
    return names.has(host) || (this.wildcardPorts.has(port) && host.startsWith('127.'));
  }

  /** True when the request carries an `x-shadowmesh-peer` value this proxy wrote. */
  sentByMe(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
    const value = headers[PEER_HEADER];
    if (value === undefined) return false;
    if (typeof value === 'string') return value.includes(this.marker);
    return value.some((v) => v.includes(this.marker));
  }
}
