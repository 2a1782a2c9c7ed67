import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../client/testing/run-cli.js';
import { startTestControlPlane, type TestControlPlane } from '../client/testing/test-control-plane.js';

const TUTORIALS = join(import.meta.dirname, '../../../../tutorials');
const tutorial = (name: string) => join(TUTORIALS, name);

let cp: TestControlPlane;
let conn: string[];
const scratch = mkdtempSync(join(tmpdir(), 'shadowmesh-apply-'));

beforeAll(async () => {
  cp = await startTestControlPlane();
  conn = ['--server', cp.url, '--data', cp.dataDir];
});
afterAll(async () => {
  await cp?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('shadowmesh apply', () => {
  it('applies every tutorial file verbatim; Deployments are reported skipped', async () => {
    const files = readdirSync(TUTORIALS)
      .filter((n) => n.endsWith('.yaml'))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const name of files) {
      const run = await runCli(['apply', '-f', tutorial(name), ...conn]);
      // Findings about objects of other files (applied later) are advice; refusals would start so.
      expect(run.stderr, name).not.toMatch(/^(error:|Error from server)/m);
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      for (const line of lines) {
        expect(line, name).toMatch(
          /^([a-z]+\.(networking\.istio\.io|shadowmesh\.io)\/[a-z0-9.-]+|service\/[a-z0-9-]+) (created|configured|unchanged)$|^Deployment\/[a-z0-9-]+ skipped: .+/,
        );
      }
      const deployments = (readFileSync(tutorial(name), 'utf8').match(/^kind: Deployment$/gm) ?? []).length;
      expect(
        lines.filter((l) => l.startsWith('Deployment/') && l.includes(' skipped: ')),
        name,
      ).toHaveLength(deployments);
    }
    const get = await runCli(['get', 'vs', '-A', ...conn]);
    expect(get.stdout).toMatch(/^music\s+back-virtualservice\s/m);
    expect(get.stdout).toMatch(/^default\s+httpbin\s/m);
  });

  it('prints kubectl-style lines: created, then unchanged when applied again', async () => {
    const path = join(scratch, 'svc.yaml');
    writeFileSync(
      path,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: fresh\nspec:\n  ports: [{ port: 80 }]\n',
    );
    expect((await runCli(['apply', '-f', path, ...conn])).stdout).toBe('service/fresh created\n');
    expect((await runCli(['apply', '-f', path, ...conn])).stdout).toBe('service/fresh unchanged\n');
    writeFileSync(
      path,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: fresh\nspec:\n  ports: [{ port: 81 }]\n',
    );
    expect((await runCli(['apply', '-f', path, ...conn])).stdout).toBe('service/fresh configured\n');
  });

  it('--dry-run reports without storing', async () => {
    const path = join(scratch, 'dry.yaml');
    writeFileSync(
      path,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: dry\nspec:\n  ports: [{ port: 80 }]\n',
    );
    const run = await runCli(['apply', '-f', path, '--dry-run', ...conn]);
    expect(run).toMatchObject({ code: 0, stdout: 'service/dry created (dry run)\n' });
    const get = await runCli(['get', 'svc', 'dry', ...conn]);
    expect(get.code).toBe(1);
    expect(get.stderr).toBe('Error from server (NotFound): services "dry" not found\n');
  });

  it('reads stdin with -f - and honours -n for objects that name no namespace', async () => {
    const doc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: piped\nspec:\n  ports: [{ port: 80 }]\n';
    const run = await runCli(['apply', '-f', '-', '-n', 'team-a', ...conn], { stdin: doc });
    expect(run).toMatchObject({ code: 0, stdout: 'service/piped created\n' });
    expect((await runCli(['get', 'svc', 'piped', '-n', 'team-a', ...conn])).code).toBe(0);
  });

  it('refuses an invalid document with its file, line and field path, and applies nothing', async () => {
    const path = join(scratch, 'bad.yaml');
    writeFileSync(
      path,
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata: { name: never-stored }',
        'spec: { ports: [{ port: 80 }] }',
        '---',
        'apiVersion: networking.istio.io/v1',
        'kind: VirtualService',
        'metadata: { name: bad }',
        'spec:',
        '  hosts: [never-stored]',
        '  http:',
        '  - route:',
        '    - destination: { host: never-stored }',
        '      weight: -5',
        '',
      ].join('\n'),
    );
    const run = await runCli(['apply', '-f', path, ...conn]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error: ${path}:14:`);
    expect(run.stderr).toContain('spec.http[0].route[0].weight');
    expect((await runCli(['get', 'svc', 'never-stored', ...conn])).code).toBe(1);
  });

  it("prints the server's advisory findings on stderr, like istioctl", async () => {
    const doc = [
      'apiVersion: networking.istio.io/v1',
      'kind: DestinationRule',
      'metadata: { name: lonely }',
      'spec: { host: nowhere }',
      '',
    ].join('\n');
    const run = await runCli(['apply', '-f', '-', ...conn], { stdin: doc });
    expect(run).toMatchObject({ code: 0, stdout: 'destinationrule.networking.istio.io/lonely created\n' });
    expect(run.stderr).toMatch(/^Warning \[SM0106\] \(DestinationRule default\/lonely\)/m);
  });

  it('records the change as made by the cli', async () => {
    const run = await runCli(['history', 'svc', 'fresh', ...conn]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^REVISION\s+TIME\s+CLIENT\s+ACTION\s+OBJECT$/m);
    expect(run.stdout).toMatch(/^\d+\s+\S+Z\s+cli\s+configured\s+Service\/default\/fresh$/m);
    expect(run.stdout).toMatch(/^\d+\s+\S+Z\s+cli\s+created\s+Service\/default\/fresh$/m);
  });
});

describe('credentials and reachability', () => {
  const doc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: authz\nspec:\n  ports: [{ port: 80 }]\n';

  it('refuses a write without a token, with a hint on where the token comes from', async () => {
    const run = await runCli(['apply', '-f', '-', '--server', cp.url, '--data', scratch], { stdin: doc });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error from server \(CP_ERR_UNAUTHORIZED\): .*SHADOWMESH_TOKEN/);
  });

  it('takes the token from SHADOWMESH_TOKEN or --token', async () => {
    const viaEnv = await runCli(['apply', '-f', '-', '--server', cp.url, '--data', scratch], {
      stdin: doc,
      env: { SHADOWMESH_TOKEN: cp.token },
    });
    expect(viaEnv).toMatchObject({ code: 0, stdout: 'service/authz created\n' });
    const viaFlag = await runCli(
      ['apply', '-f', '-', '--server', cp.url, '--data', scratch, '--token', cp.token],
      {
        stdin: doc,
      },
    );
    expect(viaFlag).toMatchObject({ code: 0, stdout: 'service/authz unchanged\n' });
  });

  it('says in one line that a control plane that is down cannot be reached, exit 1', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const url = `http://127.0.0.1:${port}`;
    for (const argv of [['apply', '-f', '-'], ['get', 'vs'], ['proxy-status']]) {
      const run = await runCli([...argv, '--server', url], { stdin: doc });
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: `error: cannot reach the control plane at ${url}: connection refused\n`,
      });
    }
  });
});
