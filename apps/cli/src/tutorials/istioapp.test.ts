// Acceptance: the istioapp tutorial (route all to v1, then mirror to v2) with run/apply/exec/logs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISTIOAPP_WORKLOADS } from '@shadowmesh/demo';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessLog, type MeshTestbed, startMeshTestbed, tutorialFile } from '../mesh/testing/mesh-harness.js';

const PING = 'http://istioapp-service:8080/v1/istioapp/hello-word/ping';
let bed: MeshTestbed;

beforeAll(async () => {
  bed = await startMeshTestbed();
  // The tutorial prints only its Service and Istio config; its Deployments (and a client) come from the demo.
  const workloads = join(bed.dataDir, 'istioapp-workloads.yaml');
  writeFileSync(workloads, ISTIOAPP_WORKLOADS);
  await bed.run(['-f', workloads, '-f', tutorialFile('istioapp-service.yaml')]);
}, 40_000);

afterAll(() => bed?.close(), 30_000);

/** curl -i from sleep: the status line, the answering version and the body. */
async function ping(): Promise<{ version: string | undefined; body: string }> {
  const res = await bed.cli(['exec', 'sleep', '--', 'curl', '-sS', '-i', PING]);
  expect(res.code, res.stderr).toBe(0);
  const [head = '', body = ''] = res.stdout.split(/\r\n\r\n/);
  expect(head).toMatch(/^HTTP\/1.1 200/);
  return { version: /^x-demo-version: (\S+)/im.exec(head)?.[1], body };
}

describe('the istioapp tutorial', () => {
  it('istioapp-route.yaml: PONG from v1, and only v1 logs it', async () => {
    await bed.applyAndSync(tutorialFile('istioapp-route.yaml'));
    for (let i = 0; i < 3; i++) expect(await ping()).toEqual({ version: 'v1', body: 'PONG' });
    expect((await accessLog(bed, 'istioapp-v1')).map((e) => e.path)).toEqual(
      Array(3).fill('/v1/istioapp/hello-word/ping'),
    );
    expect(await accessLog(bed, 'istioapp-v2')).toEqual([]);
  });

  it('istioapp-mirror.yaml: both versions log the PONG requests, the client gets v1', async () => {
    await bed.applyAndSync(tutorialFile('istioapp-mirror.yaml'));
    for (let i = 0; i < 4; i++) expect(await ping()).toEqual({ version: 'v1', body: 'PONG' });
    expect(await accessLog(bed, 'istioapp-v1')).toHaveLength(7);
    await vi.waitFor(async () => expect(await accessLog(bed, 'istioapp-v2')).toHaveLength(4), {
      timeout: 5_000,
    });
    for (const e of await accessLog(bed, 'istioapp-v2')) {
      expect(e).toMatchObject({ path: '/v1/istioapp/hello-word/ping', status: 200, shadow: true });
      expect(e.authority).toBe('istioapp-service-shadow:8080');
    }
  });
});
