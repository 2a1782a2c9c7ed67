import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestMeshKind, parseManifests, RESOURCE_SCHEMAS } from '@shadowmesh/api';
import { undeclaredKeyPaths } from '@shadowmesh/api/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../client/testing/run-cli.js';
import { startTestControlPlane, type TestControlPlane } from '../client/testing/test-control-plane.js';

const REPO_TUTORIALS = join(import.meta.dirname, '../../../../tutorials');
const SHARED_TUTORIALS = '/work/shared/tutorials';
const TUTORIALS = ['istioapp', 'httpbin', 'hello-mirroring', 'music'] as const;
const USER_METADATA = ['name', 'namespace', 'labels', 'annotations'];

type Doc = { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec?: unknown };

/** The tutorial's files in the order its reader applies them (workloads and service first, then routes). */
function tutorialFiles(dir: string, tutorial: string): string[] {
  const order = ['workloads', 'service', 'gateway', 'route', 'canary', 'mirror', 'shift'];
  const rank = (f: string) => order.findIndex((step) => f.includes(`-${step}`));
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${tutorial}-`) && f.endsWith('.yaml'))
    .sort((a, b) => rank(a) - rank(b))
    .map((f) => join(dir, f));
}

/**
 * What the cluster holds after applying `files` in order, as the user wrote it: each managed document (the
 * ones apply does not skip: Deployments are skipped, as the control plane does), the last write of a name winning.
 */
function expectedObjects(files: readonly string[]): Map<string, Doc> {
  const out = new Map<string, Doc>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const parsed = parseManifests(text);
    expect(parsed.ok, `${file}: ${JSON.stringify(parsed.errors)}`).toBe(true);
    const raw = parseAllDocuments(text).map((d) => d.toJS() as Doc | null);
    for (const entry of parsed.entries) {
      if (entry.status !== 'resource') continue;
      const doc = raw[entry.index];
      if (!doc) throw new Error(`${file}: no document ${entry.index}`);
      out.set(keyOf(doc), doc);
    }
  }
  return out;
}

function keyOf(doc: Doc): string {
  const group = doc.apiVersion.includes('/') ? doc.apiVersion.split('/')[0] : '';
  return `${doc.kind}.${group} ${String(doc.metadata.namespace ?? 'default')}/${String(doc.metadata.name)}`;
}

function exportedDocs(text: string): Doc[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as Doc | null)
    .filter((d): d is Doc => d !== null);
}

let cp: TestControlPlane;
let conn: string[];
const scratch = mkdtempSync(join(tmpdir(), 'shadowmesh-export-'));

beforeEach(async () => {
  cp = await startTestControlPlane();
  conn = ['--server', cp.url, '--data', cp.dataDir];
});
afterEach(async () => {
  await cp?.close();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function applyAll(files: readonly string[]): Promise<void> {
  for (const file of files) {
    const run = await runCli(['apply', '-f', file, ...conn]);
    if (run.code !== 0) throw new Error(`applying ${file} failed: ${run.stderr}`);
  }
}

describe('shadowmesh export round-trips each tutorial', () => {
  it('the repo tutorials are the shared tutorials', () => {
    for (const f of readdirSync(SHARED_TUTORIALS).filter((n) => n.endsWith('.yaml'))) {
      expect(readFileSync(join(REPO_TUTORIALS, f), 'utf8'), f).toBe(
        readFileSync(join(SHARED_TUTORIALS, f), 'utf8'),
      );
    }
  });

  for (const tutorial of TUTORIALS) {
    it(`${tutorial}: the same objects and specs as applied, no server or Shadowmesh-only field, Istio's field names`, async () => {
      const files = tutorialFiles(REPO_TUTORIALS, tutorial);
      expect(files.length).toBeGreaterThan(0);
      await applyAll(files);
      const run = await runCli(['export', '-A', ...conn]);
      expect(run.code, run.stderr).toBe(0);
      const docs = exportedDocs(run.stdout);
      const expected = expectedObjects(files);
      expect(docs.map(keyOf).sort()).toEqual([...expected.keys()].sort());
      for (const doc of docs) {
        const input = expected.get(keyOf(doc));
        if (!input) throw new Error(`exported ${keyOf(doc)} was never applied`);
        expect(doc.spec, keyOf(doc)).toEqual(input.spec);
        expect(doc.kind).toBe(input.kind);
        for (const key of Object.keys(doc.metadata)) expect(USER_METADATA, keyOf(doc)).toContain(key);
        expect(doc.metadata.labels ?? {}).toEqual(input.metadata.labels ?? {});
        expect(doc.metadata.annotations ?? {}).toEqual(input.metadata.annotations ?? {});
        expect(Object.keys(doc)).toEqual(
          doc.spec === undefined
            ? ['apiVersion', 'kind', 'metadata']
            : ['apiVersion', 'kind', 'metadata', 'spec'],
        );
        const kind = manifestMeshKind(doc.kind, doc.apiVersion);
        if (!kind) throw new Error(`exported ${keyOf(doc)} is not a managed kind`);
        expect(undeclaredKeyPaths(RESOURCE_SCHEMAS[kind], doc), keyOf(doc)).toEqual([]);
      }
      expect(run.stdout).not.toMatch(
        /resourceVersion|generation|uid:|creationTimestamp|managedFields|status:|shadowmesh\.io/,
      );
      // The export applies again, unchanged: it is what the control plane holds.
      const again = await runCli(['apply', '-f', '-', ...conn], { stdin: run.stdout });
      expect(again.code, again.stderr).toBe(0);
      for (const line of again.stdout.trimEnd().split('\n')) expect(line).toMatch(/ unchanged$/);
    });
  }
});

