// Fault (issue 12): a sidecar restarted (SIGKILL, then the same command on the same addresses) registers
// again, answers /ready 503 until it has a config, and is listed once — the restarted instance takes its
// old entry over. A second proxy claiming the workload of a live one is a distinct instance (listed, and
// load-balanced to, separately), never merged into it. Real processes throughout.
import { request } from 'node:http';
import type { ProxyStatus } from '@shadowmesh/api';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildMesh, ChildMesh as Mesh } from '../../testing/mesh/child-mesh.js';
import { HTTPBIN_BASE_YAML } from '../../testing/mesh/httpbin-mesh.js';
import { waitUntil } from '../../testing/mesh/wait-until.js';

const ROUTE_YAML = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: httpbin }
spec:
  hosts: [httpbin]
  http:
  - route:
    - destination: { host: httpbin, subset: v1 }
`;

async function ready(admin: string): Promise<number> {
  const res = await fetch(`http://${admin}/ready`);
  await res.arrayBuffer();
  return res.status;
}

/** Requests a sidecar has served inbound (its access log keeps one line per request). */
async function served(admin: string): Promise<number> {
  const text = await (await fetch(`http://${admin}/logs`)).text();
  return text.split('\n').filter((l) => l.length > 0).length;
}

function viaSleep(outbound: string): Promise<number> {
  const at = outbound.lastIndexOf(':');
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: outbound.slice(0, at),
        port: Number(outbound.slice(at + 1)),
        path: 'http://httpbin:8000/get',
        headers: { host: 'httpbin:8000' },
        agent: false,
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('error', reject);
    req.end();
  });
}

const ofWorkload = (statuses: ProxyStatus[], workload: string) =>
  statuses.filter((s) => s.proxy.workload === workload);

describe('proxy restarts and duplicate workload names', () => {
  let mesh: ChildMesh | null = null;
  afterAll(async () => {
    if (mesh?.controlPlane) mesh.controlPlane.process.kill('SIGCONT');
    await mesh?.close();
  });

  it('a restarted sidecar is not ready without config, registers again and is listed once', async () => {
    mesh = await Mesh.start();
    const v1 = await mesh.httpbin({ version: 'v1' });
    const [sleep, first] = await Promise.all([
      mesh.sidecar({ workload: 'sleep', labels: { app: 'sleep' } }),
      mesh.sidecar({ workload: 'httpbin-v1', labels: { app: 'httpbin', version: 'v1' }, app: v1.address }),
    ]);
    await mesh.apply(`${HTTPBIN_BASE_YAML}---${ROUTE_YAML}`);
    await mesh.synced([sleep.id, first.id]);
    expect(await viaSleep(sleep.outbound)).toBe(200);

    // Freeze the control plane so the restarted sidecar cannot get a config yet.
    const cp = mesh.controlPlane!.process;
    cp.kill('SIGSTOP');
    await mesh.kill(first.child);
    const restarted = await mesh.sidecar({
      workload: 'httpbin-v1',
      labels: { app: 'httpbin', version: 'v1' },
      app: v1.address,
      inbound: first.inbound,
      outbound: first.outbound,
      admin: first.admin,
    });
    expect(restarted.id).not.toBe(first.id);
    expect(await ready(restarted.admin), '/ready without a config').toBe(503);
    expect(await ready(restarted.admin), 'still no config').toBe(503);
    cp.kill('SIGCONT');

    // From now on proxy-status never shows the workload twice, and settles on the new instance.
    let most = 0;
    const statuses = await waitUntil(
      async () => {
        const all = await mesh!.proxyStatus();
        const mine = ofWorkload(all, 'httpbin-v1');
        most = Math.max(most, mine.length);
        const ok = mine.length === 1 && mine[0]!.proxy.id === restarted.id && mine[0]!.status === 'SYNCED';
        return ok && all.every((s) => s.connected && s.status === 'SYNCED') ? all : null;
      },
      'the restarted sidecar to be SYNCED',
      10_000,
      10,
    );
    expect(most).toBe(1);
    expect(statuses.map((s) => s.proxy.id).sort()).toEqual([restarted.id, sleep.id].sort());
    await waitUntil(async () => (await ready(restarted.admin)) === 200, '/ready 200 with a config');
    expect(await viaSleep(sleep.outbound)).toBe(200);

    // A second live proxy claiming the same workload name: a distinct instance, with its own endpoint.
    const second = await mesh.sidecar({
      workload: 'httpbin-v1',
      labels: { app: 'httpbin', version: 'v1' },
      app: v1.address,
    });
    const both = await mesh.synced([sleep.id, restarted.id, second.id]);
    expect(
      ofWorkload(both, 'httpbin-v1')
        .map((s) => [s.proxy.id, s.proxy.inbound, s.connected])
        .sort(),
    ).toEqual(
      [
        [restarted.id, restarted.inbound, true],
        [second.id, second.inbound, true],
      ].sort(),
    );
    const before = [await served(restarted.admin), await served(second.admin)];
    for (let i = 0; i < 20; i++) expect(await viaSleep(sleep.outbound)).toBe(200);
    const after = [await served(restarted.admin), await served(second.admin)];
    console.log(
      `proxy restart: ${restarted.id} replaced ${first.id} (listed at most ${most} time); ` +
        `20 requests served ${after[0]! - before[0]!} by ${restarted.id}, ${after[1]! - before[1]!} by ${second.id}`,
    );
    expect(after[0]! - before[0]!, 'the restarted instance serves').toBeGreaterThan(0);
    expect(after[1]! - before[1]!, 'the second instance serves').toBeGreaterThan(0);
  }, 40_000);
});
