import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../client/testing/run-cli.js';
import { startTestControlPlane } from '../client/testing/test-control-plane.js';

const TUTORIALS = join(import.meta.dirname, '../../../../tutorials');
const dir = mkdtempSync(join(tmpdir(), 'shadowmesh-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const CLEAN = `apiVersion: v1
kind: Service
metadata:
  name: httpbin
spec:
  selector: { app: httpbin }
  ports: [{ name: http, port: 8000, targetPort: 80 }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  subsets:
  - name: v1
    labels: { version: v1 }
  - name: v2
    labels: { version: v2 }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts: [httpbin]
  http:
  - route:
    - destination: { host: httpbin, subset: v1 }
      weight: 100
    mirror: { host: httpbin, subset: v2 }
    mirrorPercentage: { value: 50 }
`;

describe('shadowmesh analyze (offline)', () => {
  it('exits 0 and says so when the files have no issues', async () => {
    const run = await runCli(['analyze', '-f', file('clean.yaml', CLEAN)]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^✔ No validation issues found when analyzing .*clean\.yaml\.\n$/);
    expect(run.code).toBe(0);
  });

  it('exits 79 and prints istioctl-style lines for a reference error, with file and line', async () => {
    const path = file(
      'missing-host.yaml',
      CLEAN.replace('destination: { host: httpbin, subset: v1 }', 'destination: { host: nowhere }'),
    );
    const run = await runCli(['analyze', '-f', path]);
    expect(run.code).toBe(79);
    expect(run.stdout).toContain(`Error [SM0101] (VirtualService default/httpbin ${path}:21) `);
    expect(run.stdout).toContain('nowhere');
    expect(run.stderr).toBe(`Error: Analyzers found issues when analyzing ${path}.\n`);
  });

  it('reports an object refused by a rule under the rule’s own code (SM0301 mirror and mirrors)', async () => {
    const path = file(
      'both-mirrors.yaml',
      CLEAN.replace(
        '    mirrorPercentage: { value: 50 }',
        '    mirrors: [{ destination: { host: httpbin, subset: v2 } }]',
      ),
    );
    const run = await runCli(['analyze', '-f', path]);
    expect(run.code).toBe(79);
    expect(run.stdout).toMatch(
      /^Error \[SM0301\] \(VirtualService default\/httpbin .*both-mirrors\.yaml:21\) /m,
    );
  });

  it('reports schema errors as SM0901 with the field path and its line', async () => {
    const path = file('bad-weight.yaml', CLEAN.replace('weight: 100', 'weight: "lots"'));
    const run = await runCli(['analyze', '-f', path]);
    expect(run.code).toBe(79);
    expect(run.stdout).toMatch(
      /Error \[SM0901\] \(VirtualService default\/httpbin .*bad-weight\.yaml:30:\d+\) spec\.http\[0\]\.route\[0\]\.weight/,
    );
  });

  it('exits 0 on warnings only, printing them', async () => {
    const path = file('warn.yaml', CLEAN.replace('weight: 100', 'weight: 50'));
    const run = await runCli(['analyze', '-f', path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Warning \[SM0203\] \(VirtualService default\/httpbin /m);
  });

  it('exits 1 on malformed YAML, naming file, line and column', async () => {
    const path = file('broken.yaml', 'kind: Service\nmetadata: [unclosed\n');
    const run = await runCli(['analyze', '-f', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error: ${path.replace(/[.]/g, '\\.')}:\\d+:\\d+: `));
  });

  it('reads stdin with -f -', async () => {
    const run = await runCli(['analyze', '-f', '-'], { stdin: CLEAN });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No validation issues found when analyzing -.');
  });

  it('needs something to analyze', async () => {
    const run = await runCli(['analyze']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/nothing to analyze/);
  });

  it('analyzes every tutorial file without an error-level finding from its own documents', async () => {
    for (const name of readdirSync(TUTORIALS).filter((n) => n.endsWith('.yaml'))) {
      const run = await runCli(['analyze', '-f', join(TUTORIALS, name)]);
      expect(run.stdout + run.stderr, name).not.toMatch(/\[SM09\d\d\]/);
    }
  });
});

describe('shadowmesh analyze --server (live state)', () => {
  it('lays the files over the live objects: a Service that exists only live resolves the reference', async () => {
    const cp = await startTestControlPlane();
    try {
      const conn = ['--server', cp.url, '--data', cp.dataDir];
      const [service, ...rest] = CLEAN.split('---\n');
      const routing = file('routing.yaml', rest.join('---\n'));
      // Offline, the Service is missing: SM0101.
      const offline = await runCli(['analyze', '-f', routing]);
      expect(offline.code).toBe(79);
      expect(offline.stdout).toMatch(/^Error \[SM0101\]/m);
      // Live, it exists.
      expect((await runCli(['apply', '-f', '-', ...conn], { stdin: service })).code).toBe(0);
      const live = await runCli(['analyze', '-f', routing, ...conn]);
      expect(live.stdout).not.toMatch(/SM0101/);
      expect(live.code).toBe(0);
      // Without files: the live config alone (its DestinationRule subsets select no running workload).
      const only = await runCli(['analyze', ...conn]);
      expect(only.code).toBe(0);
      expect(only.stdout).toMatch(/No validation issues found|Warning/);
      // A file with an error exits 79 against the live state too.
      const bad = file(
        'bad-live.yaml',
        rest.join('---\n').replace('host: httpbin, subset: v1', 'host: gone'),
      );
      const badRun = await runCli(['analyze', '-f', bad, ...conn]);
      expect(badRun.code).toBe(79);
      expect(badRun.stdout).toContain(`Error [SM0101] (VirtualService default/httpbin ${bad}:`);
    } finally {
      await cp.close();
    }
  });
});
