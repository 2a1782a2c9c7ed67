// How long to wait before reconnecting: exponential from 500 ms to 15 s, with jitter (half to all
// of the step) so many browsers do not come back at the same instant after a restart.

export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 15_000;

/** Delay before reconnect attempt `attempt` (0 for the first); `random` returns 0..1. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(Math.max(attempt, 0), 10));
  return Math.round(step / 2 + (step / 2) * Math.min(Math.max(random(), 0), 1));
}
