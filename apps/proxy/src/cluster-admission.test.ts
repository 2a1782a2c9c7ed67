import { describe, expect, it } from 'vitest';
import { ClusterAdmission } from './cluster-admission.js';

const limits = { maxConnections: 2, maxPendingRequests: 2, maxRequests: 10 };
const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('ClusterAdmission', () => {
  it('grants up to maxConnections, queues up to maxPendingRequests, then overflows', () => {
    const a = new ClusterAdmission();
    const granted = [a.request('c', limits, () => {}), a.request('c', limits, () => {})];
    expect(granted.map((s) => s?.granted)).toEqual([true, true]);
    const waiting = [a.request('c', limits, () => {}), a.request('c', limits, () => {})];
    expect(waiting.map((s) => s?.granted)).toEqual([false, false]);
    expect(a.request('c', limits, () => {})).toBeNull();
    expect(a.stats()).toEqual({ c: { active: 2, pending: 2, overflows: 1 } });
  });

  it('hands a freed slot to the oldest waiter, never synchronously; a cancelled waiter leaves the queue', async () => {
    const a = new ClusterAdmission();
    const order: string[] = [];
    const first = a.request('c', limits, () => {});
    a.request('c', limits, () => {});
    const cancelled = a.request('c', limits, () => order.push('cancelled'));
    a.request('c', limits, () => order.push('second waiter'));
    cancelled?.release();
    first?.release();
    expect(order).toEqual([]);
    await tick();
    expect(order).toEqual(['second waiter']);
    expect(a.stats().c).toEqual({ active: 2, pending: 0, overflows: 0 });
  });

  it('overflows at once past maxRequests, and drops copies instead of queueing them', () => {
    const a = new ClusterAdmission();
    const tight = { maxConnections: 5, maxPendingRequests: 5, maxRequests: 1 };
    expect(a.request('c', tight, () => {})?.granted).toBe(true);
    expect(a.request('c', tight, () => {})).toBeNull();
    const copies = { maxConnections: 1, maxPendingRequests: 5, maxRequests: 5 };
    const copy = a.take('m', copies);
    expect(copy?.granted).toBe(true);
    expect(a.take('m', copies)).toBeNull();
    copy?.release();
    copy?.release();
    expect(a.stats().m).toEqual({ active: 0, pending: 0, overflows: 1 });
    expect(a.take('m', copies)?.granted).toBe(true);
  });
});
