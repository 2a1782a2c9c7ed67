import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFakeProxy, type FakeProxy } from '../client/testing/fake-proxy.js';
import { runCli } from '../client/testing/run-cli.js';
import { startTestControlPlane, type TestControlPlane } from '../client/testing/test-control-plane.js';

let cp: TestControlPlane;
let conn: string[];
const proxies: FakeProxy[] = [];

beforeAll(async () => {
  cp = await startTestControlPlane();
  conn = ['--server', cp.url, '--data', cp.dataDir];
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await cp?.close();
});

/** Polls proxy-status until `done` holds (bounded: 100 tries). */
async function statusUntil(done: (stdout: string) => boolean): Promise<string> {
  let last = '';
  for (let i = 0; i < 100; i++) {
    last = (await runCli(['proxy-status', ...conn])).stdout;
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`proxy-status never reached the expected state; last output:\n${last}`);
}

describe('shadowmesh proxy-status', () => {
  it('says when no proxy is connected', async () => {
    expect(await runCli(['proxy-status', ...conn])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No proxies are connected.\n',
    });
  });

  it('shows each proxy with its version and SYNCED / STALE / NACKED, like istioctl', async () => {
    const base = { kind: 'sidecar' as const, namespace: 'default' };
    proxies.push(
      await connectFakeProxy(
        cp.url,
        cp.token,
        { ...base, id: 'httpbin-v1.default-a1', workload: 'httpbin-v1' },
        'ack',
      ),
    );
    proxies.push(
      await connectFakeProxy(
        cp.url,
        cp.token,
        { ...base, id: 'httpbin-v2.default-b2', workload: 'httpbin-v2' },
        'nack',
      ),
    );
    proxies.push(
      await connectFakeProxy(
        cp.url,
        cp.token,
        { ...base, id: 'sleep.default-c3', workload: 'sleep' },
        'ignore',
      ),
    );
    await Promise.all(proxies.map((p) => p.firstConfig));
    const out = await statusUntil((s) => s.includes('SYNCED') && s.includes('NACKED'));
    const [header, ...rows] = out.trimEnd().split('\n');
    expect(header).toMatch(/^NAME\s+NAMESPACE\s+KIND\s+VERSION\s+STATUS\s+CONNECTED\s+LAST SEEN$/);
    expect(rows[0]).toMatch(/^httpbin-v1\.default-a1\s+default\s+sidecar\s+\d+\s+SYNCED\s+yes\s+\d+s ago$/);
    expect(rows[1]).toMatch(
      /^httpbin-v2\.default-b2\s+default\s+sidecar\s+<none>\s+NACKED\s+yes\s+\d+s ago$/,
    );
    expect(rows[2]).toMatch(/^sleep\.default-c3\s+default\s+sidecar\s+<none>\s+STALE\s+yes\s+\d+s ago$/);
    expect(out).toMatch(/^httpbin-v2\.default-b2 rejected the config: route table: test refusal/m);
  });

  it('filters by name and prints JSON', async () => {
    const one = await runCli(['proxy-status', 'sleep', ...conn]);
    expect(one.stdout.trimEnd().split('\n')).toHaveLength(2);
    const json = JSON.parse((await runCli(['proxy-status', '-o', 'json', ...conn])).stdout);
    expect(json.items.map((p: { proxy: { id: string } }) => p.proxy.id).sort()).toEqual([
      'httpbin-v1.default-a1',
      'httpbin-v2.default-b2',
      'sleep.default-c3',
    ]);
    const none = await runCli(['proxy-status', 'nobody', ...conn]);
    expect(none).toMatchObject({ code: 1, stderr: 'No proxy matches "nobody".\n' });
  });

  it('says no under CONNECTED once a proxy has gone, keeping its last status', async () => {
    const gone = await connectFakeProxy(
      cp.url,
      cp.token,
      { kind: 'sidecar', namespace: 'other', id: 'gone.other-d4', workload: 'gone' },
      'ack',
    );
    await gone.firstConfig;
    await statusUntil((s) => /^gone\.other-d4\s.*SYNCED\s+yes\s/m.test(s));
    await gone.close();
    const out = await statusUntil((s) => /^gone\.other-d4\s.*SYNCED\s+no\s/m.test(s));
    expect(out).toMatch(/^gone\.other-d4\s+other\s+sidecar\s+\d+\s+SYNCED\s+no\s+\d+s ago$/m);
  });
});
