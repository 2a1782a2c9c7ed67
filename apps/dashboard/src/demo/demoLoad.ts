// The demo load generator's rate: read from `/api/v1/demo` (`load: null` when no demo runs: no 404 for the
// browser to log), changed with `PUT /api/v1/demo/load`.
import type { DemoInfo, DemoLoadStatus } from '@shadowmesh/api';
import { queryOptions } from '@tanstack/react-query';
import { apiFetch, apiSend } from '../api/client';

export const DEMO_PATH = '/api/v1/demo';
export const DEMO_LOAD_PATH = '/api/v1/demo/load';
export const demoLoadKey = ['demo', 'load'] as const;

/** The rate and counts, or null when no demo runs; polled every 5 s for the counts. */
export const demoLoadQuery = () =>
  queryOptions({
    queryKey: demoLoadKey,
    queryFn: async ({ signal }): Promise<DemoLoadStatus | null> =>
      (await apiFetch<DemoInfo>(DEMO_PATH, { signal })).load,
    refetchInterval: 5_000,
  });

export function putDemoLoad(rps: number): Promise<DemoLoadStatus> {
  return apiSend<DemoLoadStatus>('PUT', DEMO_LOAD_PATH, { rps });
}

export type RpsInput = { ok: true; rps: number } | { ok: false; message: string };

/** What the user typed, as a rate the control plane accepts (0 pauses), or why not. */
export function parseRpsInput(text: string, maxRps: number): RpsInput {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter requests per second (0 pauses the load).' };
  const rps = Number(trimmed);
  if (!Number.isFinite(rps)) return { ok: false, message: `"${trimmed}" is not a number.` };
  if (rps < 0 || rps > maxRps) return { ok: false, message: `Enter 0 to ${maxRps} requests per second.` };
  return { ok: true, rps };
}

/** The slider's top: a little above the current rate (at least 100), so small rates stay easy to pick. */
export function sliderMax(rps: number, maxRps: number): number {
  const top = Math.max(100, 10 ** Math.ceil(Math.log10(Math.max(rps, 1) * 2)));
  return Math.min(top, maxRps);
}

/** `12 req/s · 340 sent, 2 failed`: the rate and what it did. */
export function describeLoad(status: DemoLoadStatus): string {
  const parts = [`${status.sent} sent`];
  if (status.failed > 0) parts.push(`${status.failed} failed`);
  if (status.errors > 0) parts.push(`${status.errors} without answer`);
  if (status.skipped > 0) parts.push(`${status.skipped} skipped`);
  return `${status.rps === 0 ? 'paused' : `${status.rps} req/s`} · ${parts.join(', ')}`;
}
