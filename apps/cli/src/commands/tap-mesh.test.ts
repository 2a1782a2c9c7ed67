// Acceptance: `shadowmesh tap` against a real control plane and a real mesh (httpbin v1 mirrored to v2;
// real processes: build first). Needs the control plane's /api/v1/tap and the proxies' flow capture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIO } from '../client/testing/capture-io.js';
import { type MeshTestbed, startMeshTestbed, tutorialFile } from '../mesh/testing/mesh-harness.js';
import { tapCommand } from './tap.js';

let bed: MeshTestbed;

beforeAll(async () => {
  bed = await startMeshTestbed();
  await bed.run(['-f', tutorialFile('httpbin-workloads.yaml')]);
  await bed.applyAndSync(tutorialFile('httpbin-route-v1.yaml'));
  await bed.applyAndSync(tutorialFile('httpbin-mirror.yaml'));
}, 60_000);

afterAll(() => bed?.close(), 30_000);

const curl = (path: string) => bed.cli(['exec', 'sleep', '--', 'curl', '-sS', `http://httpbin:8000${path}`]);

describe('shadowmesh tap on a mirrored service', () => {
  it('prints each matching request with its shadow answer, and nothing else', async () => {
    const io = captureIO({ env: {} });
    let stop!: () => void;
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const exit = tapCommand(
      { server: bed.cp.url, token: bed.cp.token, service: 'httpbin', path: '/headers', until },
      io,
    );
    const line =
      /^req id=\S+ src=sleep dst=httpbin\(v1\) :method=GET :path=\/headers {2}rsp :status=200 latency=\S+ {2}(shadow=v2 :status=200 latency=\S+ {2}(equal|divergent\S*)|shadow=pending\(1\))$/m;
    const shadow =
      /^(req id=\S+ .* shadow=v2 :status=200 |shadow id=\S+ src=sleep dst=httpbin\(v2\) {2}:status=200 )/m;
    // The tap session reaches the proxies a moment after the subscription: send until lines arrive (bounded).
    for (let i = 0; i < 100 && !(line.test(io.stdoutText()) && shadow.test(io.stdoutText())); i++) {
      expect((await curl('/get')).code).toBe(0);
      expect((await curl('/headers')).code).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    stop();
    expect(await exit).toBe(0);
    const out = io.stdoutText();
    expect(out, io.stderrText()).toMatch(line);
    expect(out).toMatch(shadow);
    expect(out).not.toContain(':path=/get');
    expect(io.stderrText()).not.toMatch(/Error from server/);
  }, 60_000);
});
