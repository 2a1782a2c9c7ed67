// Acceptance: the Music app tutorial through the ingress gateway — the 90/10 canary, then 100 % v2 mirrored
// to v3, then 30/70 — with shares counted from the back sidecars' access logs over 1,000 requests each.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MUSIC_WORKLOADS, startLoadGenerator } from '@shadowmesh/demo';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessLog, type MeshTestbed, startMeshTestbed, tutorialFile } from '../mesh/testing/mesh-harness.js';
import { readWorkloads } from '../mesh/workloads-file.js';

const N = 1000;
const VERSIONS = ['v1', 'v2', 'v3'] as const;
type Version = (typeof VERSIONS)[number];
type Counts = Record<Version, { primary: number; shadow: number }>;

let bed: MeshTestbed;
let gateway: string;

beforeAll(async () => {
  bed = await startMeshTestbed();
  const workloads = join(bed.dataDir, 'music-workloads.yaml');
  writeFileSync(workloads, MUSIC_WORKLOADS);
  // music-gateway.yaml has a Gateway selecting istio=ingressgateway, so run starts one.
  await bed.run(['-f', workloads, '-f', tutorialFile('music-gateway.yaml')]);
  gateway = readWorkloads(bed.dataDir).find((w) => w.kind === 'gateway')?.inbound as string;
  expect(gateway).toMatch(/^127\.0\.0\.1:\d+$/);
}, 40_000);

afterAll(() => bed?.close(), 30_000);

const lastSeq = async (version: Version) =>
  (await accessLog(bed, `back-${version}`, 'music', 1)).at(-1)?.seq ?? 0;

async function countSince(start: Record<Version, number>): Promise<Counts> {
  const counts = {} as Counts;
  for (const v of VERSIONS) {
    const entries = (await accessLog(bed, `back-${v}`, 'music')).filter((e) => e.seq > start[v]);
    counts[v] = {
      primary: entries.filter((e) => !e.shadow).length,
      shadow: entries.filter((e) => e.shadow).length,
    };
  }
  return counts;
}

/** Applies a tutorial step, sends N requests to `/` through the gateway (front → back), counts at back. */
async function step(file: string, settled: (c: Counts) => boolean = () => true): Promise<Counts> {
  await bed.applyAndSync(tutorialFile(file));
  const start = { v1: await lastSeq('v1'), v2: await lastSeq('v2'), v3: await lastSeq('v3') };
  const load = await startLoadGenerator({
    target: `http://${gateway}`,
    host: 'music.example.com',
    rate: 500,
    concurrency: 16,
    limit: N,
    paths: '/',
  });
  const stats = await load.done();
  await load.close();
  expect(stats).toMatchObject({ sent: N, ok: N });
  let counts = await countSince(start);
  await vi.waitFor(
    async () => {
      counts = await countSince(start);
      expect(settled(counts)).toBe(true);
    },
    { timeout: 10_000 },
  );
  return counts;
}

function expectShare(observed: number, p: number): void {
  const sigma = Math.sqrt(N * p * (1 - p));
  expect(Math.abs(observed - N * p), `${observed} of ${N}, expected ${N * p} ± ${4 * sigma}`).toBeLessThan(
    4 * sigma,
  );
}

describe('the Music app tutorial', () => {
  it('music-canary.yaml: back v1 90 %, v2 10 % (4σ over 1,000 requests)', async () => {
    const c = await step('music-canary.yaml');
    expect(c.v1.primary + c.v2.primary).toBe(N);
    expectShare(c.v2.primary, 0.1);
    expect([c.v3.primary, c.v1.shadow, c.v2.shadow, c.v3.shadow]).toEqual([0, 0, 0, 0]);
  }, 40_000);

  it('music-mirror.yaml: all of it to v2, every request mirrored to v3', async () => {
    const c = await step('music-mirror.yaml', (counts) => counts.v3.shadow >= N);
    expect(c).toEqual({
      v1: { primary: 0, shadow: 0 },
      v2: { primary: N, shadow: 0 },
      v3: { primary: 0, shadow: N },
    });
  }, 40_000);

  it('music-shift.yaml: v2 30 %, v3 70 % (4σ over 1,000 requests), no more mirroring', async () => {
    const c = await step('music-shift.yaml');
    expect(c.v2.primary + c.v3.primary).toBe(N);
    expectShare(c.v3.primary, 0.7);
    expect([c.v1.primary, c.v3.shadow]).toEqual([0, 0]);
  }, 40_000);
});