describe('shadowmesh export', () => {
  const MESH_CONFIG = [
    'apiVersion: shadowmesh.io/v1alpha1',
    'kind: MeshConfig',
    'metadata: { name: default }',
    'spec: {}',
    '---',
    'apiVersion: shadowmesh.io/v1alpha1',
    'kind: ShadowPolicy',
    'metadata: { name: httpbin, namespace: default }',
    'spec: { host: httpbin }',
  ].join('\n');

  it('leaves Shadowmesh-only kinds out, saying so on stderr and in a comment at the top', async () => {
    await applyAll(tutorialFiles(REPO_TUTORIALS, 'httpbin'));
    const mc = await runCli(['apply', '-f', '-', ...conn], { stdin: MESH_CONFIG });
    expect(mc.code, mc.stderr).toBe(0);
    const run = await runCli(['export', ...conn]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'note: left out 2 Shadowmesh-only objects (no Istio equivalent): MeshConfig default/default, ShadowPolicy default/httpbin\n',
    );
    const header = run.stdout.split('\n').filter((l) => l.startsWith('#'));
    expect(header[0]).toMatch(/^# Exported by shadowmesh: .*kubectl apply -f/);
    expect(header.slice(1, 4)).toEqual([
      '# Left out:',
      expect.stringMatching(/^# {3}MeshConfig default\/default: a Shadowmesh-only kind \(shadowmesh\.io\)/),
      expect.stringMatching(/^# {3}ShadowPolicy default\/httpbin: a Shadowmesh-only kind/),
    ]);
    const kinds = exportedDocs(run.stdout).map((d) => d.kind);
    expect(kinds).toEqual(['Service', 'DestinationRule', 'VirtualService']);
    // Asked for by kind, a Shadowmesh-only kind exports nothing but the note.
    const only = await runCli(['export', 'meshconfig', ...conn]);
    expect(only.code).toBe(0);
    expect(exportedDocs(only.stdout)).toEqual([]);
    expect(only.stderr).toMatch(/^note: left out 1 Shadowmesh-only object /);
  });

  it('exports one kind, or one object by kind/name, from the namespace asked for', async () => {
    await applyAll(tutorialFiles(REPO_TUTORIALS, 'music'));
    const vs = exportedDocs((await runCli(['export', 'vs', '-n', 'music', ...conn])).stdout);
    expect(vs.map((d) => d.metadata.name).sort()).toEqual(['back-gw-virtualservice', 'back-virtualservice']);
    const one = exportedDocs(
      (await runCli(['export', 'vs/back-virtualservice', '-n', 'music', ...conn])).stdout,
    );
    expect(one.map(keyOf)).toEqual(['VirtualService.networking.istio.io music/back-virtualservice']);
    const none = await runCli(['export', ...conn]);
    expect(none.code).toBe(0);
    expect(none.stderr).toBe('No resources found in default namespace.\n');
  });

  it('-o FILE writes the file and says how many objects it holds', async () => {
    await applyAll(tutorialFiles(REPO_TUTORIALS, 'istioapp'));
    const path = join(scratch, 'istioapp.yaml');
    const run = await runCli(['export', '-o', path, ...conn]);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toMatch(/^wrote 3 objects to /);
    expect(exportedDocs(readFileSync(path, 'utf8')).map((d) => d.kind)).toEqual([
      'Service',
      'DestinationRule',
      'VirtualService',
    ]);
  });

  it('bad input names what is wrong, exit 1', async () => {
    const unknownFlag = await runCli(['export', '--bogus', ...conn]);
    expect(unknownFlag.code).toBe(1);
    expect(unknownFlag.stderr).toMatch(/unknown option '--bogus'/);
    const kind = await runCli(['export', 'pods', ...conn]);
    expect(kind.code).toBe(1);
    expect(kind.stderr).toMatch(/^error: the server doesn't have a resource type "pods"/);
    const missing = await runCli(['export', 'vs/nope', ...conn]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/^error: virtualservices\.networking\.istio\.io "nope" not found/);
    const unwritable = await runCli(['export', '-o', join(scratch, 'no-such-dir', 'x.yaml'), ...conn]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/^error: --output .*x\.yaml: cannot write/m);
    const byNameEverywhere = await runCli(['export', 'vs/x', '-A', ...conn]);
    expect(byNameEverywhere.code).toBe(1);
    expect(byNameEverywhere.stderr).toMatch(
      /^error: a resource cannot be exported by name across all namespaces/,
    );
  });
});
