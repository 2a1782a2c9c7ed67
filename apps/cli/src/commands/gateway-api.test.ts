// The client commands with the Gateway API kinds, against a real control plane: HTTPRoute and Gateway
// (gateway.networking.k8s.io), whose Gateway is another object than the Istio Gateway of the same name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../client/testing/run-cli.js';
import { startTestControlPlane, type TestControlPlane } from '../client/testing/test-control-plane.js';

const SERVER_FIELDS = /resourceVersion|generation|uid|creationTimestamp/;

const ISTIO_GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
`;

const gatewayApiGateway = (port = 80) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: ${port}
    protocol: HTTP
`;

const httpRoute = (v1: number, v2: number) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: reviews
spec:
  parentRefs:
  - name: gw
  hostnames: ["reviews.example.com"]
  rules:
  - filters:
    - type: RequestMirror
      requestMirror:
        backendRef: {name: reviews-v3, port: 9080}
    backendRefs:
    - {name: reviews-v1, port: 9080, weight: ${v1}}
    - {name: reviews-v2, port: 9080, weight: ${v2}}
`;

/** The HTTPRoute's backends, so that analysis finds nothing missing. */
const SERVICES = ['v1', 'v2', 'v3']
  .map(
    (v) => `apiVersion: v1
kind: Service
metadata: {name: reviews-${v}}
spec: {selector: {app: reviews, version: ${v}}, ports: [{name: http, port: 9080}]}
`,
  )
  .join('---\n');

let cp: TestControlPlane;
let conn: string[];
const scratch = mkdtempSync(join(tmpdir(), 'shadowmesh-gateway-api-'));

/** Writes `text` to a scratch file and returns its path. */
function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

const MIXED = [ISTIO_GATEWAY, gatewayApiGateway(), httpRoute(90, 10)].join('---\n');

beforeAll(async () => {
  cp = await startTestControlPlane();
  conn = ['--server', cp.url, '--data', cp.dataDir];
  const services = await runCli(['apply', '-f', file('services.yaml', SERVICES), ...conn]);
  if (services.code !== 0) throw new Error(`applying the Services failed: ${services.stderr}`);
});
afterAll(async () => {
  await cp?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('shadowmesh with Gateway API kinds', () => {
  it('apply names each object kubectl-style, the two Gateways apart', async () => {
    const run = await runCli(['apply', '-f', file('mixed.yaml', MIXED), ...conn]);
    expect(run).toMatchObject({
      code: 0,
      stdout: [
        'gateway.networking.istio.io/gw created',
        'gateway.gateway.networking.k8s.io/gw created',
        'httproute.gateway.networking.k8s.io/reviews created',
        '',
      ].join('\n'),
    });
    // Findings name the HTTPRoute as istioctl would (no workloads run here, so the mirror target has none).
    expect(run.stderr).toMatch(
      /^Warning \[SM0305\] \(HTTPRoute default\/reviews\) mirror target reviews-v3\./,
    );
    const again = await runCli(['apply', '-f', file('mixed.yaml', MIXED), '--dry-run', ...conn]);
    expect(again.stdout).toBe(
      [
        'gateway.networking.istio.io/gw unchanged (dry run)',
        'gateway.gateway.networking.k8s.io/gw unchanged (dry run)',
        'httproute.gateway.networking.k8s.io/reviews unchanged (dry run)',
        '',
      ].join('\n'),
    );
  });

  it('get resolves httproute(s), gtw and the group-qualified names; gateways stays Istio', async () => {
    for (const kind of ['httproutes', 'httproute', 'HTTPRoute', 'httproutes.gateway.networking.k8s.io']) {
      const run = await runCli(['get', kind, ...conn]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^NAME\s+HOSTNAMES\s+AGE\nreviews\s+\["reviews\.example\.com"\]\s+\d+s\n$/);
    }
    for (const kind of ['gtw', 'gateways.gateway.networking.k8s.io', 'gateway.gateway.networking.k8s.io']) {
      const run = await runCli(['get', kind, ...conn]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^NAME\s+CLASS\s+AGE\ngw\s+istio\s+\d+s\n$/);
    }
    for (const kind of ['gateways', 'gateway', 'gw', 'gateways.networking.istio.io']) {
      expect((await runCli(['get', kind, ...conn])).stdout).toMatch(/^NAME\s+AGE\ngw\s+\d+s\n$/);
    }
  });

  it('get -o wide and -A add the columns and the namespace', async () => {
    const wide = await runCli(['get', 'httproute', '-o', 'wide', ...conn]);
    expect(wide.stdout).toMatch(/^NAME\s+HOSTNAMES\s+AGE\s+PARENTS\s+MIRRORS\n/);
    expect(wide.stdout).toMatch(/^reviews\s.*\s+Gateway\/gw\s+reviews-v3\n$/m);
    expect((await runCli(['get', 'gtw', '-o', 'wide', ...conn])).stdout).toMatch(
      /^NAME\s+CLASS\s+AGE\s+LISTENERS\ngw\s+istio\s+\d+s\s+1\n$/,
    );
    const all = await runCli(['get', 'gtw', '-A', ...conn]);
    expect(all.stdout).toMatch(/^NAMESPACE\s+NAME\s+CLASS\s+AGE\ndefault\s+gw\s+istio\s+\d+s\n$/);
  });

  it('get all lists both Gateways and the HTTPRoute as kind.group/name', async () => {
    const run = await runCli(['get', 'all', ...conn]);
    expect(run.stdout).toMatch(/^gateway\.networking\.istio\.io\/gw\s/m);
    expect(run.stdout).toMatch(/^gateway\.gateway\.networking\.k8s\.io\/gw\s+istio\s/m);
    expect(run.stdout).toMatch(/^httproute\.gateway\.networking\.k8s\.io\/reviews\s/m);
    const names = await runCli(['get', 'gw,gtw,httproute', '-o', 'name', ...conn]);
    expect(names.stdout).toBe(
      'gateway.networking.istio.io/gw\ngateway.gateway.networking.k8s.io/gw\nhttproute.gateway.networking.k8s.io/reviews\n',
    );
  });

  it('get -o yaml|json prints manifests (kind: Gateway) that apply back unchanged', async () => {
    const yaml = await runCli(['get', 'gtw', 'gw', '-o', 'yaml', ...conn]);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).not.toMatch(SERVER_FIELDS);
    const [doc] = parseAllDocuments(yaml.stdout).map((d) => d.toJSON());
    expect(doc).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'default' },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    });
    const back = await runCli(['apply', '-f', '-', ...conn], { stdin: yaml.stdout });
    expect(back).toMatchObject({ code: 0, stdout: 'gateway.gateway.networking.k8s.io/gw unchanged\n' });

    const json = JSON.parse((await runCli(['get', 'gtw', 'gw', '-o', 'json', ...conn])).stdout);
    expect(json).toMatchObject({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway' });
    const route = JSON.parse((await runCli(['get', 'httproute', 'reviews', '-o', 'json', ...conn])).stdout);
    expect(route.kind).toBe('HTTPRoute');

    // Every kind at once, edited and applied again: only the edited object changes, the right Gateway.
    const everything = await runCli(['get', 'gw,gtw,httproute', '-o', 'yaml', ...conn]);
    const edited = everything.stdout.replace(
      'port: 80\n    protocol: HTTP',
      'port: 8080\n    protocol: HTTP',
    );
    expect(edited).not.toBe(everything.stdout);
    const applied = await runCli(['apply', '-f', '-', ...conn], { stdin: edited });
    expect(applied.stdout).toBe(
      [
        'gateway.networking.istio.io/gw unchanged',
        'gateway.gateway.networking.k8s.io/gw configured',
        'httproute.gateway.networking.k8s.io/reviews unchanged',
        '',
      ].join('\n'),
    );
    const istio = JSON.parse((await runCli(['get', 'gw', 'gw', '-o', 'json', ...conn])).stdout);
    expect(istio.spec.servers[0].port.number).toBe(80);
    await runCli(['apply', '-f', file('gtw.yaml', gatewayApiGateway()), ...conn]);
  });

  it('diff shows the HTTPRoute weight change as a YAML diff of the manifest', async () => {
    const run = await runCli(['diff', '-f', file('weights.yaml', httpRoute(50, 50)), ...conn]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^httproute\.gateway\.networking\.k8s\.io\/reviews configured\n/);
    expect(run.stdout).toContain('--- live/default/httproute.gateway.networking.k8s.io/reviews');
    expect(run.stdout).toMatch(/^-\s+weight: 90$/m);
    expect(run.stdout).toMatch(/^\+\s+weight: 50$/m);
    const gtw = await runCli(['diff', '-f', file('gtw-8081.yaml', gatewayApiGateway(8081)), ...conn]);
    expect(gtw.code).toBe(1);
    expect(gtw.stdout).toContain('+++ applied/default/gateway.gateway.networking.k8s.io/gw');
    expect(gtw.stdout).toMatch(/^\+\s+port: 8081$/m);
    const other = await runCli([
      'diff',
      '-f',
      file('gtw2.yaml', gatewayApiGateway().replace('name: gw', 'name: gw2')),
      ...conn,
    ]);
    expect(other.stdout).toMatch(/^gateway\.gateway\.networking\.k8s\.io\/gw2 created\n/);
    expect(other.stdout).toMatch(/^\+apiVersion: gateway\.networking\.k8s\.io\/v1\n\+kind: Gateway\n/m);
    const same = await runCli(['diff', '-f', file('mixed.yaml', MIXED), ...conn]);
    expect(same).toMatchObject({ code: 0 });
    expect(same.stdout).toMatch(/^gateway\.gateway\.networking\.k8s\.io\/gw unchanged$/m);
  });

  it('history and rollback undo an HTTPRoute weight change', async () => {
    const changed = await runCli(['apply', '-f', file('weights.yaml', httpRoute(50, 50)), ...conn]);
    expect(changed.stdout).toBe('httproute.gateway.networking.k8s.io/reviews configured\n');
    const history = await runCli(['history', 'httproute', 'reviews', ...conn]);
    const rows = history.stdout.trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^(\d+)\s.*\sconfigured\s+HTTPRoute\/default\/reviews$/);
    expect(rows[1]).toMatch(/\screated\s+HTTPRoute\/default\/reviews$/);
    const created = Number(rows[1]!.split(/\s+/)[0]);

    const gtwHistory = await runCli(['history', 'gtw', 'gw', ...conn]);
    expect(gtwHistory.stdout).toMatch(/\screated\s+Gateway\.gateway\.networking\.k8s\.io\/default\/gw$/m);
    expect(gtwHistory.stdout).not.toMatch(/\sGateway\/default\/gw$/m);
    const json = JSON.parse((await runCli(['history', 'gtw', 'gw', '-o', 'json', ...conn])).stdout);
    // The record keeps the API's kind; the objects in it are manifests that apply again.
    expect(json.items[0]).toMatchObject({ kind: 'KubernetesGateway', after: { kind: 'Gateway' } });

    const dry = await runCli(['rollback', String(created), 'httproute', 'reviews', '--dry-run', ...conn]);
    expect(dry.stdout).toBe('httproute.gateway.networking.k8s.io/reviews configured (dry run)\n');
    const rolled = await runCli(['rollback', String(created), 'httproute', 'reviews', ...conn]);
    expect(rolled).toMatchObject({
      code: 0,
      stdout: 'httproute.gateway.networking.k8s.io/reviews configured\n',
    });
    const route = JSON.parse((await runCli(['get', 'httproute', 'reviews', '-o', 'json', ...conn])).stdout);
    expect(route.spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight)).toEqual([90, 10]);
    const latest = (await runCli(['history', 'httproute', 'reviews', '--limit', '1', ...conn])).stdout;
    expect(latest).toMatch(
      new RegExp(`configured \\(rollback to ${created}\\)\\s+HTTPRoute/default/reviews`),
    );
  });

  it('analyze reports the Gateway API kinds by their manifest names, with file and line', async () => {
    const services = join(scratch, 'services.yaml');
    const clean = await runCli(['analyze', '-f', services, '-f', file('mixed.yaml', MIXED)]);
    expect(clean, clean.stdout).toMatchObject({ code: 0 });
    // Without the Services the HTTPRoute's backends are missing: reported at the HTTPRoute's document.
    const alone = await runCli(['analyze', '-f', file('mixed.yaml', MIXED)]);
    expect(alone.code).toBe(79);
    expect(alone.stdout).toMatch(
      /^Error \[SM0109\] \(HTTPRoute default\/reviews .*mixed\.yaml:23\) backend Service/m,
    );
    const bad = file('bad-port.yaml', `${ISTIO_GATEWAY}---\n${gatewayApiGateway(70000)}`);
    const run = await runCli(['analyze', '-f', bad]);
    expect(run.code).toBe(79);
    expect(run.stdout).toMatch(
      /^Error \[SM0901\] \(Gateway\.gateway\.networking\.k8s\.io default\/gw .*bad-port\.yaml:12\) port 70000 is out of range 1-65535/m,
    );
    const live = await runCli(['analyze', '--server', cp.url, '--data', cp.dataDir]);
    expect(live.code, live.stdout).toBe(0);
    const refused = await runCli(['apply', '-f', bad, ...conn]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: .*bad-port\.yaml:\d+(:\d+)?: Gateway\.gateway\.networking\.k8s\.io gw: /m,
    );
  });

  it('delete removes the named kind only; delete -f of an invalid Gateway API Gateway spares the Istio one', async () => {
    const run = await runCli(['delete', 'gtw', 'gw', ...conn]);
    expect(run).toEqual({ code: 0, stdout: 'gateways.gateway.networking.k8s.io "gw" deleted\n', stderr: '' });
    expect(await runCli(['get', 'gtw', 'gw', ...conn])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): gateways.gateway.networking.k8s.io "gw" not found\n',
    });
    expect((await runCli(['get', 'gw', 'gw', ...conn])).code).toBe(0);

    await runCli(['apply', '-f', file('gtw.yaml', gatewayApiGateway()), ...conn]);
    // No gatewayClassName: invalid, but it still names the Gateway API Gateway to delete.
    const invalid = file('invalid-gtw.yaml', gatewayApiGateway().replace('  gatewayClassName: istio\n', ''));
    const byFile = await runCli(['delete', '-f', invalid, ...conn]);
    expect(byFile).toEqual({
      code: 0,
      stdout: 'gateways.gateway.networking.k8s.io "gw" deleted\n',
      stderr: '',
    });
    expect((await runCli(['get', 'gw', 'gw', ...conn])).code).toBe(0);

    const route = await runCli(['delete', 'httproute/reviews', ...conn]);
    expect(route.stdout).toBe('httproutes.gateway.networking.k8s.io "reviews" deleted\n');
    expect((await runCli(['get', 'httproutes', ...conn])).stderr).toBe(
      'No resources found in default namespace.\n',
    );
  });
});
