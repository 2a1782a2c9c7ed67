import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../client/testing/run-cli.js';
import { startTestControlPlane, type TestControlPlane } from '../client/testing/test-control-plane.js';

let cp: TestControlPlane;
let conn: string[];
const scratch = mkdtempSync(join(tmpdir(), 'shadowmesh-history-'));
const service = (port: number) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{ port: ${port} }]\n`;

beforeAll(async () => {
  cp = await startTestControlPlane();
  conn = ['--server', cp.url, '--data', cp.dataDir];
});
afterAll(async () => {
  await cp?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function revisionsOf(stdout: string): Array<{ revision: number; action: string; object: string }> {
  return stdout
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = line.split(/\s{3,}/);
      return { revision: Number(cells[0]), action: cells[3]!, object: cells[4]! };
    });
}

describe('shadowmesh history and rollback', () => {
  it('lists revisions newest first, filtered by object', async () => {
    const path = join(scratch, 'web.yaml');
    for (const port of [80, 81]) {
      writeFileSync(path, service(port));
      expect((await runCli(['apply', '-f', path, ...conn])).code).toBe(0);
    }
    await runCli(['apply', '-f', '-', ...conn], { stdin: service(1).replace('name: web', 'name: other') });
    const all = revisionsOf((await runCli(['history', ...conn])).stdout);
    expect(all.map((r) => r.revision)).toEqual([3, 2, 1]);
    const web = await runCli(['history', 'svc', 'web', ...conn]);
    expect(web.stdout).toMatch(/^REVISION\s+TIME\s+CLIENT\s+ACTION\s+OBJECT\n/);
    expect(revisionsOf(web.stdout)).toEqual([
      { revision: 2, action: 'configured', object: 'Service/default/web' },
      { revision: 1, action: 'created', object: 'Service/default/web' },
    ]);
    const json = JSON.parse((await runCli(['history', 'svc', 'web', '-o', 'json', ...conn])).stdout);
    expect(json.items[0].after.spec.ports[0].port).toBe(81);
  });

  it('rolls back to a revision, reports what changed, and records it', async () => {
    const dry = await runCli(['rollback', '1', '--dry-run', ...conn]);
    expect(dry.stdout).toBe('service/web configured (dry run)\nservice/other deleted (dry run)\n');
    const run = await runCli(['rollback', '1', ...conn]);
    expect(run).toMatchObject({ code: 0, stdout: 'service/web configured\nservice/other deleted\n' });
    const get = await runCli(['get', 'svc', 'web', '-o', 'json', ...conn]);
    expect(JSON.parse(get.stdout).spec.ports[0].port).toBe(80);
    const history = revisionsOf((await runCli(['history', '--limit', '2', ...conn])).stdout);
    expect(history.map((h) => h.action)).toEqual(['deleted (rollback to 1)', 'configured (rollback to 1)']);
  });

  it('rolls back one object only when given KIND NAME', async () => {
    const path = join(scratch, 'web.yaml');
    writeFileSync(path, service(82));
    await runCli(['apply', '-f', path, ...conn]);
    await runCli(['apply', '-f', '-', ...conn], { stdin: service(7).replace('name: web', 'name: third') });
    const run = await runCli(['rollback', '2', 'svc', 'web', ...conn]);
    expect(run).toMatchObject({ code: 0, stdout: 'service/web configured\n' });
    expect((await runCli(['get', 'svc', 'third', ...conn])).code).toBe(0);
    const get = await runCli(['get', 'svc', 'web', '-o', 'json', ...conn]);
    expect(JSON.parse(get.stdout).spec.ports[0].port).toBe(81);
  });

  it('refuses a bad or unknown revision', async () => {
    expect((await runCli(['rollback', 'abc', ...conn])).stderr).toMatch(/REV must be a revision number/);
    const missing = await runCli(['rollback', '999', ...conn]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'Error from server (CP_ERR_REVISION_NOT_FOUND): revision 999 does not exist\n',
    );
  });
});
