import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../client/testing/run-cli.js';
import { startTestControlPlane, type TestControlPlane } from '../client/testing/test-control-plane.js';

const TUTORIALS = join(import.meta.dirname, '../../../../tutorials');

let cp: TestControlPlane;
let conn: string[];

beforeAll(async () => {
  cp = await startTestControlPlane();
  conn = ['--server', cp.url, '--data', cp.dataDir];
});
afterAll(async () => {
  await cp?.close();
});

describe('shadowmesh delete', () => {
  it('deletes by kind and name, kubectl style, and says when it is not there', async () => {
    await runCli(['apply', '-f', join(TUTORIALS, 'httpbin-route-v1.yaml'), ...conn]);
    const run = await runCli(['delete', 'vs', 'httpbin', ...conn]);
    expect(run).toEqual({
      code: 0,
      stdout: 'virtualservices.networking.istio.io "httpbin" deleted\n',
      stderr: '',
    });
    const again = await runCli(['delete', 'virtualservice/httpbin', ...conn]);
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): virtualservices.networking.istio.io "httpbin" not found\n',
    });
    expect((await runCli(['delete', 'vs', 'httpbin', '--ignore-not-found', ...conn])).code).toBe(0);
  });

  it('deletes every managed object of a file, in its namespace, and skips the other kinds', async () => {
    await runCli(['apply', '-f', join(TUTORIALS, 'music-gateway.yaml'), ...conn]);
    const run = await runCli(['delete', '-f', join(TUTORIALS, 'music-gateway.yaml'), ...conn]);
    expect(run.stdout).toBe(
      'gateways.networking.istio.io "music-gateway" deleted\nvirtualservices.networking.istio.io "back-gw-virtualservice" deleted\n',
    );
    expect((await runCli(['get', 'gw', '-n', 'music', ...conn])).stderr).toBe(
      'No resources found in music namespace.\n',
    );
    await runCli(['apply', '-f', join(TUTORIALS, 'httpbin-workloads.yaml'), ...conn]);
    const workloads = await runCli(['delete', '-f', join(TUTORIALS, 'httpbin-workloads.yaml'), ...conn]);
    expect(workloads.code).toBe(0);
    expect(workloads.stdout).toMatch(/^Deployment\/httpbin-v1 skipped: /m);
    expect(workloads.stdout).toMatch(/^services "httpbin" deleted$/m);
  });

  it('needs a name or a file', async () => {
    expect((await runCli(['delete', 'vs', ...conn])).stderr).toMatch(/resource name is required/);
    expect((await runCli(['delete', ...conn])).stderr).toMatch(/-f FILE or KIND NAME/);
  });
});
