// Acceptance: "Hello Mirroring" through the ingress gateway (extensions/v1beta1 Deployments, a
// DestinationRule with ISTIO_MUTUAL, and a mirror without a percentage, which mirrors everything).
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessLog, type MeshTestbed, startMeshTestbed, tutorialFile } from '../mesh/testing/mesh-harness.js';
import { readWorkloads } from '../mesh/workloads-file.js';

let bed: MeshTestbed;
let gateway: string;

beforeAll(async () => {
  bed = await startMeshTestbed();
  // The workloads file has no Gateway (the mirror file brings it): ask for the ingress gateway.
  await bed.run(['-f', tutorialFile('hello-mirroring-workloads.yaml'), '--gateway', '127.0.0.1:0']);
  const record = readWorkloads(bed.dataDir).find((w) => w.kind === 'gateway');
  gateway = record?.inbound as string;
  expect(gateway).toMatch(/^127\.0\.0\.1:\d+$/);
}, 40_000);

afterAll(() => bed?.close(), 30_000);

/** `curl http://$GATEWAY_URL/mirroring`, as the tutorial does. */
async function curlGateway(): Promise<string> {
  const { stdout } = await promisify(execFile)('curl', ['-sS', '--fail', `http://${gateway}/mirroring`]);
  return stdout;
}

describe('the Hello Mirroring tutorial', () => {
  it('without the mirror, all traffic through the gateway reaches v1', async () => {
    const withoutMirror = join(bed.dataDir, 'no-mirror.yaml');
    const text = readFileSync(tutorialFile('hello-mirroring-mirror.yaml'), 'utf8');
    const edited = text.replace(/^ {4}mirror:\n(?: {6}.*\n)+/m, '');
    expect(edited).not.toMatch(/mirror:/);
    writeFileSync(withoutMirror, edited);
    await bed.applyAndSync(withoutMirror);
    for (let i = 0; i < 3; i++) expect(await curlGateway()).toBe('Hello Mirroring v1');
    expect(await accessLog(bed, 'istio-mirroring-app-deployment-v1')).toHaveLength(3);
    expect(await accessLog(bed, 'istio-mirroring-app-deployment-v2')).toEqual([]);
  });

  it('hello-mirroring-mirror.yaml: a mirror without a percentage copies every request to v2', async () => {
    await bed.applyAndSync(tutorialFile('hello-mirroring-mirror.yaml'));
    const n = 20;
    for (let i = 0; i < n; i++) expect(await curlGateway()).toBe('Hello Mirroring v1');
    expect(await accessLog(bed, 'istio-mirroring-app-deployment-v1')).toHaveLength(3 + n);
    await vi.waitFor(
      async () => expect(await accessLog(bed, 'istio-mirroring-app-deployment-v2')).toHaveLength(n),
      { timeout: 5_000 },
    );
    for (const e of await accessLog(bed, 'istio-mirroring-app-deployment-v2')) {
      expect(e).toMatchObject({ path: '/mirroring', status: 200, shadow: true });
    }
  });
});
