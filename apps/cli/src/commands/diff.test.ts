import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../client/testing/run-cli.js';
import { startTestControlPlane, type TestControlPlane } from '../client/testing/test-control-plane.js';

const TUTORIALS = join(import.meta.dirname, '../../../../tutorials');

let cp: TestControlPlane;
let conn: string[];
const scratch = mkdtempSync(join(tmpdir(), 'shadowmesh-diff-'));

beforeAll(async () => {
  cp = await startTestControlPlane();
  conn = ['--server', cp.url, '--data', cp.dataDir];
});
afterAll(async () => {
  await cp?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('shadowmesh diff', () => {
  it('shows creations as all-added diffs and exits 1; stores nothing', async () => {
    const run = await runCli(['diff', '-f', join(TUTORIALS, 'httpbin-route-v1.yaml'), ...conn]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^virtualservice\.networking\.istio\.io\/httpbin created$/m);
    expect(run.stdout).toContain('--- live/default/virtualservice.networking.istio.io/httpbin');
    expect(run.stdout).toContain('+++ applied/default/virtualservice.networking.istio.io/httpbin');
    expect(run.stdout).toMatch(/^\+kind: VirtualService$/m);
    expect((await runCli(['get', 'vs', 'httpbin', ...conn])).code).toBe(1);
  });

  it('exits 0 with only "unchanged" once applied, even in another apiVersion than stored', async () => {
    await runCli(['apply', '-f', join(TUTORIALS, 'httpbin-route-v1.yaml'), ...conn]);
    const run = await runCli(['diff', '-f', join(TUTORIALS, 'httpbin-route-v1.yaml'), ...conn]);
    expect(run).toEqual({
      code: 0,
      stdout:
        'virtualservice.networking.istio.io/httpbin unchanged\ndestinationrule.networking.istio.io/httpbin unchanged\n',
      stderr: '',
    });
  });

  it('shows exactly the lines a change touches', async () => {
    const run = await runCli(['diff', '-f', join(TUTORIALS, 'httpbin-mirror.yaml'), ...conn]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^virtualservice\.networking\.istio\.io\/httpbin configured$/m);
    const changed = run.stdout.split('\n').filter((l) => /^[+-](?![+-])/.test(l));
    expect(changed.every((l) => l.startsWith('+'))).toBe(true);
    expect(changed.join('\n')).toMatch(/mirror:/);
    expect(changed.join('\n')).toMatch(/subset: v2/);
  });

  it('lists skipped kinds and exits 2 on an invalid file', async () => {
    const skipped = await runCli(['diff', '-f', join(TUTORIALS, 'httpbin-workloads.yaml'), ...conn]);
    expect(skipped.stdout).toMatch(/^Deployment\/sleep skipped: /m);
    const path = join(scratch, 'bad.yaml');
    writeFileSync(
      path,
      'apiVersion: v1\nkind: Service\nmetadata: { name: x }\nspec: { ports: [{ port: "eighty" }] }\n',
    );
    const bad = await runCli(['diff', '-f', path, ...conn]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/spec\.ports\[0\]\.port/);
  });
});
