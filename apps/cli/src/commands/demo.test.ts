// `shadowmesh demo` as a real process (build first): the music scenario comes up with live traffic through
// the gateway, a weighted route and a mirror to v3; Ctrl-C (or the demo dying) leaves no process behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startChild } from '../mesh/child-process.js';
import { descendants, MESH_CLI, processRunning, runInProcess } from '../mesh/testing/mesh-harness.js';
import { readWorkloads } from '../mesh/workloads-file.js';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function startDemo(scenario: string) {
  const data = mkdtempSync(join(tmpdir(), 'shadowmesh-demo-'));
  const child = startChild({
    name: `demo ${scenario}`,
    command: process.execPath,
    args: [MESH_CLI, 'demo', scenario, '--listen', '127.0.0.1:0', '--data', data],
    env: { PATH: process.env.PATH ?? '' },
  });
  cleanup.push(() => {
    child.kill();
    rmSync(data, { recursive: true, force: true });
  });
  return { child, data };
}

const json = async (url: string, init?: RequestInit) =>
  (await fetch(url, init)).json() as Promise<Record<string, number>>;

describe('shadowmesh demo', () => {
  it('music: live traffic through the gateway, mirrored to v3; Ctrl-C stops every process', async () => {
    const { child, data } = startDemo('music');
    await child.waitForOutput(/^Press Ctrl-C to stop everything\.$/m, 35_000);
    const out = child.tail();
    expect(out).toMatch(/^Open the dashboard: http:\/\/127\.0\.0\.1:\d+\/login\?code=\S+$/m);
    expect(out).toMatch(/^✓ 6 proxies SYNCED on config version \d+$/m);
    const admin = /rate: GET\/PUT http:\/\/(\S+)\/rate/.exec(out)?.[1];

    // The load generator sends, and answers come back 200; its rate changes at runtime.
    await vi.waitFor(async () => expect((await json(`http://${admin}/stats`)).ok).toBeGreaterThan(5), {
      timeout: 10_000,
    });
    expect(await json(`http://${admin}/rate`, { method: 'PUT', body: '{"rate": 25}' })).toEqual({ rate: 25 });
    // The control plane was told where the generator is: the dashboard reads and changes the rate there.
    const cp = /^✓ control plane and dashboard on (\S+)$/m.exec(out)?.[1];
    expect(await json(`${cp}/api/v1/demo/load`)).toMatchObject({ rps: 25, maxRps: 10_000 });
    const stats = await json(`http://${admin}/stats`);
    expect([stats.failed, stats.errors]).toEqual([0, 0]);

    // back v1 answers primaries, v3 logs mirrored copies.
    const logs = (workload: string) =>
      runInProcess(['logs', workload, '-n', 'music', '--data', data, '-o', 'json']);
    await vi.waitFor(
      async () => {
        const v1 = (await logs('back-v1')).stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
        const v3 = (await logs('back-v3')).stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
        expect(v1.some((e) => !e.shadow)).toBe(true);
        expect(v3.length).toBeGreaterThan(3);
        expect(v3.every((e) => e.shadow && e.authority === 'back-shadow')).toBe(true);
      },
      { timeout: 10_000 },
    );

    const pids = descendants(child.pid);
    expect(pids.length).toBe(12); // 5 workloads × (app + sidecar), the gateway, the load generator
    expect(
      readWorkloads(data)
        .map((w) => w.name)
        .sort(),
    ).toEqual(['back-v1', 'back-v2', 'back-v3', 'front-v1', 'istio-ingressgateway', 'store-v1']);
    process.kill(child.pid, 'SIGINT');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.tail()).toMatch(/stopping…\nstopped\n$/);
    expect(pids.filter(processRunning)).toEqual([]);
    expect(readWorkloads(data)).toEqual([]);
  }, 60_000);

  it('a demo killed outright takes its children with it (they watch their stdin)', async () => {
    const { child } = startDemo('httpbin');
    await child.waitForOutput(/^Press Ctrl-C to stop everything\.$/m, 35_000);
    const pids = descendants(child.pid);
    expect(pids.length).toBe(6); // httpbin v1, v2 and sleep sidecars, two httpbin apps, the load generator
    child.kill();
    await child.exited;
    await vi.waitFor(() => expect(pids.filter(processRunning)).toEqual([]), { timeout: 10_000 });
  }, 60_000);

  it('prints a scenario for shadowmesh run -f, and refuses an unknown one', async () => {
    const printed = await runInProcess(['demo', 'istioapp', '--manifests']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('image: wandpsilva/istioapp:latest');
    const unknown = await runInProcess(['demo', 'bookinfo']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(
      /'bookinfo' is invalid for argument 'scenario'\. Allowed choices are music, httpbin, istioapp, hello-mirroring/,
    );
  });
});
