import { describe, expect, it } from 'vitest';
import { DeadlineWheel } from './deadline-wheel.js';
import { waitFor } from './testing/http-client.js';

describe('DeadlineWheel', () => {
  it('runs due callbacks in order, skips cancelled ones, and stops its timer when idle', async () => {
    const wheel = new DeadlineWheel(5);
    const fired: string[] = [];
    wheel.after(30, () => fired.push('late'));
    wheel.after(0, () => fired.push('now'));
    const cancelled = wheel.after(10, () => fired.push('cancelled'));
    cancelled.cancel();
    cancelled.cancel();
    expect(wheel.size).toBe(2);
    await waitFor(() => fired.length === 2, 'both deadlines');
    expect(fired).toEqual(['now', 'late']);
    expect(wheel.size).toBe(0);
    wheel.close();
  });

  it('keeps going when a callback throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const wheel = new DeadlineWheel(5, (err) => errors.push(err));
    let ran = false;
    wheel.after(1, () => {
      throw new Error('boom');
    });
    wheel.after(1, () => {
      ran = true;
    });
    await waitFor(() => ran, 'the second callback');
    expect(errors).toHaveLength(1);
    wheel.close();
  });

  it('lets a callback schedule another deadline', async () => {
    const wheel = new DeadlineWheel(5);
    let second = false;
    wheel.after(1, () => wheel.after(1, () => (second = true)));
    await waitFor(() => second, 'the chained deadline');
    wheel.close();
  });

  it('drops everything on close', () => {
    const wheel = new DeadlineWheel(5);
    wheel.after(1, () => {
      throw new Error('must not run');
    });
    wheel.close();
    expect(wheel.size).toBe(0);
  });
});
