// Envoy's per-cluster circuit breakers for HTTP/1.1, where each request in flight holds one connection:
// `maxConnections` requests at once, then up to `maxPendingRequests` wait (FIFO) for one to end, and past
// `maxRequests` in flight (or a full queue) the request overflows (503, flag UO). Mirror copies never wait:
// they take a slot now or are dropped. State is kept per cluster name across config pushes (names come
// from config, never from clients, so the map stays small).
import type { ConnectionLimits } from '@shadowmesh/routing';

type Limits = Pick<ConnectionLimits, 'maxConnections' | 'maxPendingRequests' | 'maxRequests'>;

interface ClusterSlots {
  active: number;
  /** Insertion-ordered: the first is the oldest waiter; deleting a cancelled one is O(1). */
  readonly pending: Set<AdmissionSlot>;
  /** Requests and copies refused for a full queue or too many in flight. */
  overflows: number;
}

/** One request's claim on a cluster: granted now, or waiting until `onGrant` is called. */
export class AdmissionSlot {
  granted = false;
  private done = false;

  constructor(
    private readonly owner: ClusterAdmission,
    readonly cluster: string,
    readonly onGrant: () => void,
  ) {}

  /** Frees the slot (or leaves the queue); once. */
  release(): void {
    if (this.done) return;
    this.done = true;
    this.owner.release(this);
  }
}

export class ClusterAdmission {
  private readonly clusters = new Map<string, ClusterSlots>();

  /**
   * A primary request to `cluster`: a granted slot, a waiting one (`onGrant` runs when a slot frees, never
   * synchronously), or null when it overflows.
   */
  request(cluster: string, limits: Limits, onGrant: () => void): AdmissionSlot | null {
    const slots = this.slots(cluster);
    const slot = new AdmissionSlot(this, cluster, onGrant);
    if (slots.active < limits.maxConnections && slots.active < limits.maxRequests) {
      slots.active++;
      slot.granted = true;
      return slot;
    }
    if (slots.active >= limits.maxRequests || slots.pending.size >= limits.maxPendingRequests) {
      slots.overflows++;
      return null;
    }
    slots.pending.add(slot);
    return slot;
  }

  /** A mirror copy: a granted slot now, or null (the copy is dropped, never queued). */
  take(cluster: string, limits: Limits): AdmissionSlot | null {
    const slots = this.slots(cluster);
    if (slots.active >= limits.maxConnections || slots.active >= limits.maxRequests) {
      slots.overflows++;
      return null;
    }
    slots.active++;
    const slot = new AdmissionSlot(this, cluster, noop);
    slot.granted = true;
    return slot;
  }

  /** In flight, waiting and overflowed so far, per cluster (for `/stats/prometheus` and config_dump). */
  stats(): Record<string, { active: number; pending: number; overflows: number }> {
    const out: Record<string, { active: number; pending: number; overflows: number }> = {};
    for (const [name, s] of this.clusters)
      out[name] = { active: s.active, pending: s.pending.size, overflows: s.overflows };
    return out;
  }

  release(slot: AdmissionSlot): void {
    const slots = this.clusters.get(slot.cluster);
    if (slots === undefined) return;
    if (!slot.granted) {
      slots.pending.delete(slot);
    } else {
      slots.active--;
      // The slot passes to the oldest waiter, outside the caller's stack (it is ending an exchange).
      const next = slots.pending.values().next();
      if (!next.done) {
        slots.pending.delete(next.value);
        slots.active++;
        next.value.granted = true;
        queueMicrotask(next.value.onGrant);
      }
    }
  }

  private slots(cluster: string): ClusterSlots {
    let slots = this.clusters.get(cluster);
    if (slots === undefined) {
      slots = { active: 0, pending: new Set(), overflows: 0 };
      this.clusters.set(cluster, slots);
    }
    return slots;
  }
}

function noop(): void {}
