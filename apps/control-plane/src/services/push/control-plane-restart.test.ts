// Fault (issue 12): the control plane is SIGKILLed and started again (same data directory, same port)
// while 200 req/s flow through a sidecar that mirrors 100 % to v2. Every client request succeeds; the
// proxies keep their last good config, reconnect with jittered back-off, resync and show SYNCED again;
// a change applied after the restart reaches every proxy. Real processes: the control plane, three
// sidecars and two httpbins are children of this test.
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildMesh, ChildMesh as Mesh } from '../../testing/mesh/child-mesh.js';
import { HTTPBIN_BASE_YAML } from '../../testing/mesh/httpbin-mesh.js';
import { startLoad } from '../../testing/mesh/load-loop.js';
import { waitUntil } from '../../testing/mesh/wait-until.js';

const RPS = 200;
const DURATION_MS = 6_000;
/** The kill comes once this many requests have been sent (≈ 2 s at 200 req/s), not after a delay. */
const KILL_AFTER_SENT = 400;

function mirrorYaml(responseHeader: string | null): string {
  const headers = responseHeader
    ? `\n    headers:\n      response:\n        set:\n          x-config: ${responseHeader}`
    : '';
  return `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: httpbin }
spec:
  hosts: [httpbin]
  http:
  - route:
    - destination: { host: httpbin, subset: v1 }${headers}
    mirror: { host: httpbin, subset: v2 }
    mirrorPercentage: { value: 100 }
`;
}

interface ConfigDump {
  version: string | null;
  controlPlane: { connected: boolean; lastAckedVersion: string | null };
  mirror: { totals: Record<string, number> };
}

async function configDump(admin: string): Promise<ConfigDump> {
  return (await (await fetch(`http://${admin}/config_dump`)).json()) as ConfigDump;
}

/** One GET through the sidecar's outbound listener (absolute form, as with HTTP_PROXY). */
function viaSidecar(outbound: string, url: string): Promise<{ status: number; header: string | undefined }> {
  const [host, port] = [
    outbound.slice(0, outbound.lastIndexOf(':')),
    outbound.slice(outbound.lastIndexOf(':') + 1),
  ];
  return new Promise((resolve, reject) => {
    const req = request(
      { host, port: Number(port), path: url, headers: { host: new URL(url).host } },
      (res) => {
        res.resume();
        res.once('end', () =>
          resolve({ status: res.statusCode ?? 0, header: res.headers['x-config'] as string }),
        );
      },
    );
    req.once('error', reject);
    req.end();
  });
}

describe('control plane SIGKILLed under load', () => {
  let mesh: ChildMesh | null = null;
  afterAll(async () => {
    await mesh?.close();
  });

  it('loses no client request; proxies keep their config, resync, and take a change made after the restart', async () => {
    mesh = await Mesh.start();
    const [v1, v2] = await Promise.all([mesh.httpbin({ version: 'v1' }), mesh.httpbin({ version: 'v2' })]);
    const sidecars = await Promise.all([
      mesh.sidecar({ workload: 'sleep', labels: { app: 'sleep' } }),
      mesh.sidecar({ workload: 'httpbin-v1', labels: { app: 'httpbin', version: 'v1' }, app: v1.address }),
      mesh.sidecar({ workload: 'httpbin-v2', labels: { app: 'httpbin', version: 'v2' }, app: v2.address }),
    ]);
    const [sleep] = sidecars;
    const ids = sidecars.map((s) => s.id);
    await mesh.apply(`${HTTPBIN_BASE_YAML}---${mirrorYaml(null)}`);
    const before = await mesh.synced(ids);
    const versionBefore = before.find((s) => s.connected)!.ackedVersion;
    // The route and its mirror work before the fault.
    expect((await viaSidecar(sleep!.outbound, 'http://httpbin:8000/get')).status).toBe(200);

    const load = startLoad({
      proxy: sleep!.outbound,
      url: 'http://httpbin:8000/get',
      rps: RPS,
      durationMs: DURATION_MS,
      maxInFlight: 256,
    });
    await waitUntil(() => load.stats.sent >= KILL_AFTER_SENT, `${KILL_AFTER_SENT} requests sent`, 10_000, 5);
    const killedAt = performance.now();
    await mesh.killControlPlane();
    const sentAtKill = load.stats.sent;
    // While it is away every proxy still routes with (and reports) its last good config.
    for (const s of sidecars) {
      const dump = await configDump(s.admin);
      expect(dump.version, `${s.id} keeps its config`).toBe(versionBefore);
    }
    await mesh.restartControlPlane();
    const restartedAt = performance.now();
    const afterRestart = await mesh.synced(ids, null, 15_000);
    const syncedAt = performance.now();
    // Listed once each: the restored entries were taken over by the reconnecting proxies.
    expect(afterRestart.map((s) => s.proxy.id).sort()).toEqual([...ids].sort());

    await mesh.apply(mirrorYaml('after-restart'));
    const changed = await mesh.synced(ids, afterRestart.find((s) => s.connected)!.ackedVersion);
    const newVersion = changed[0]!.ackedVersion;
    for (const s of sidecars) {
      const dump = await configDump(s.admin);
      expect(dump.version, `${s.id} runs the change`).toBe(newVersion);
      expect(dump.controlPlane.connected).toBe(true);
    }
    expect(await viaSidecar(sleep!.outbound, 'http://httpbin:8000/get')).toEqual({
      status: 200,
      header: 'after-restart',
    });

    const stats = await load.done;
    const ok = stats.statuses['200'] ?? 0;
    const failed = stats.sent - ok;
    // Every request sent since the route was applied has its copy settled (the check request included).
    const copies = stats.sent + 2;
    const mirror = await waitUntil(async () => {
      const totals = (await configDump(sleep!.admin)).mirror.totals;
      return Object.values(totals).reduce((n, v) => n + v, 0) >= copies ? totals : null;
    }, `${copies} mirror copies settled`);
    console.log(
      `control plane restart: ${stats.sent} requests sent (${sentAtKill} before the kill), ${failed} failed, ` +
        `${stats.skipped} skipped (in-flight cap), statuses ${JSON.stringify(stats.statuses)}; ` +
        `down ${(restartedAt - killedAt).toFixed(0)} ms, SYNCED ${(syncedAt - restartedAt).toFixed(0)} ms after ` +
        `the restart; mirror ${JSON.stringify(mirror)}`,
    );
    expect(stats.sent).toBeGreaterThanOrEqual(KILL_AFTER_SENT);
    expect(stats.failed, 'transport failures').toBe(0);
    expect(stats.statuses, 'every answer 200').toEqual({ '200': stats.sent });
    // Skipped = not sent because 256 were already in flight (a starved machine), never a failure; the
    // load must still have been the load.
    expect(stats.sent).toBeGreaterThanOrEqual(0.9 * ((RPS * DURATION_MS) / 1000));
    // The copies to v2 went on through the restart too (none lost to a missing v2 endpoint).
    // (A starved machine may drop copies at the mirror cap or time them out: counted, not errors.)
    expect(mirror['mirrored-error'], 'mirror copies that failed').toBe(0);
    expect(mirror['mirrored-ok']).toBeGreaterThanOrEqual(0.95 * copies);
  }, 60_000);
});
