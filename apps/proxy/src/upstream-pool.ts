// Keep-alive connection pools, one http.Agent per upstream endpoint address. Primary and mirror traffic
// use separate pools so a stuck mirror target never holds a socket the primary path could reuse.
import { Agent } from 'node:http';
import { splitAuthority } from './host-port.js';

export interface UpstreamTarget {
  agent: Agent;
  host: string;
  port: number;
}

export class UpstreamPool {
  private readonly targets = new Map<string, UpstreamTarget>();

  constructor(private readonly maxFreeSockets = 256) {}

  /** The pool for `address` (`host:port`, port 80 when absent). */
  target(address: string): UpstreamTarget {
    let target = this.targets.get(address);
    if (target === undefined) {
      const { host, port } = splitAuthority(address);
      target = {
        agent: new Agent({
          keepAlive: true,
          keepAliveMsecs: 1000,
          maxSockets: Number.POSITIVE_INFINITY,
          maxFreeSockets: this.maxFreeSockets,
          scheduling: 'lifo',
          // Idle pooled sockets are closed after this long (active requests are not affected).
          timeout: 30_000,
        }),
        host,
        port: port ?? 80,
      };
      this.targets.set(address, target);
    }
    return target;
  }

  close(): void {
    for (const target of this.targets.values()) target.agent.destroy();
    this.targets.clear();
  }
}
