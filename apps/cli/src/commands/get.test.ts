import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../client/testing/run-cli.js';
import { startTestControlPlane, type TestControlPlane } from '../client/testing/test-control-plane.js';

const TUTORIALS = join(import.meta.dirname, '../../../../tutorials');
const SERVER_FIELDS = /resourceVersion|generation|uid|creationTimestamp/;

let cp: TestControlPlane;
let conn: string[];
const scratch = mkdtempSync(join(tmpdir(), 'shadowmesh-get-'));

beforeAll(async () => {
  cp = await startTestControlPlane();
  conn = ['--server', cp.url, '--data', cp.dataDir];
  for (const name of [
    'httpbin-workloads.yaml',
    'httpbin-route-v1.yaml',
    'httpbin-mirror.yaml',
    'music-gateway.yaml',
  ]) {
    const run = await runCli(['apply', '-f', join(TUTORIALS, name), ...conn]);
    if (run.code !== 0) throw new Error(`applying ${name} failed: ${run.stderr}`);
  }
  const labelled = [
    'apiVersion: v1',
    'kind: Service',
    'metadata: { name: tagged, labels: { app: tagged, tier: web } }',
    'spec: { ports: [{ port: 9000, name: http }], selector: { app: tagged } }',
  ].join('\n');
  writeFileSync(join(scratch, 'tagged.yaml'), labelled);
  await runCli(['apply', '-f', join(scratch, 'tagged.yaml'), ...conn]);
});
afterAll(async () => {
  await cp?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('shadowmesh get', () => {
  it('prints a kubectl-style table per kind, by any name of the kind', async () => {
    for (const kind of ['vs', 'virtualservice', 'virtualservices', 'VirtualService']) {
      const run = await runCli(['get', kind, ...conn]);
      expect(run.code).toBe(0);
      const [header, ...rows] = run.stdout.trimEnd().split('\n');
      expect(header).toMatch(/^NAME\s+GATEWAYS\s+HOSTS\s+AGE$/);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatch(/^httpbin\s+<none>\s+\["httpbin"\]\s+\d+s$/);
    }
    expect((await runCli(['get', 'dr', ...conn])).stdout).toMatch(
      /^NAME\s+HOST\s+AGE\nhttpbin\s+httpbin\s+\d+s\n$/,
    );
    expect((await runCli(['get', 'svc', ...conn])).stdout).toMatch(
      /^httpbin\s+ClusterIP\s+8000\/TCP\s+\d+s$/m,
    );
  });

  it('-o wide adds columns; -A adds NAMESPACE; -n picks a namespace', async () => {
    const wide = await runCli(['get', 'vs', '-o', 'wide', ...conn]);
    expect(wide.stdout).toMatch(/^NAME\s+GATEWAYS\s+HOSTS\s+AGE\s+HTTP-ROUTES\s+MIRRORS$/m);
    expect(wide.stdout).toMatch(/^httpbin\s.*\s1\s+httpbin$/m);
    const all = await runCli(['get', 'gw', '-A', ...conn]);
    expect(all.stdout).toMatch(/^NAMESPACE\s+NAME\s+AGE\nmusic\s+music-gateway\s+\d+s\n$/);
    const music = await runCli(['get', 'vs', '-n', 'music', ...conn]);
    expect(music.stdout).toMatch(/^back-gw-virtualservice\s+\["music-gateway"\]\s+\["\*"\]\s/m);
  });

  it('says "No resources found" on stderr when there are none', async () => {
    const run = await runCli(['get', 'se', ...conn]);
    expect(run).toEqual({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
  });

  it('filters with -l like kubectl', async () => {
    const run = await runCli(['get', 'svc', '-l', 'tier=web', ...conn]);
    expect(
      run.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['tagged']);
    expect((await runCli(['get', 'svc', '-l', 'tier notin (web)', ...conn])).stdout).not.toMatch(/^tagged/m);
    const bad = await runCli(['get', 'svc', '-l', 'tier in web', ...conn]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: invalid label selector/);
  });

  it('-o yaml prints apiVersion, kind, metadata without server fields, and spec', async () => {
    const run = await runCli(['get', 'vs', 'httpbin', '-o', 'yaml', ...conn]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(SERVER_FIELDS);
    const [doc] = parseAllDocuments(run.stdout).map((d) => d.toJSON());
    expect(Object.keys(doc)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(doc.metadata).toEqual({ name: 'httpbin', namespace: 'default' });
    expect(doc.spec.http[0].mirror).toEqual({ host: 'httpbin', subset: 'v2' });
  });

  it('round-trips: applying the -o yaml output again changes nothing', async () => {
    for (const kind of ['vs', 'dr', 'svc', 'gw']) {
      const run = await runCli(['get', kind, '-A', '-o', 'yaml', ...conn]);
      expect(run.code).toBe(0);
      const path = join(scratch, `${kind}.yaml`);
      writeFileSync(path, run.stdout);
      const again = await runCli(['apply', '-f', path, ...conn]);
      expect(again.code, again.stderr).toBe(0);
      const lines = again.stdout.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/ unchanged$/);
    }
    // The output is also what `kubectl apply` takes: plain documents, no List, no server fields.
    expect(readFileSync(join(scratch, 'vs.yaml'), 'utf8')).not.toMatch(/kind: List|status:/);
  });

  it('-o json prints one object by name, a List otherwise; -o name prints kind.group/name', async () => {
    const one = JSON.parse((await runCli(['get', 'dr', 'httpbin', '-o', 'json', ...conn])).stdout);
    expect(one).toMatchObject({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule' });
    expect(one.metadata.resourceVersion).toBeUndefined();
    const list = JSON.parse((await runCli(['get', 'svc', '-o', 'json', ...conn])).stdout);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toContain('httpbin');
    const names = await runCli(['get', 'vs,dr', '-o', 'name', ...conn]);
    // Kinds in the order asked for, as kubectl does.
    expect(names.stdout).toBe(
      'virtualservice.networking.istio.io/httpbin\ndestinationrule.networking.istio.io/httpbin\n',
    );
  });

  it('get all prints one table per kind that has objects, names as kind.group/name', async () => {
    const run = await runCli(['get', 'all', ...conn]);
    expect(run.stdout).toMatch(/^NAME\s+TYPE\s+PORT\(S\)\s+AGE\nservice\/httpbin\s/m);
    expect(run.stdout).toMatch(/^virtualservice\.networking\.istio\.io\/httpbin\s/m);
    expect(run.stdout).toContain('\n\nNAME');
  });

  it('reports a missing object as kubectl does, exit 1', async () => {
    const run = await runCli(['get', 'vs', 'nope', ...conn]);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): virtualservices.networking.istio.io "nope" not found\n',
    });
  });

  it('names the known kinds when the kind is unknown', async () => {
    const run = await runCli(['get', 'pods', ...conn]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: the server doesn't have a resource type "pods"; known types: services \(service, svc\)/,
    );
  });
});
