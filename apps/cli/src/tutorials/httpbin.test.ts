// Acceptance: Istio's httpbin mirroring tutorial with `run`, `apply`, `exec` and `logs` instead of kubectl,
// its YAML unchanged (real processes: build first).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessLog, type MeshTestbed, startMeshTestbed, tutorialFile } from '../mesh/testing/mesh-harness.js';

let bed: MeshTestbed;

beforeAll(async () => {
  bed = await startMeshTestbed();
  await bed.run(['-f', tutorialFile('httpbin-workloads.yaml')]);
}, 40_000);

afterAll(() => bed?.close(), 30_000);

const curlHeaders = () => bed.cli(['exec', 'sleep', '--', 'curl', '-sS', 'http://httpbin:8000/headers']);

describe('the httpbin mirroring tutorial', () => {
  it('kubectl apply -f httpbin-route-v1.yaml: sleep reaches v1 only', async () => {
    await bed.applyAndSync(tutorialFile('httpbin-route-v1.yaml'));
    for (let i = 0; i < 3; i++) {
      const res = await curlHeaders();
      expect(res.code, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({ headers: { Host: 'httpbin:8000' }, version: 'v1' });
    }
    expect((await accessLog(bed, 'httpbin-v1')).map((e) => [e.path, e.authority, e.status])).toEqual(
      Array(3).fill(['/headers', 'httpbin:8000', 200]),
    );
    expect(await accessLog(bed, 'httpbin-v2')).toEqual([]);
  });

  it('kubectl apply -f httpbin-mirror.yaml: v2 logs each request with Host httpbin-shadow:8000', async () => {
    await bed.applyAndSync(tutorialFile('httpbin-mirror.yaml'));
    const before = (await accessLog(bed, 'httpbin-v1')).length;
    for (let i = 0; i < 5; i++) {
      const res = await curlHeaders();
      // The client still gets v1's answer.
      expect(JSON.parse(res.stdout)).toMatchObject({ headers: { Host: 'httpbin:8000' }, version: 'v1' });
    }
    expect(await accessLog(bed, 'httpbin-v1')).toHaveLength(before + 5);
    // Mirror copies are fire-and-forget: wait until all five have arrived.
    await vi.waitFor(async () => expect(await accessLog(bed, 'httpbin-v2')).toHaveLength(5), {
      timeout: 5_000,
    });
    const text = await bed.cli(['logs', 'httpbin-v2']);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines)
      expect(line).toMatch(/ GET \/headers 200 [\d.]+ms Host: httpbin-shadow:8000 shadow /);
  });
});
